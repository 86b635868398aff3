locals {
  slack_enabled  = var.slack.workspace_id != "" && var.slack.channel_id != ""
  budget_enabled = var.budget.limit_usd != 0
  drills_enabled = var.drill_queue_name != ""

  cloudwatch_publishes = [{
    Sid       = "CloudWatchAlarmsOfThisAccount"
    Effect    = "Allow"
    Principal = { Service = "cloudwatch.amazonaws.com" }
    Action    = "sns:Publish"
    Resource  = aws_sns_topic.alarms.arn
    Condition = {
      StringEquals = { "aws:SourceAccount" = var.aws.account_id }
      ArnLike      = { "aws:SourceArn" = "arn:${var.aws.partition}:cloudwatch:${var.aws.region}:${var.aws.account_id}:alarm:${var.resource_prefix}-*" }
    }
  }]

  # The source ARN pattern AWS documents for budget notifications (budgets-sns-policy.html).
  budgets_publish = [{
    Sid       = "AwsBudgetsOfThisAccount"
    Effect    = "Allow"
    Principal = { Service = "budgets.amazonaws.com" }
    Action    = "sns:Publish"
    Resource  = aws_sns_topic.alarms.arn
    Condition = {
      StringEquals = { "aws:SourceAccount" = var.aws.account_id }
      ArnLike      = { "aws:SourceArn" = "arn:${var.aws.partition}:budgets::${var.aws.account_id}:*" }
    }
  }]
}

resource "aws_sns_topic" "alarms" {
  name              = var.topic_name
  kms_master_key_id = var.kms_key_arn
}

resource "aws_sns_topic_policy" "alarms" {
  arn = aws_sns_topic.alarms.arn

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat(local.cloudwatch_publishes, local.budget_enabled ? local.budgets_publish : [])
  })
}

resource "aws_sns_topic_subscription" "email" {
  count = var.alarm_email == "" ? 0 : 1

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}
