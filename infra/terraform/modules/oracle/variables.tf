variable "environment" {
  description = "Deployment environment, given to the Oracle as ENVIRONMENT."
  type        = string
}

variable "function_name" {
  description = "Name of the Lambda, e.g. mirror-dissonance-oracle-staging."
  type        = string
}

variable "alias_name" {
  description = "Alias that always points at the latest published version; the actions and the HTTP API invoke it."
  type        = string
}

variable "exec_role_arn" {
  description = "Execution role of the Lambda."
  type        = string
}

variable "package_path" {
  description = "Path of the deployment zip (index.js at its root exporting handler)."
  type        = string
}

variable "memory_mb" {
  description = "Memory of the Lambda in MB."
  type        = number
}

variable "timeout_seconds" {
  description = "Timeout of one invocation in seconds."
  type        = number
}

variable "reserved_concurrency" {
  description = "Reserved concurrent executions; -1 for none."
  type        = number
}

variable "lambda_log_group" {
  description = "Log group of the Lambda; must be /aws/lambda/<function_name>, where Lambda writes."
  type        = string
}

variable "api_log_group" {
  description = "Log group of the HTTP API's access logs."
  type        = string
}

variable "kms_key_arn" {
  description = "Customer-managed key that encrypts both log groups."
  type        = string
}

variable "fp_events_table_name" {
  description = "Given to the Oracle as FP_EVENTS_TABLE."
  type        = string
}

variable "consent_table_name" {
  description = "Given to the Oracle as CONSENT_TABLE."
  type        = string
}

variable "parameter_names" {
  description = "SSM parameters given to the Oracle as NONCE_PARAMETER, GITHUB_TOKEN_PARAMETER and WEBHOOK_SECRET_PARAMETER."
  type = object({
    nonce          = string
    github_token   = string
    webhook_secret = string
  })
}

variable "metrics_namespace" {
  description = "Given to the Oracle as METRICS_NAMESPACE."
  type        = string
}
