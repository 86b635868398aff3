# The environment's monthly cost budget. Its alerts go to the alarm topic, so they reach whoever
# hears the alarms (e-mail, Slack, the drill queue).

resource "aws_budgets_budget" "monthly" {
  count = local.budget_enabled ? 1 : 0

  name         = var.budget.name
  budget_type  = "COST"
  limit_amount = var.budget.limit_usd
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  cost_filter {
    name   = "TagKeyValue"
    values = [var.budget.tag_key_value]
  }

  notification {
    notification_type         = "ACTUAL"
    comparison_operator       = "GREATER_THAN"
    threshold                 = 80
    threshold_type            = "PERCENTAGE"
    subscriber_sns_topic_arns = [aws_sns_topic.alarms.arn]
  }

  notification {
    notification_type         = "ACTUAL"
    comparison_operator       = "GREATER_THAN"
    threshold                 = 100
    threshold_type            = "PERCENTAGE"
    subscriber_sns_topic_arns = [aws_sns_topic.alarms.arn]
  }

  notification {
    notification_type         = "FORECASTED"
    comparison_operator       = "GREATER_THAN"
    threshold                 = 100
    threshold_type            = "PERCENTAGE"
    subscriber_sns_topic_arns = [aws_sns_topic.alarms.arn]
  }

  # Budgets may publish only once the topic policy allows it.
  depends_on = [aws_sns_topic_policy.alarms]
}
