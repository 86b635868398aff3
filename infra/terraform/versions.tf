terraform {
  # 1.11 is the first release with write-only arguments (value_wo on aws_ssm_parameter).
  required_version = "~> 1.11"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 6.20 is the first release that accepts the nodejs24.x Lambda runtime.
      version = "~> 6.20"
    }
  }

  # Partial configuration: pass -backend-config=environments/<env>.backend.hcl to terraform init.
  backend "s3" {}
}
