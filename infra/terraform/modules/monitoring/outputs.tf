output "topic_arn" {
  description = "SNS topic every alarm notifies on ALARM and OK."
  value       = aws_sns_topic.alarms.arn
}

output "alarm_names" {
  description = "Alarm names by what they watch."
  value = {
    fp_events_throttles    = aws_cloudwatch_metric_alarm.fp_events_throttles.alarm_name
    consent_throttles      = aws_cloudwatch_metric_alarm.consent_throttles.alarm_name
    lambda_error_rate      = aws_cloudwatch_metric_alarm.lambda_error_rate.alarm_name
    api_latency_p95        = aws_cloudwatch_metric_alarm.api_latency_p95.alarm_name
    evaluation_latency_p95 = aws_cloudwatch_metric_alarm.evaluation_latency_p95.alarm_name
    nonce_failures         = aws_cloudwatch_metric_alarm.nonce_failures.alarm_name
  }
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard."
  value       = aws_cloudwatch_dashboard.oracle.dashboard_name
}

output "budget_name" {
  description = "Name of the monthly cost budget; null when there is none."
  value       = local.budget_enabled ? aws_budgets_budget.monthly[0].name : null
}

output "drill_queue_url" {
  description = "URL of the drill subscriber queue (what sqs:ReceiveMessage takes); null where drills are not allowed."
  value       = local.drills_enabled ? local.drill_queue.url : null
}

output "drill_queue_arn" {
  description = "ARN of the drill subscriber queue; null where drills are not allowed."
  value       = local.drills_enabled ? local.drill_queue.arn : null
}
