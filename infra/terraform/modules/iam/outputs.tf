output "deploy_role_arn" {
  description = "ARN of the deploy role (GitHub environment subject)."
  value       = aws_iam_role.deploy.arn
}

output "plan_role_arn" {
  description = "ARN of the read-only plan role (pull_request subject)."
  value       = aws_iam_role.plan.arn
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
  description = "Exact OIDC subjects the deploy and plan roles accept."
  value = {
    deploy = local.deploy_subject
    plan   = local.plan_subject
    drift  = local.drift_subject
  }
}
