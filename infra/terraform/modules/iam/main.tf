locals {
  oidc_host = "token.actions.githubusercontent.com"

  oidc_provider_arn = var.create_github_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : data.aws_iam_openid_connect_provider.github[0].arn

  # GitHub's subject claim: exact values, never patterns (IAM compares them with StringEquals).
  repository_claim = var.github.subject_format == "id" ? "${var.github.org}@${var.github.org_id}/${var.github.repository}@${var.github.repository_id}" : "${var.github.org}/${var.github.repository}"
  deploy_subject   = "repo:${local.repository_claim}:environment:${var.environment}"
  # Any pull request from a branch of the repository: its workflow and its Terraform are the
  # pull request's own code, so this role reads no live resource and no secret (no refresh).
  plan_subject = "repo:${local.repository_claim}:pull_request"
  # Scheduled and dispatched drift detection: reviewed code on the default branch, no environment.
  drift_subject = "repo:${local.repository_claim}:ref:refs/heads/main"

  arn = {
    account_roles    = "arn:${var.aws.partition}:iam::${var.aws.account_id}:role/${var.resource_prefix}-*"
    deploy_role      = "arn:${var.aws.partition}:iam::${var.aws.account_id}:role/${var.role_names.deploy}"
    plan_role        = "arn:${var.aws.partition}:iam::${var.aws.account_id}:role/${var.role_names.plan}"
    drift_role       = "arn:${var.aws.partition}:iam::${var.aws.account_id}:role/${var.role_names.drift}"
    exec_role        = "arn:${var.aws.partition}:iam::${var.aws.account_id}:role/${var.role_names.exec}"
    managed_policies = "arn:${var.aws.partition}:iam::${var.aws.account_id}:policy/${var.resource_prefix}-terraform-*"
    function         = "arn:${var.aws.partition}:lambda:${var.aws.region}:${var.aws.account_id}:function:${var.function_name}"
    function_version = "arn:${var.aws.partition}:lambda:${var.aws.region}:${var.aws.account_id}:function:${var.function_name}:*"
    parameters       = "arn:${var.aws.partition}:ssm:${var.aws.region}:${var.aws.account_id}:parameter${var.parameter_prefix}*"
    apis             = "arn:${var.aws.partition}:apigateway:${var.aws.region}::/apis"
    api_children     = "arn:${var.aws.partition}:apigateway:${var.aws.region}::/apis/*"
    api_tags         = "arn:${var.aws.partition}:apigateway:${var.aws.region}::/tags/*"
    alarms           = "arn:${var.aws.partition}:cloudwatch:${var.aws.region}:${var.aws.account_id}:alarm:${var.resource_prefix}-*"
    dashboard        = "arn:${var.aws.partition}:cloudwatch::${var.aws.account_id}:dashboard/${var.resource_prefix}"
    topic            = "arn:${var.aws.partition}:sns:${var.aws.region}:${var.aws.account_id}:${var.resource_prefix}-alarms"
    subscriptions    = "arn:${var.aws.partition}:sns:${var.aws.region}:${var.aws.account_id}:${var.resource_prefix}-alarms:*"
    state_bucket     = "arn:${var.aws.partition}:s3:::${var.state.bucket}"
    state_object     = "arn:${var.aws.partition}:s3:::${var.state.bucket}/${var.state.key}"
    state_lock_file  = "arn:${var.aws.partition}:s3:::${var.state.bucket}/${var.state.key}.tflock"
    lock_table       = "arn:${var.aws.partition}:dynamodb:${var.aws.region}:${var.aws.account_id}:table/${var.state.lock_table}"
  }

  log_group_arns = [
    var.log_group_arns.lambda,
    "${var.log_group_arns.lambda}:*",
    var.log_group_arns.api,
    "${var.log_group_arns.api}:*",
  ]

  via_ssm_and_dynamodb = ["ssm.${var.aws.region}.amazonaws.com", "dynamodb.${var.aws.region}.amazonaws.com"]
}

resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_github_oidc_provider ? 1 : 0

  url            = "https://${local.oidc_host}"
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_openid_connect_provider" "github" {
  count = var.create_github_oidc_provider ? 0 : 1

  url = "https://${local.oidc_host}"
}

resource "aws_iam_role" "deploy" {
  name                 = var.role_names.deploy
  description          = "GitHub Actions deploy of the Mirror Dissonance Oracle (${var.environment}); assumed with OIDC from the ${var.environment} environment."
  max_session_duration = 3600

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "GitHubEnvironmentOnly"
      Effect    = "Allow"
      Principal = { Federated = local.oidc_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
          "token.actions.githubusercontent.com:sub" = local.deploy_subject
        }
      }
    }]
  })
}

resource "aws_iam_role" "plan" {
  name                 = var.role_names.plan
  description          = "GitHub Actions pull-request plan of the Mirror Dissonance Oracle (${var.environment}), without refresh: reads the state only, no secret, no write."
  max_session_duration = 3600

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "GitHubPullRequestsOnly"
      Effect    = "Allow"
      Principal = { Federated = local.oidc_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
          "token.actions.githubusercontent.com:sub" = local.plan_subject
        }
      }
    }]
  })
}

resource "aws_iam_role" "drift" {
  name                 = var.role_names.drift
  description          = "GitHub Actions drift detection of the Mirror Dissonance Oracle (${var.environment}) from the default branch; read-only, refreshes every resource."
  max_session_duration = 3600

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "GitHubDefaultBranchOnly"
      Effect    = "Allow"
      Principal = { Federated = local.oidc_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
          "token.actions.githubusercontent.com:sub" = local.drift_subject
        }
      }
    }]
  })
}

resource "aws_iam_role" "exec" {
  name                 = var.role_names.exec
  description          = "Execution role of the Mirror Dissonance Oracle Lambda (${var.environment})."
  max_session_duration = 3600

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "LambdaService"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}
