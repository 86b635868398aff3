# What each GitHub role may do (modules/iam/README.md has the table):
# - plan (pull requests): read the state, look up the OIDC provider when it is not ours; nothing
#   else, enforced by an explicit deny of every other action. `terraform plan -refresh=false
#   -lock=false` needs no more, and the pull request's code can reach no secret.
# - drift (default branch): the state and every read a refresh makes (refresh_statements),
#   including the SecureString parameters, which the AWS provider reads with decryption.
# - deploy (environment): the same reads, the lock, and every write of an apply.
# The shared and the apply statements are customer-managed policies (each at most 6,144
# characters, IAM's limit), so no role comes near the 10,240 characters IAM allows a role's
# inline policies together; infra/test checks both limits.
locals {
  state_read_statements = [
    {
      Sid      = "ReadState"
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = [local.arn.state_object]
    },
    {
      Sid      = "ListStateBucket"
      Effect   = "Allow"
      Action   = ["s3:ListBucket"]
      Resource = [local.arn.state_bucket]
    },
  ]

  # The aws_iam_openid_connect_provider data source, read on every plan when the provider is not ours.
  oidc_lookup_statements = [
    {
      Sid      = "LookUpOidcProvider"
      Effect   = "Allow"
      Action   = ["iam:GetOpenIDConnectProvider"]
      Resource = [local.oidc_provider_arn]
    },
    {
      Sid      = "ListOidcProviders"
      Effect   = "Allow"
      Action   = ["iam:ListOpenIDConnectProviders"]
      Resource = "*"
    },
  ]

  # Whatever else is attached to the plan role (an AWS managed ReadOnlyAccess, say), a pull
  # request can do nothing but read the state: every other action is denied outright.
  plan_deny_statements = [
    {
      Sid       = "DenyEverythingAPlanWithoutRefreshDoesNotNeed"
      Effect    = "Deny"
      NotAction = ["s3:GetObject", "s3:ListBucket", "iam:GetOpenIDConnectProvider", "iam:ListOpenIDConnectProviders", "sts:GetCallerIdentity"]
      Resource  = "*"
    },
  ]

  plan_statements = concat(local.state_read_statements, var.create_github_oidc_provider ? [] : local.oidc_lookup_statements, local.plan_deny_statements)

  lock_statements = [
    {
      Sid      = "UseStateLockFile"
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
      Resource = [local.arn.state_lock_file]
    },
    {
      Sid      = "UseStateLock"
      Effect   = "Allow"
      Action   = ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"]
      Resource = [local.arn.lock_table]
    },
  ]

  # Everything a refresh reads beyond the state (the drift and deploy roles).
  resource_read_statements = [
    {
      Sid      = "ReadTables"
      Effect   = "Allow"
      Action   = ["dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:DescribeTimeToLive", "dynamodb:ListTagsOfResource", "dynamodb:GetResourcePolicy"]
      Resource = var.table_arns
    },
    {
      Sid      = "ReadParameters"
      Effect   = "Allow"
      Action   = ["ssm:GetParameter", "ssm:GetParameters", "ssm:ListTagsForResource"]
      Resource = [local.arn.parameters]
    },
    {
      Sid      = "DecryptParametersOnRefresh"
      Effect   = "Allow"
      Action   = ["kms:Decrypt"]
      Resource = [var.kms_key_arn]
      Condition = {
        StringEquals = { "kms:ViaService" = "ssm.${var.aws.region}.amazonaws.com" }
      }
    },
    {
      Sid      = "ReadKey"
      Effect   = "Allow"
      Action   = ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"]
      Resource = [var.kms_key_arn]
    },
    {
      Sid      = "ReadRoles"
      Effect   = "Allow"
      Action   = ["iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"]
      Resource = [local.arn.deploy_role, local.arn.plan_role, local.arn.drift_role, local.arn.exec_role, local.arn.account_roles]
    },
    {
      Sid      = "ReadManagedPolicies"
      Effect   = "Allow"
      Action   = ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions", "iam:ListEntitiesForPolicy"]
      Resource = [local.arn.managed_policies]
    },
    {
      Sid      = "ReadOidcProvider"
      Effect   = "Allow"
      Action   = ["iam:GetOpenIDConnectProvider"]
      Resource = [local.oidc_provider_arn]
    },
    {
      Sid      = "ReadFunction"
      Effect   = "Allow"
      Action   = ["lambda:GetFunction", "lambda:GetFunctionConfiguration", "lambda:GetFunctionCodeSigningConfig", "lambda:GetFunctionConcurrency", "lambda:ListVersionsByFunction", "lambda:GetAlias", "lambda:GetPolicy", "lambda:ListTags"]
      Resource = [local.arn.function, local.arn.function_version]
    },
    {
      Sid      = "ReadApi"
      Effect   = "Allow"
      Action   = ["apigateway:GET"]
      Resource = [local.arn.apis, local.arn.api_children, local.arn.api_tags]
    },
    {
      Sid      = "ReadLogGroupTags"
      Effect   = "Allow"
      Action   = ["logs:ListTagsForResource", "logs:ListTagsLogGroup"]
      Resource = local.log_group_arns
    },
    {
      Sid      = "ReadAlarms"
      Effect   = "Allow"
      Action   = ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"]
      Resource = [local.arn.alarms]
    },
    {
      Sid      = "ReadDashboard"
      Effect   = "Allow"
      Action   = ["cloudwatch:GetDashboard"]
      Resource = [local.arn.dashboard]
    },
    {
      Sid      = "ReadTopic"
      Effect   = "Allow"
      Action   = ["sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic", "sns:ListTagsForResource", "sns:GetSubscriptionAttributes"]
      Resource = [local.arn.topic, local.arn.subscriptions]
    },
    {
      Sid      = "ListWhatHasNoResourceLevelPermissions"
      Effect   = "Allow"
      Action   = ["ssm:DescribeParameters", "kms:ListAliases", "iam:ListOpenIDConnectProviders", "logs:DescribeLogGroups", "chatbot:DescribeSlackChannelConfigurations"]
      Resource = "*"
    },
  ]

  refresh_statements = concat(local.state_read_statements, local.resource_read_statements)

  # An apply's writes to the data: state, tables and their items, parameters, the key (and the
  # lock, lock_statements).
  data_write_statements = [
    {
      Sid      = "WriteState"
      Effect   = "Allow"
      Action   = ["s3:PutObject"]
      Resource = [local.arn.state_object]
    },
    {
      Sid      = "ManageTables"
      Effect   = "Allow"
      Action   = ["dynamodb:CreateTable", "dynamodb:DeleteTable", "dynamodb:UpdateTable", "dynamodb:UpdateContinuousBackups", "dynamodb:UpdateTimeToLive", "dynamodb:TagResource", "dynamodb:UntagResource"]
      Resource = var.table_arns
    },
    {
      Sid      = "SmokeTestItems"
      Effect   = "Allow"
      Action   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"]
      Resource = var.table_arns
    },
    {
      Sid      = "BenchmarkOracleReads"
      Effect   = "Allow"
      Action   = ["dynamodb:BatchGetItem"]
      Resource = var.table_arns
    },
    {
      Sid      = "ManageParameters"
      Effect   = "Allow"
      Action   = ["ssm:PutParameter", "ssm:DeleteParameter", "ssm:GetParameterHistory", "ssm:AddTagsToResource", "ssm:RemoveTagsFromResource"]
      Resource = [local.arn.parameters]
    },
    {
      Sid      = "UseKeyThroughSsmAndDynamoDb"
      Effect   = "Allow"
      Action   = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:CreateGrant", "kms:DescribeKey"]
      Resource = [var.kms_key_arn]
      Condition = {
        StringEquals = { "kms:ViaService" = local.via_ssm_and_dynamodb }
      }
    },
    {
      Sid      = "AdministerKey"
      Effect   = "Allow"
      Action   = ["kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:TagResource", "kms:UntagResource", "kms:UpdateKeyDescription", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"]
      Resource = [var.kms_key_arn]
    },
    {
      Sid      = "ManageKeyAlias"
      Effect   = "Allow"
      Action   = ["kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"]
      Resource = [var.kms_key_arn, var.kms_alias_arn]
    },
    {
      Sid      = "CreateProjectKeys"
      Effect   = "Allow"
      Action   = ["kms:CreateKey"]
      Resource = "*"
      Condition = {
        StringEquals = { "aws:RequestTag/project" = "mirror-dissonance" }
      }
    },
  ]

  apply_data_statements = concat(local.lock_statements, local.data_write_statements)

  # An apply's writes to the runtime: the exec role, function, HTTP API, logs, alarms, topic; and
  # the checks deploy-staging runs after it (IAM simulation, invoke, metrics, alarm history).
  apply_runtime_statements = [
    {
      Sid      = "ManageExecRole"
      Effect   = "Allow"
      Action   = ["iam:CreateRole", "iam:DeleteRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:TagRole", "iam:UntagRole", "iam:ListInstanceProfilesForRole"]
      Resource = [local.arn.exec_role]
    },
    {
      Sid      = "PassExecRoleToLambdaOnly"
      Effect   = "Allow"
      Action   = ["iam:PassRole"]
      Resource = [local.arn.exec_role]
      Condition = {
        StringEquals = { "iam:PassedToService" = "lambda.amazonaws.com" }
      }
    },
    {
      Sid      = "SimulateOracleRoles"
      Effect   = "Allow"
      Action   = ["iam:SimulatePrincipalPolicy"]
      Resource = [local.arn.deploy_role, local.arn.plan_role, local.arn.drift_role, local.arn.exec_role]
    },
    {
      Sid      = "ManageFunction"
      Effect   = "Allow"
      Action   = ["lambda:CreateFunction", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration", "lambda:DeleteFunction", "lambda:PublishVersion", "lambda:CreateAlias", "lambda:UpdateAlias", "lambda:DeleteAlias", "lambda:AddPermission", "lambda:RemovePermission", "lambda:PutFunctionConcurrency", "lambda:DeleteFunctionConcurrency", "lambda:TagResource", "lambda:UntagResource", "lambda:InvokeFunction"]
      Resource = [local.arn.function, local.arn.function_version]
    },
    {
      Sid      = "ManageApi"
      Effect   = "Allow"
      Action   = ["apigateway:POST", "apigateway:PUT", "apigateway:PATCH", "apigateway:DELETE"]
      Resource = [local.arn.apis, local.arn.api_children, local.arn.api_tags]
    },
    {
      Sid      = "ManageLogGroups"
      Effect   = "Allow"
      Action   = ["logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy", "logs:AssociateKmsKey", "logs:DisassociateKmsKey", "logs:TagResource", "logs:UntagResource", "logs:TagLogGroup", "logs:UntagLogGroup"]
      Resource = local.log_group_arns
    },
    {
      Sid      = "ManageAlarms"
      Effect   = "Allow"
      Action   = ["cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:SetAlarmState", "cloudwatch:TagResource", "cloudwatch:UntagResource"]
      Resource = [local.arn.alarms]
    },
    {
      Sid      = "ManageDashboard"
      Effect   = "Allow"
      Action   = ["cloudwatch:PutDashboard", "cloudwatch:DeleteDashboards"]
      Resource = [local.arn.dashboard]
    },
    {
      Sid      = "ManageTopic"
      Effect   = "Allow"
      Action   = ["sns:CreateTopic", "sns:DeleteTopic", "sns:SetTopicAttributes", "sns:Subscribe", "sns:Unsubscribe", "sns:SetSubscriptionAttributes", "sns:TagResource", "sns:UntagResource"]
      Resource = [local.arn.topic, local.arn.subscriptions]
    },
    {
      Sid      = "PublishBenchmarkMetrics"
      Effect   = "Allow"
      Action   = ["cloudwatch:PutMetricData"]
      Resource = "*"
      Condition = {
        StringEquals = { "cloudwatch:namespace" = var.metrics_namespace }
      }
    },
    {
      Sid      = "ReadMetrics"
      Effect   = "Allow"
      Action   = ["cloudwatch:GetMetricData"]
      Resource = "*"
    },
    {
      Sid      = "ReadAlarmHistory"
      Effect   = "Allow"
      Action   = ["cloudwatch:DescribeAlarmHistory"]
      Resource = [local.arn.alarms]
    },
    {
      Sid      = "HttpApiAccessLogDelivery"
      Effect   = "Allow"
      Action   = ["logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies"]
      Resource = "*"
    },
  ]

  exec_statements = [
    {
      Sid      = "OracleItems"
      Effect   = "Allow"
      Action   = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem"]
      Resource = var.table_arns
    },
    {
      Sid      = "FindingIndexQueries"
      Effect   = "Allow"
      Action   = ["dynamodb:Query"]
      Resource = var.table_index_arns
    },
    {
      Sid      = "OracleParameters"
      Effect   = "Allow"
      Action   = ["ssm:GetParameter"]
      Resource = var.parameter_arns
    },
    {
      Sid      = "DecryptThroughSsmAndDynamoDb"
      Effect   = "Allow"
      Action   = ["kms:Decrypt"]
      Resource = [var.kms_key_arn]
      Condition = {
        StringEquals = { "kms:ViaService" = local.via_ssm_and_dynamodb }
      }
    },
    {
      Sid      = "OwnLogGroup"
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = ["${var.log_group_arns.lambda}:*"]
    },
  ]
}

resource "aws_iam_role_policy" "plan" {
  name = "terraform-plan-without-refresh"
  role = aws_iam_role.plan.id

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = local.plan_statements
  })
}

