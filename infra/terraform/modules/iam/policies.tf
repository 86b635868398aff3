# Statements the plan role and the deploy role share: everything terraform plan reads.
locals {
  read_statements = [
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
      Resource = [local.arn.deploy_role, local.arn.plan_role, local.arn.exec_role, local.arn.account_roles]
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

  deploy_statements = [
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
      Resource = [local.arn.deploy_role, local.arn.plan_role, local.arn.exec_role]
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
  name = "terraform-plan-read-only"
  role = aws_iam_role.plan.id

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = local.read_statements
  })
}

resource "aws_iam_role_policy" "deploy" {
  name = "terraform-apply-and-validate"
  role = aws_iam_role.deploy.id

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat(local.read_statements, local.deploy_statements)
  })
}

resource "aws_iam_role_policy" "exec" {
  name = "oracle-runtime"
  role = aws_iam_role.exec.id

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = local.exec_statements
  })
}
