locals {
  account_root = "arn:${var.aws.partition}:iam::${var.aws.account_id}:root"

  # Administration only: no principal may encrypt or decrypt with the key directly.
  administration_actions = [
    "kms:DescribeKey",
    "kms:GetKeyPolicy",
    "kms:PutKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:EnableKeyRotation",
    "kms:ListResourceTags",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateKeyDescription",
    "kms:CreateAlias",
    "kms:UpdateAlias",
    "kms:DeleteAlias",
    "kms:ListGrants",
    "kms:RevokeGrant",
    "kms:EnableKey",
    "kms:DisableKey",
    "kms:ScheduleKeyDeletion",
    "kms:CancelKeyDeletion",
  ]

  service_use_actions = [
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:DescribeKey",
  ]

  statements = [
    {
      Sid       = "AccountAdministersTheKeyThroughIam"
      Effect    = "Allow"
      Principal = { AWS = local.account_root }
      Action    = local.administration_actions
      Resource  = "*"
    },
    {
      Sid       = "AccountUsesTheKeyOnlyThroughDynamoDbSsmAndSns"
      Effect    = "Allow"
      Principal = { AWS = local.account_root }
      Action    = concat(local.service_use_actions, ["kms:CreateGrant"])
      Resource  = "*"
      Condition = {
        StringEquals = {
          "kms:CallerAccount" = var.aws.account_id
          "kms:ViaService" = [
            "dynamodb.${var.aws.region}.amazonaws.com",
            "ssm.${var.aws.region}.amazonaws.com",
            "sns.${var.aws.region}.amazonaws.com",
          ]
        }
      }
    },
    {
      Sid       = "CloudWatchLogsEncryptsTheOracleLogGroups"
      Effect    = "Allow"
      Principal = { Service = "logs.${var.aws.region}.amazonaws.com" }
      Action    = local.service_use_actions
      Resource  = "*"
      Condition = {
        ArnEquals = {
          "kms:EncryptionContext:aws:logs:arn" = var.log_group_arns
        }
      }
    },
    {
      Sid       = "CloudWatchAlarmsPublishToTheEncryptedTopic"
      Effect    = "Allow"
      Principal = { Service = "cloudwatch.amazonaws.com" }
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = "*"
    },
  ]

  # AWS Budgets publishes its alerts to the encrypted alarm topic itself, so it needs the key too;
  # SNS names the topic in the encryption context, which pins the grant to that one topic.
  budget_statements = [
    {
      Sid       = "AwsBudgetsPublishToTheEncryptedAlarmTopic"
      Effect    = "Allow"
      Principal = { Service = "budgets.amazonaws.com" }
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = "*"
      Condition = {
        StringEquals = { "kms:EncryptionContext:aws:sns:topicArn" = var.alarm_topic_arn }
      }
    },
  ]
}

resource "aws_kms_key" "this" {
  description             = "Mirror Dissonance Oracle: DynamoDB tables, SSM parameters, logs and the alarm topic (${var.alias_name})"
  enable_key_rotation     = true
  deletion_window_in_days = 30

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat(local.statements, var.budget_alerts ? local.budget_statements : [])
  })
}

resource "aws_kms_alias" "this" {
  name          = var.alias_name
  target_key_id = aws_kms_key.this.key_id
}
