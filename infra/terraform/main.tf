provider "aws" {
  region = var.region

  default_tags {
    tags = merge(var.tags, {
      project     = "mirror-dissonance"
      environment = var.environment
      managed-by  = "terraform"
    })
  }
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  # The seed's DYNAMODB_TABLE_PREFIX: the Oracle derives the table names from it as these do.
  table_prefix = "mirror-dissonance-"

  # The Oracle contract (oracle/src/contract.ts); the static checks in infra/test compare them.
  names = {
    function          = "mirror-dissonance-oracle-${var.environment}"
    function_alias    = "live"
    fp_events_table   = "${local.table_prefix}fp-events-${var.environment}"
    consent_table     = "${local.table_prefix}consent-${var.environment}"
    parameter_prefix  = "/mirror-dissonance/${var.environment}/"
    deploy_role       = "MirrorDissonanceOracleRole-${var.environment}"
    plan_role         = "MirrorDissonancePlanRole-${var.environment}"
    drift_role        = "MirrorDissonanceDriftRole-${var.environment}"
    exec_role         = "mirror-dissonance-oracle-exec-${var.environment}"
    metrics_namespace = "MirrorDissonance/${var.environment}"
    resource_prefix   = "mirror-dissonance-${var.environment}"
    lambda_log_group  = "/aws/lambda/mirror-dissonance-oracle-${var.environment}"
    api_log_group     = "/aws/apigateway/mirror-dissonance-oracle-${var.environment}"
    alarm_topic       = "mirror-dissonance-${var.environment}-alarms"
    budget            = "mirror-dissonance-${var.environment}-monthly"
    drill_queue       = "mirror-dissonance-${var.environment}-alarm-drills"
  }

  # The budget counts the costs that carry the environment tag default_tags sets (see
  # infra/README.md, "Budget"); Budgets writes a cost-allocation tag filter as user:<key>$<value>.
  # format(), not a template: "$${" is HCL's escape for a literal "${" (infra/README.md,
  # "Expression subset").
  budget_tag_key_value = format("user:environment$%s", var.environment)

  # The optional resources; an empty name means there is none.
  budget_name      = var.budget_limit_usd == 0 ? "" : local.names.budget
  drill_queue_name = var.fault_drills_allowed ? local.names.drill_queue : ""

  # Created by infra/bootstrap; environments/<env>.backend.hcl names the same bucket, key and table.
  state = {
    bucket     = "mirror-dissonance-tfstate-${var.environment}"
    key        = "${var.environment}/terraform.tfstate"
    lock_table = "terraform-lock-${var.environment}"
  }

  aws = {
    account_id = data.aws_caller_identity.current.account_id
    region     = data.aws_region.current.region
    partition  = data.aws_partition.current.partition
    dns_suffix = data.aws_partition.current.dns_suffix
  }

  alarm_topic_arn = "arn:${local.aws.partition}:sns:${local.aws.region}:${local.aws.account_id}:${local.names.alarm_topic}"

  log_group_arns = {
    lambda = "arn:${local.aws.partition}:logs:${local.aws.region}:${local.aws.account_id}:log-group:${local.names.lambda_log_group}"
    api    = "arn:${local.aws.partition}:logs:${local.aws.region}:${local.aws.account_id}:log-group:${local.names.api_log_group}"
  }
}

module "kms" {
  source = "./modules/kms"

  alias_name     = "alias/${local.names.resource_prefix}"
  aws            = local.aws
  log_group_arns = [local.log_group_arns.lambda, local.log_group_arns.api]

  alarm_topic_arn = local.alarm_topic_arn
  budget_alerts   = local.budget_name != ""
}

module "dynamodb" {
  source = "./modules/dynamodb"

  fp_events_table_name = local.names.fp_events_table
  consent_table_name   = local.names.consent_table
  kms_key_arn          = module.kms.key_arn
  deletion_protection  = var.deletion_protection
}

module "ssm" {
  source = "./modules/ssm"

  parameter_prefix = local.names.parameter_prefix
  kms_key_arn      = module.kms.key_arn
}

module "iam" {
  source = "./modules/iam"

  environment                 = var.environment
  aws                         = local.aws
  github                      = var.github
  create_github_oidc_provider = var.create_github_oidc_provider
  role_names = {
    deploy = local.names.deploy_role
    plan   = local.names.plan_role
    drift  = local.names.drift_role
    exec   = local.names.exec_role
  }
  resource_prefix   = local.names.resource_prefix
  function_name     = local.names.function
  table_arns        = module.dynamodb.table_arns
  table_index_arns  = module.dynamodb.index_arns
  parameter_arns    = module.ssm.parameter_arns
  parameter_prefix  = local.names.parameter_prefix
  kms_key_arn       = module.kms.key_arn
  kms_alias_arn     = module.kms.alias_arn
  log_group_arns    = local.log_group_arns
  metrics_namespace = local.names.metrics_namespace
  state             = local.state

  custom_domain    = var.custom_domain
  budget_name      = local.budget_name
  drill_queue_name = local.drill_queue_name
}

module "oracle" {
  source = "./modules/oracle"

  environment          = var.environment
  function_name        = local.names.function
  alias_name           = local.names.function_alias
  exec_role_arn        = module.iam.exec_role_arn
  package_path         = var.lambda_package_path
  memory_mb            = var.lambda_memory_mb
  timeout_seconds      = var.lambda_timeout_seconds
  reserved_concurrency = var.lambda_reserved_concurrency
  lambda_log_group     = local.names.lambda_log_group
  api_log_group        = local.names.api_log_group
  kms_key_arn          = module.kms.key_arn
  table_prefix         = local.table_prefix
  parameter_prefix     = module.ssm.parameter_prefix
  parameter_names = {
    nonce        = module.ssm.parameter_names.nonce
    github_token = module.ssm.parameter_names.github_token
  }
  verify_action_shas = var.verify_action_shas
}

module "domain" {
  source = "./modules/domain"

  domain_name    = var.custom_domain.name
  hosted_zone_id = var.custom_domain.hosted_zone_id
  api_id         = module.oracle.api_id
  stage_name     = module.oracle.stage_name
}

module "monitoring" {
  source = "./modules/monitoring"

  resource_prefix   = local.names.resource_prefix
  topic_name        = local.names.alarm_topic
  aws               = local.aws
  kms_key_arn       = module.kms.key_arn
  function_name     = module.oracle.function_name
  api_id            = module.oracle.api_id
  metrics_namespace = local.names.metrics_namespace
  table_names = {
    fp_events = module.dynamodb.fp_events_table_name
    consent   = module.dynamodb.consent_table_name
  }
  alarm_email = var.alarm_email
  slack       = var.slack

  budget = {
    name          = local.names.budget
    limit_usd     = var.budget_limit_usd
    tag_key_value = local.budget_tag_key_value
  }
  drill_queue_name = local.drill_queue_name
}

locals {
  # Who the alarms reach.
  alarm_routes = compact([
    var.alarm_email != "" ? "email" : "",
    var.slack.workspace_id != "" && var.slack.channel_id != "" ? "slack" : "",
  ])
}

# A waived alarm route (alarm_delivery_waiver) fails this check on every plan: Terraform reports it
# as a warning, and terraform-plan-check shows it in the summary and as an annotation.
check "alarm_delivery" {
  assert {
    condition     = length(local.alarm_routes) > 0
    error_message = "The ${var.environment} alarms reach no one: no alarm_email, no slack. Waived: ${trimspace(var.alarm_delivery_waiver) == "" ? "(no reason given)" : trimspace(var.alarm_delivery_waiver)}"
  }
}
