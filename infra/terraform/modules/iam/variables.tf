variable "environment" {
  description = "Deployment environment; the deploy role's OIDC subject names the GitHub environment of the same name."
  type        = string

  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "environment must be \"staging\" or \"production\"."
  }
}

variable "aws" {
  description = "Account id, region and partition the roles act in."
  type = object({
    account_id = string
    region     = string
    partition  = string
  })
}

variable "github" {
  description = "GitHub repository whose workflows may assume the roles, and the OIDC subject format: \"name\" (repo:org/repo) or \"id\" (repo:org@ORG_ID/repo@REPO_ID)."
  type = object({
    org            = string
    repository     = string
    subject_format = string
    org_id         = string
    repository_id  = string
  })

  validation {
    condition     = can(regex("^[A-Za-z0-9](-?[A-Za-z0-9])*$", var.github.org)) && can(regex("^[A-Za-z0-9._-]+$", var.github.repository))
    error_message = "github.org must be a GitHub owner name and github.repository a repository name, without wildcards."
  }

  validation {
    condition     = var.github.subject_format == "name" || (var.github.subject_format == "id" && can(regex("^[0-9]+$", var.github.org_id)) && can(regex("^[0-9]+$", var.github.repository_id)))
    error_message = "github.subject_format must be \"name\", or \"id\" with decimal github.org_id and github.repository_id."
  }
}

variable "create_github_oidc_provider" {
  description = "Create the GitHub OIDC provider (true) or use the one the account already has (false)."
  type        = bool
}

variable "role_names" {
  description = "Names of the deploy role, the pull-request plan role, the drift role and the Lambda execution role."
  type = object({
    deploy = string
    plan   = string
    drift  = string
    exec   = string
  })
}

variable "resource_prefix" {
  description = "Prefix of the alarms, dashboard, topic and Chatbot role the deploy role manages, and of the roles' managed policies, e.g. mirror-dissonance-staging."
  type        = string
}

variable "function_name" {
  description = "Name of the Oracle Lambda the deploy role manages."
  type        = string
}

variable "table_arns" {
  description = "ARNs of the Oracle's DynamoDB tables."
  type        = list(string)
}

variable "table_index_arns" {
  description = "ARNs of the tables' secondary indexes the Oracle queries."
  type        = list(string)
}

variable "parameter_arns" {
  description = "ARNs of the three SSM parameters the Oracle reads."
  type        = list(string)
}

variable "parameter_prefix" {
  description = "SSM path of the parameters, with leading and trailing slash; the deploy role manages everything under it."
  type        = string

  validation {
    condition     = can(regex("^/mirror-dissonance/[a-z]+/$", var.parameter_prefix))
    error_message = "parameter_prefix must look like \"/mirror-dissonance/staging/\"."
  }
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed key."
  type        = string
}

variable "kms_alias_arn" {
  description = "ARN of the key's alias."
  type        = string
}

variable "log_group_arns" {
  description = "ARNs of the Lambda's log group and the HTTP API's access-log group."
  type = object({
    lambda = string
    api    = string
  })
}

variable "metrics_namespace" {
  description = "CloudWatch namespace the deploy workflow's benchmark may publish to."
  type        = string
}

variable "state" {
  description = "Terraform state bucket, object key and lock table (created by infra/bootstrap)."
  type = object({
    bucket     = string
    key        = string
    lock_table = string
  })
}

variable "custom_domain" {
  description = "The HTTP API's custom domain (modules/domain) and the Route 53 hosted zone it is in; empty strings for none (no domain permissions)."
  type = object({
    name           = string
    hosted_zone_id = string
  })
}

variable "budget_name" {
  description = "Name of the environment's AWS Budget the roles read and the deploy role manages; empty when there is none."
  type        = string
}

variable "drill_queue_name" {
  description = "Name of the drill subscriber queue the roles read and the deploy role manages and drains; empty where drills are not allowed."
  type        = string
}
