variable "alias_name" {
  description = "Alias of the key, e.g. alias/mirror-dissonance-staging."
  type        = string

  validation {
    condition     = can(regex("^alias/[A-Za-z0-9/_-]+$", var.alias_name)) && !can(regex("^alias/aws/", var.alias_name))
    error_message = "alias_name must look like \"alias/mirror-dissonance-staging\" and must not use the reserved alias/aws/ prefix."
  }
}

variable "aws" {
  description = "Account id, region and partition the key lives in (from the root module's data sources)."
  type = object({
    account_id = string
    region     = string
    partition  = string
  })
}

variable "log_group_arns" {
  description = "ARNs of the CloudWatch Logs groups that may encrypt with the key (the key policy names each one)."
  type        = list(string)
}

variable "alarm_topic_arn" {
  description = "ARN of the alarm topic this key encrypts (the budget statement of the key policy names it)."
  type        = string

  validation {
    condition     = can(regex("^arn:[a-z-]+:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$", var.alarm_topic_arn))
    error_message = "alarm_topic_arn must be an SNS topic ARN such as \"arn:aws:sns:us-east-1:111122223333:mirror-dissonance-staging-alarms\"."
  }
}

variable "budget_alerts" {
  description = "Whether AWS Budgets publishes alerts to the alarm topic; the key policy then lets budgets.amazonaws.com use the key for that topic only."
  type        = bool
}
