output "fp_events_table_name" {
  description = "Name of the false-positive events table."
  value       = aws_dynamodb_table.fp_events.name
}

output "consent_table_name" {
  description = "Name of the consent table."
  value       = aws_dynamodb_table.consent.name
}

output "table_arns" {
  description = "ARNs of both tables (false-positive events first)."
  value       = [aws_dynamodb_table.fp_events.arn, aws_dynamodb_table.consent.arn]
}

output "index_arns" {
  description = "ARNs of the tables' secondary indexes (FindingIndex)."
  value       = ["${aws_dynamodb_table.fp_events.arn}/index/FindingIndex"]
}
