# Permissions for the environment's monthly AWS Budget (modules/monitoring/budget.tf), in policies
# of their own that exist only while there is a budget: read by the drift role, read and managed
# by the deploy role, which also reads it for smoke-test's cost check (DescribeBudget is
# budgets:ViewBudget).

locals {
  budget_enabled = var.budget_name != ""
  budget_arn     = "arn:${var.aws.partition}:budgets::${var.aws.account_id}:budget/${var.budget_name}"

  budget_read_statements = [
    {
      Sid      = "ReadBudget"
      Effect   = "Allow"
      Action   = ["budgets:ViewBudget", "budgets:ListTagsForResource"]
      Resource = [local.budget_arn]
    },
  ]

  budget_manage_statements = [
    {
      Sid      = "ManageBudget"
      Effect   = "Allow"
      Action   = ["budgets:ModifyBudget", "budgets:TagResource", "budgets:UntagResource"]
      Resource = [local.budget_arn]
    },
  ]
}

resource "aws_iam_role_policy" "drift_budget" {
  count = local.budget_enabled ? 1 : 0

  name = "budget-read-only"
  role = aws_iam_role.drift.id

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = local.budget_read_statements
  })
}

resource "aws_iam_role_policy" "deploy_budget" {
  count = local.budget_enabled ? 1 : 0

  name = "budget"
  role = aws_iam_role.deploy.id

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat(local.budget_read_statements, local.budget_manage_statements)
  })
}
