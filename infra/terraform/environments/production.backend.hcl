bucket  = "mirror-dissonance-tfstate-production"
key     = "production/terraform.tfstate"
region  = "us-east-1"
encrypt = true
# S3-native locking (<key>.tflock, Terraform >= 1.10). The seed's DynamoDB lock table is still
# taken too while teams migrate; infra/README.md, "State locking", says how to drop it.
use_lockfile   = true
dynamodb_table = "terraform-lock-production"
