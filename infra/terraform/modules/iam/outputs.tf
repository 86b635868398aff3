output "deploy_role_arn" {
  description = "ARN of the deploy role (GitHub environment subject)."
  value       = aws_iam_role.deploy.arn
}

output "plan_role_arn" {
  description = "ARN of the pull-request plan role (pull_request subject): reads the state only."
  value       = aws_iam_role.plan.arn
}

output "drift_role_arn" {
  description = "ARN of the read-only drift role (default-branch subject)."
  value       = aws_iam_role.drift.arn
}

output "exec_role_arn" {
  description = "ARN of the Lambda execution role."
  value       = aws_iam_role.exec.arn
}

output "oidc_provider_arn" {
  description = "ARN of the GitHub OIDC provider the roles trust."
  value       = local.oidc_provider_arn
}

output "oidc_subjects" {
  description = "Exact OIDC subjects the deploy, plan and drift roles accept."
  value = {
    deploy = local.deploy_subject
    plan   = local.plan_subject
    drift  = local.drift_subject
  }
}
