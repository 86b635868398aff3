output "url" {
  description = "https://<domain_name>, the base URL of the HTTP API on its own domain; null when there is no domain."
  value       = local.enabled ? "https://${aws_route53_record.api[0].name}" : null
}
