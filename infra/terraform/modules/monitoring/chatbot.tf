# Optional: alarms in Slack through AWS Chatbot. The deploy role cannot create or pass this role
# (it may pass only the Oracle's execution role), so enabling Slack is an administrator's apply.

resource "aws_iam_role" "chatbot" {
  count = local.slack_enabled ? 1 : 0

  name                 = "${var.resource_prefix}-chatbot"
  description          = "AWS Chatbot channel role: reads the Oracle's alarms to render them in Slack."
  max_session_duration = 3600

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ChatbotService"
      Effect    = "Allow"
      Principal = { Service = "chatbot.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "chatbot" {
  count = local.slack_enabled ? 1 : 0

  name = "read-oracle-alarms"
  role = aws_iam_role.chatbot[0].id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "DescribeOracleAlarms"
        Effect   = "Allow"
        Action   = ["cloudwatch:DescribeAlarms"]
        Resource = ["arn:${var.aws.partition}:cloudwatch:${var.aws.region}:${var.aws.account_id}:alarm:${var.resource_prefix}-*"]
      },
      {
        Sid      = "RenderAlarmCharts"
        Effect   = "Allow"
        Action   = ["cloudwatch:GetMetricData", "cloudwatch:GetMetricWidgetImage"]
        Resource = "*"
      },
    ]
  })
}

resource "aws_chatbot_slack_channel_configuration" "alarms" {
  count = local.slack_enabled ? 1 : 0

  configuration_name    = var.resource_prefix
  iam_role_arn          = aws_iam_role.chatbot[0].arn
  slack_team_id         = var.slack.workspace_id
  slack_channel_id      = var.slack.channel_id
  sns_topic_arns        = [aws_sns_topic.alarms.arn]
  guardrail_policy_arns = ["arn:${var.aws.partition}:iam::aws:policy/CloudWatchReadOnlyAccess"]
  logging_level         = "ERROR"
}
