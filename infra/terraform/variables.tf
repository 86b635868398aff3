variable "environment" {
  description = "Deployment environment; every resource name ends with it (see oracle/src/contract.ts)."
  type        = string

  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "environment must be \"staging\" or \"production\"."
  }
}

variable "region" {
  description = "AWS region for every resource (the state bucket of infra/bootstrap lives there too)."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as \"us-east-1\"."
  }
}

variable "github" {
  description = "The GitHub repository whose workflows may assume the deploy, plan and drift roles. subject_format \"name\" gives OIDC subjects like repo:org/repo:...; \"id\" gives repo:org@ORG_ID/repo@REPO_ID:... (GitHub's immutable-id form, which needs org_id and repository_id)."
  type = object({
    org            = string
    repository     = string
    subject_format = string
    org_id         = string
    repository_id  = string
  })

  validation {
    condition     = can(regex("^[A-Za-z0-9](-?[A-Za-z0-9])*$", var.github.org)) && can(regex("^[A-Za-z0-9._-]+$", var.github.repository))
    error_message = "github.org must be a GitHub owner name (letters, digits, single hyphens) and github.repository a repository name (letters, digits, '.', '_', '-'); wildcards are not accepted."
  }

  validation {
    condition     = contains(["name", "id"], var.github.subject_format)
    error_message = "github.subject_format must be \"name\" (repo:org/repo) or \"id\" (repo:org@ORG_ID/repo@REPO_ID)."
  }

  validation {
    condition     = var.github.subject_format == "name" || (can(regex("^[0-9]+$", var.github.org_id)) && can(regex("^[0-9]+$", var.github.repository_id)))
    error_message = "github.subject_format \"id\" needs github.org_id and github.repository_id as decimal ids (see the owner.id and id fields of GET /repos/{org}/{repo})."
  }
}

variable "create_github_oidc_provider" {
  description = "Create the account's GitHub OIDC provider (true), or look up the one that already exists (false; an account has at most one per URL)."
  type        = bool
  default     = true
}

variable "lambda_package_path" {
  description = "Path, relative to the directory terraform runs in, of the Oracle deployment zip made by npm run package:oracle."
  type        = string
}

variable "lambda_memory_mb" {
  description = "Memory of the Oracle Lambda in MB (CPU scales with it)."
  type        = number
  default     = 512

  validation {
    condition     = var.lambda_memory_mb >= 128 && var.lambda_memory_mb <= 10240
    error_message = "lambda_memory_mb must be between 128 and 10240."
  }
}

variable "lambda_timeout_seconds" {
  description = "Timeout of one Oracle invocation in seconds (the API Gateway integration gives up after 30)."
  type        = number
  default     = 10

  validation {
    condition     = var.lambda_timeout_seconds >= 1 && var.lambda_timeout_seconds <= 29
    error_message = "lambda_timeout_seconds must be between 1 and 29 so the HTTP API never times out first."
  }
}

variable "lambda_reserved_concurrency" {
  description = "Reserved concurrent executions of the Oracle; -1 leaves it unreserved (an account must keep 10 unreserved)."
  type        = number
  default     = -1
}

variable "verify_action_shas" {
  description = "true sets the Oracle's VERIFY_ACTION_SHAS: MD-003 also checks that each newly pinned third-party action commit belongs to the repository it names (GitHub API look-ups of its tags and branches; see oracle/README.md)."
  type        = bool
  default     = false
}

variable "deletion_protection" {
  description = "Protect the DynamoDB tables from deletion (true in production; false lets terraform destroy remove staging)."
  type        = bool
  default     = true
}

variable "alarm_email" {
  description = "E-mail address subscribed to the alarm topic; empty for none. AWS sends a confirmation mail first."
  type        = string
  default     = ""
}

variable "slack" {
  description = "Slack channel that receives alarms through AWS Chatbot; empty ids for none. The workspace must first be authorised in the Chatbot console."
  type = object({
    workspace_id = string
    channel_id   = string
  })
  default = {
    workspace_id = ""
    channel_id   = ""
  }
}

variable "alarm_delivery_waiver" {
  description = "Why the alarms may reach no one: required in staging when neither alarm_email nor slack is set (say why and until when), and shown as a warning by every plan check, deploy summary and smoke test. Empty when alarm_email or slack is set."
  type        = string
  default     = ""

  validation {
    condition     = var.environment != "staging" || var.alarm_email != "" || (var.slack.workspace_id != "" && var.slack.channel_id != "") || trimspace(var.alarm_delivery_waiver) != ""
    error_message = "Staging alarms would reach no one: set alarm_email (an address that confirms the mail AWS sends) or slack, or say why not in alarm_delivery_waiver, e.g. \"on-call watches the dashboard until the rota starts on 2027-01-10\"."
  }

  validation {
    condition     = trimspace(var.alarm_delivery_waiver) == "" || (var.alarm_email == "" && (var.slack.workspace_id == "" || var.slack.channel_id == ""))
    error_message = "alarm_delivery_waiver is set but alarm_email or slack routes the alarms: remove the waiver."
  }
}

variable "custom_domain" {
  description = "Host name for the HTTP API and the id of the public Route 53 hosted zone that holds it: a DNS-validated certificate, the API domain name mapped to the $default stage and an alias record are created, and api_url becomes https://<name>. Empty strings for none (api_url is then the generated execute-api URL)."
  type = object({
    name           = string
    hosted_zone_id = string
  })
  default = {
    name           = ""
    hosted_zone_id = ""
  }

  validation {
    condition     = (var.custom_domain.name == "") == (var.custom_domain.hosted_zone_id == "")
    error_message = "custom_domain needs both name and hosted_zone_id, or neither (empty strings)."
  }

  validation {
    condition     = var.custom_domain.name == "" || can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.custom_domain.name))
    error_message = "custom_domain.name must be a lower-case host name such as \"staging.mirror-dissonance.example.com\": no scheme, path, port or trailing dot."
  }

  validation {
    condition     = var.custom_domain.hosted_zone_id == "" || can(regex("^Z[0-9A-Z]{1,31}$", var.custom_domain.hosted_zone_id))
    error_message = "custom_domain.hosted_zone_id must be a Route 53 hosted zone id such as \"Z0123456789EXAMPLEABC\" (aws route53 list-hosted-zones-by-name --dns-name example.com)."
  }
}

variable "budget_limit_usd" {
  description = "Monthly AWS Budget of this environment in USD, over the costs tagged environment = <environment> (infra/README.md, \"Budget\"); alerts at 80 % and 100 % of actual and 100 % of forecast spend go to the alarm topic. 0 creates no budget."
  type        = number
  default     = 10

  validation {
    condition     = var.budget_limit_usd >= 0
    error_message = "budget_limit_usd must be 0 (no budget) or a positive amount in USD, such as 10."
  }
}

variable "fault_drills_allowed" {
  description = "Whether smoke-test's fault drills may run against this environment; true creates the drill subscriber, an SQS queue on the alarm topic in which the alarm drill finds each notification. Refused in production."
  type        = bool
  default     = false

  validation {
    condition     = !(var.fault_drills_allowed && var.environment == "production")
    error_message = "fault_drills_allowed must be false in production: drills force alarms and an invalid nonce, which would page on-call and fail real webhooks."
  }
}

variable "tags" {
  description = "Extra tags for every resource (project, environment and managed-by are always set)."
  type        = map(string)
  default     = {}
}
