bucket         = "mirror-dissonance-tfstate-production"
key            = "production/terraform.tfstate"
region         = "us-east-1"
encrypt        = true
dynamodb_table = "terraform-lock-production"
