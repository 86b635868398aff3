# The values are written out of band (infra/README.md, "Set the secret values"). Terraform writes
# only this placeholder, once, through a write-only argument, so no secret ever reaches the state;
# later put-parameter calls are not drift because write-only values are never read back.
locals {
  placeholder = "unset: write the real value with aws ssm put-parameter --overwrite"
}

resource "aws_ssm_parameter" "nonce" {
  name             = "${var.parameter_prefix}nonce"
  description      = "Oracle nonce: 64 hex characters (32 random bytes). Keys redaction HMACs and anonymised ids."
  type             = "SecureString"
  key_id           = var.kms_key_arn
  value_wo         = local.placeholder
  value_wo_version = 1
}

resource "aws_ssm_parameter" "github_token" {
  name             = "${var.parameter_prefix}github-token"
  description      = "GitHub token the Oracle lists pull-request files with (read-only scope)."
  type             = "SecureString"
  key_id           = var.kms_key_arn
  value_wo         = local.placeholder
  value_wo_version = 1
}

resource "aws_ssm_parameter" "webhook_secret" {
  name             = "${var.parameter_prefix}webhook-secret"
  description      = "Secret of the GitHub webhook; X-Hub-Signature-256 is verified with it."
  type             = "SecureString"
  key_id           = var.kms_key_arn
  value_wo         = local.placeholder
  value_wo_version = 1
}
