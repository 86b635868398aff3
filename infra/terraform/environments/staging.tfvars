environment = "staging"
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
lambda_memory_mb            = 512
lambda_timeout_seconds      = 10
lambda_reserved_concurrency = -1

deletion_protection = false

# The seed's staging URL. Uncomment with the id of the public Route 53 hosted zone that holds the
# domain; api_url then becomes https://staging.mirror-dissonance.example.com (infra/README.md,
# "Custom domain").
# custom_domain = {
#   name           = "staging.mirror-dissonance.example.com"
#   hosted_zone_id = "Z0123456789EXAMPLEABC"
# }

# The seed's "~$10/month": alerts at 80 % and 100 % of actual and 100 % of forecast spend.
budget_limit_usd = 10

# Staging is where drills run: creates the queue in which the alarm drill finds each notification.
fault_drills_allowed = true

# Staging alarms must reach someone: an address (confirm the mail AWS sends to it) or a Slack
# channel (docs/ops/deployment-guide.md, "Alarm notifications"). Until one is set, the waiver says
# why; every plan check, deploy summary and smoke test warns about it.
alarm_email = ""
slack = {
  workspace_id = ""
  channel_id   = ""
}
alarm_delivery_waiver = "no on-call address yet: set alarm_email or slack here and remove this waiver before relying on staging alarms"

tags = {}