resource "aws_iam_policy" "refresh" {
  name        = "${var.resource_prefix}-terraform-refresh"
  description = "Every read a terraform refresh of the Mirror Dissonance Oracle (${var.environment}) makes, secret parameters included; for the drift and deploy roles."

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = local.refresh_statements
  })
}

resource "aws_iam_policy" "apply_data" {
  name        = "${var.resource_prefix}-terraform-apply-data"
  description = "Apply of the Mirror Dissonance Oracle (${var.environment}): state, lock, tables, parameters and the key."

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = local.apply_data_statements
  })
}

resource "aws_iam_policy" "apply_runtime" {
  name        = "${var.resource_prefix}-terraform-apply-runtime"
  description = "Apply of the Mirror Dissonance Oracle (${var.environment}): exec role, function, HTTP API, logs, alarms, dashboard, topic; the checks after it."

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = local.apply_runtime_statements
  })
}

resource "aws_iam_role_policy_attachment" "drift_refresh" {
  role       = aws_iam_role.drift.name
  policy_arn = aws_iam_policy.refresh.arn
}

resource "aws_iam_role_policy_attachment" "deploy_refresh" {
  role       = aws_iam_role.deploy.name
  policy_arn = aws_iam_policy.refresh.arn
}

resource "aws_iam_role_policy_attachment" "deploy_apply_data" {
  role       = aws_iam_role.deploy.name
  policy_arn = aws_iam_policy.apply_data.arn
}

resource "aws_iam_role_policy_attachment" "deploy_apply_runtime" {
  role       = aws_iam_role.deploy.name
  policy_arn = aws_iam_policy.apply_runtime.arn
}

resource "aws_iam_role_policy" "exec" {
  name = "oracle-runtime"
  role = aws_iam_role.exec.id

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = local.exec_statements
  })
}
