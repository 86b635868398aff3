# The drill subscriber: a queue on the alarm topic in which smoke-test's alarm drill finds the
# notification of each alarm it sets, proving that the topic delivers. Only where drills run.

locals {
  # As AWS forms them from the name, so the subscription, the IAM policies and the outputs know
  # them at plan time.
  drill_queue = {
    arn = "arn:${var.aws.partition}:sqs:${var.aws.region}:${var.aws.account_id}:${var.drill_queue_name}"
    url = "https://sqs.${var.aws.region}.${var.aws.dns_suffix}/${var.aws.account_id}/${var.drill_queue_name}"
  }
}

resource "aws_sqs_queue" "drill" {
  count = local.drills_enabled ? 1 : 0

  name                      = var.drill_queue_name
  message_retention_seconds = 3600
  receive_wait_time_seconds = 20
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue_policy" "drill" {
  count = local.drills_enabled ? 1 : 0

  queue_url = aws_sqs_queue.drill[0].id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "TheAlarmTopicSends"
        Effect    = "Allow"
        Principal = { Service = "sns.amazonaws.com" }
        Action    = "sqs:SendMessage"
        Resource  = local.drill_queue.arn
        Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.alarms.arn } }
      },
      {
        Sid       = "NothingElseSends"
        Effect    = "Deny"
        Principal = "*"
        Action    = "sqs:SendMessage"
        Resource  = local.drill_queue.arn
        Condition = { ArnNotEquals = { "aws:SourceArn" = aws_sns_topic.alarms.arn } }
      },
    ]
  })
}

resource "aws_sns_topic_subscription" "drill" {
  count = local.drills_enabled ? 1 : 0

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "sqs"
  endpoint  = local.drill_queue.arn

  # The endpoint is derived from the name; SNS delivers only once the queue policy lets it.
  depends_on = [aws_sqs_queue_policy.drill]
}
