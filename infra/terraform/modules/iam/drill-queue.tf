# Permissions for the drill subscriber queue (modules/monitoring/drill.tf), in policies of their
# own that exist only where drills are allowed (the drift role reads the queue). Beyond managing
# the queue, the deploy role reads, deletes and purges its messages: smoke-test's alarm drill
# waits there for each notification.

locals {
  drill_queue_enabled = var.drill_queue_name != ""
  drill_queue_arn     = "arn:${var.aws.partition}:sqs:${var.aws.region}:${var.aws.account_id}:${var.drill_queue_name}"

  drill_queue_read_statements = [
    {
      Sid      = "ReadDrillQueue"
      Effect   = "Allow"
      Action   = ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ListQueueTags"]
      Resource = [local.drill_queue_arn]
    },
  ]

  drill_queue_manage_statements = [
    {
      Sid      = "ManageDrillQueue"
      Effect   = "Allow"
      Action   = ["sqs:CreateQueue", "sqs:DeleteQueue", "sqs:SetQueueAttributes", "sqs:TagQueue", "sqs:UntagQueue"]
      Resource = [local.drill_queue_arn]
    },
    {
      Sid      = "AlarmDrillReadsNotifications"
      Effect   = "Allow"
      Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:PurgeQueue"]
      Resource = [local.drill_queue_arn]
    },
  ]
}

resource "aws_iam_role_policy" "drift_drill_queue" {
  count = local.drill_queue_enabled ? 1 : 0

  name = "drill-queue-read-only"
  role = aws_iam_role.drift.id

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = local.drill_queue_read_statements
  })
}

resource "aws_iam_role_policy" "deploy_drill_queue" {
  count = local.drill_queue_enabled ? 1 : 0

  name = "drill-queue"
  role = aws_iam_role.deploy.id

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat(local.drill_queue_read_statements, local.drill_queue_manage_statements)
  })
}
