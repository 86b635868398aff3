output "function_name" {
  description = "Name of the Lambda."
  value       = aws_lambda_function.oracle.function_name
}

output "function_arn" {
  description = "ARN of the Lambda (unqualified)."
  value       = aws_lambda_function.oracle.arn
}

output "alias_name" {
  description = "Name of the alias the actions invoke."
  value       = aws_lambda_alias.live.name
}

output "alias_arn" {
  description = "ARN of the alias."
  value       = aws_lambda_alias.live.arn
}

output "version" {
  description = "Version the alias points at."
  value       = aws_lambda_function.oracle.version
}

output "api_id" {
  description = "Id of the HTTP API (the ApiId metric dimension)."
  value       = aws_apigatewayv2_api.webhook.id
}

output "api_url" {
  description = "Base URL of the HTTP API's default stage (the generated execute-api URL)."
  value       = aws_apigatewayv2_api.webhook.api_endpoint
}

output "stage_name" {
  description = "Name of the HTTP API's stage ($default), which a custom domain maps to."
  value       = aws_apigatewayv2_stage.default.name
}

output "log_group_names" {
  description = "Log groups of the Lambda and of the API's access logs."
  value = {
    lambda = aws_cloudwatch_log_group.lambda.name
    api    = aws_cloudwatch_log_group.api_access.name
  }
}
