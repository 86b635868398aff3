variable "resource_prefix" {
  description = "Prefix of the alarm and dashboard names, e.g. mirror-dissonance-staging."
  type        = string
}

variable "topic_name" {
  description = "Name of the alarm topic, e.g. mirror-dissonance-staging-alarms."
  type        = string
}

variable "aws" {
  description = "Account id, region, partition and the partition's DNS suffix (for the topic policy, the dashboard widgets and the drill queue's URL)."
  type = object({
    account_id = string
    region     = string
    partition  = string
    dns_suffix = string
  })
}

variable "kms_key_arn" {
  description = "Customer-managed key that encrypts the alarm topic."
  type        = string
}

variable "function_name" {
  description = "Name of the Oracle Lambda whose errors, duration and invocations are watched."
  type        = string
}

variable "api_id" {
  description = "Id of the HTTP API whose latency is watched."
  type        = string
}

variable "metrics_namespace" {
  description = "Namespace of the Oracle's embedded metrics (EvaluationLatency, NonceFailures, ColdStart, ...)."
  type        = string
}

variable "table_names" {
  description = "DynamoDB tables whose throttling is watched."
  type = object({
    fp_events = string
    consent   = string
  })
}

variable "alarm_email" {
  description = "E-mail address subscribed to the topic; empty for none."
  type        = string
}

variable "slack" {
  description = "Slack workspace (team) and channel ids for AWS Chatbot; empty ids for none."
  type = object({
    workspace_id = string
    channel_id   = string
  })
}

variable "budget" {
  description = "Monthly cost budget whose alerts (80 % and 100 % of actual spend, 100 % of forecast) go to the topic: its name, its limit in USD (0 for no budget) and the cost filter's TagKeyValue, user:<tag key>$<tag value>."
  type = object({
    name          = string
    limit_usd     = number
    tag_key_value = string
  })

  validation {
    condition     = var.budget.limit_usd >= 0
    error_message = "budget.limit_usd must be 0 (no budget) or a positive amount in USD."
  }

  validation {
    condition     = can(regex("^user:[^$]+[$][^$]+$", var.budget.tag_key_value))
    error_message = "budget.tag_key_value must read user:<tag key>$<tag value>, such as user:environment$staging."
  }
}

variable "drill_queue_name" {
  description = "Name of the SQS queue subscribed to the topic for alarm drills; empty where drills are not allowed (no queue)."
  type        = string
}
