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

variable "table_prefix" {
  description = "Given to the Oracle as DYNAMODB_TABLE_PREFIX; it derives <prefix>fp-events-<env> and <prefix>consent-<env>."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{1,200}$", var.table_prefix))
    error_message = "table_prefix must be letters, digits, _ . and - (at most 200), such as \"mirror-dissonance-\"."
  }
}

variable "parameter_prefix" {
  description = "Given to the Oracle as SSM_PARAMETER_PREFIX; it derives <prefix>webhook-secret."
  type        = string

  validation {
    condition     = can(regex("^(/[A-Za-z0-9_.-]+)+/$", var.parameter_prefix))
    error_message = "parameter_prefix must be an SSM path that starts and ends with /, such as \"/mirror-dissonance/staging/\"."
  }
}

variable "parameter_names" {
  description = "SSM parameters given to the Oracle as NONCE_SSM and GITHUB_TOKEN_SSM."
  type = object({
    nonce        = string
    github_token = string
  })
}

variable "verify_action_shas" {
  description = "true sets VERIFY_ACTION_SHAS=true in the Oracle's environment; false leaves it out (the Oracle's default)."
  type        = bool
  default     = false
}
