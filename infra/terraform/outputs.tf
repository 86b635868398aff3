output "environment" {
  description = "The environment this state describes."
  value       = var.environment
}

output "account_id" {
  description = "AWS account every resource (and the budget) belongs to."
  value       = local.aws.account_id
}

output "region" {
  description = "AWS region of every resource."
  value       = local.aws.region
}

output "function_name" {
  description = "Name of the Oracle Lambda."
  value       = module.oracle.function_name
}

output "function_alias" {
  description = "Alias the actions invoke (the qualifier)."
  value       = module.oracle.alias_name
}

output "function_alias_arn" {
  description = "ARN of the alias, for invoke permissions and IAM simulations."
  value       = module.oracle.alias_arn
}

output "api_url" {
  description = "Base URL of the HTTP API, https://<custom_domain.name> when a custom domain is set, else the generated execute-api URL; the routes are GET /health and POST /webhook under it."
  value       = var.custom_domain.name == "" ? module.oracle.api_url : module.domain.url
}

output "api_endpoint" {
  description = "The HTTP API's generated execute-api URL, which serves the same routes as api_url and changes when the API is re-created."
  value       = module.oracle.api_url
}

output "fp_events_table_name" {
  description = "DynamoDB table of false-positive events."
  value       = module.dynamodb.fp_events_table_name
}

output "consent_table_name" {
  description = "DynamoDB table of per-organisation consent."
  value       = module.dynamodb.consent_table_name
}

output "parameter_prefix" {
  description = "SSM path that holds the Oracle's three SecureString parameters."
  value       = module.ssm.parameter_prefix
}

output "nonce_parameter_name" {
  description = "SSM parameter of the nonce (64 hex characters, set out of band)."
  value       = module.ssm.parameter_names.nonce
}

output "github_token_parameter_name" {
  description = "SSM parameter of the GitHub token the Oracle reads PR files with (set out of band)."
  value       = module.ssm.parameter_names.github_token
}

output "webhook_secret_parameter_name" {
  description = "SSM parameter of the GitHub webhook secret (set out of band)."
  value       = module.ssm.parameter_names.webhook_secret
}

output "kms_key_arn" {
  description = "Customer-managed KMS key of the tables, parameters, logs and alarm topic."
  value       = module.kms.key_arn
}

output "deploy_role_arn" {
  description = "Role the deploy workflow assumes with GitHub OIDC (environment-scoped subject)."
  value       = module.iam.deploy_role_arn
}

output "plan_role_arn" {
  description = "Role the pull-request workflow assumes with GitHub OIDC: reads the state only (plans without refresh)."
  value       = module.iam.plan_role_arn
}

output "drift_role_arn" {
  description = "Read-only role drift detection assumes with GitHub OIDC from the default branch."
  value       = module.iam.drift_role_arn
}

output "exec_role_arn" {
  description = "Execution role of the Oracle Lambda."
  value       = module.iam.exec_role_arn
}

output "metrics_namespace" {
  description = "CloudWatch namespace of the Oracle's embedded metrics."
  value       = local.names.metrics_namespace
}

output "alarm_names" {
  description = "Every alarm, by what it watches."
  value       = module.monitoring.alarm_names
}

output "alarm_topic_arn" {
  description = "SNS topic that receives every alarm's ALARM and OK notifications."
  value       = module.monitoring.topic_arn
}

output "alarm_delivery" {
  description = "Where the alarms go: \"email\", \"slack\", \"email, slack\", or \"waived: <reason>\" when they reach no one (deploy-staging's summary warns then)."
  value       = coalesce(join(", ", local.alarm_routes), "waived: ${trimspace(var.alarm_delivery_waiver)}")
}

output "dashboard_name" {
  description = "CloudWatch dashboard of the Oracle."
  value       = module.monitoring.dashboard_name
}

output "budget_name" {
  description = "Name of the environment's monthly AWS Budget (DescribeBudget takes it with account_id); null when budget_limit_usd is 0."
  value       = module.monitoring.budget_name
}

output "drill_queue_url" {
  description = "URL of the drill subscriber queue on the alarm topic, where the alarm drill reads notifications; null where fault drills are not allowed."
  value       = module.monitoring.drill_queue_url
}

output "drill_queue_arn" {
  description = "ARN of the drill subscriber queue; null where fault drills are not allowed."
  value       = module.monitoring.drill_queue_arn
}
