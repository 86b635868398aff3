environment = "production"
region      = "us-east-1"

github = {
  org            = "mirror-dissonance"
  repository     = "mirror-dissonance-staging-actions"
  subject_format = "name"
  org_id         = ""
  repository_id  = ""
}

create_github_oidc_provider = true

lambda_package_path         = "../../dist/oracle.zip"
lambda_memory_mb            = 1024
lambda_timeout_seconds      = 10
lambda_reserved_concurrency = -1

deletion_protection = true

budget_limit_usd = 50

# Drills force alarms and an invalid nonce; variables.tf refuses true in production.
fault_drills_allowed = false

alarm_email = ""
slack = {
  workspace_id = ""
  channel_id   = ""
}
# Not required in production (staging requires a route or this waiver), but warned about when empty.
alarm_delivery_waiver = ""

tags = {}
