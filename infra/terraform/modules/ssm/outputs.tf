output "parameter_prefix" {
  description = "SSM path of the three parameters."
  value       = var.parameter_prefix
}

output "parameter_names" {
  description = "Names of the nonce, GitHub token and webhook secret parameters."
  value = {
    nonce          = aws_ssm_parameter.nonce.name
    github_token   = aws_ssm_parameter.github_token.name
    webhook_secret = aws_ssm_parameter.webhook_secret.name
  }
}

output "parameter_arns" {
  description = "ARNs of the three parameters (nonce, GitHub token, webhook secret)."
  value       = [aws_ssm_parameter.nonce.arn, aws_ssm_parameter.github_token.arn, aws_ssm_parameter.webhook_secret.arn]
}
