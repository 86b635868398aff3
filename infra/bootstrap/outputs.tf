output "backend_config" {
  description = "What environments/{env}.backend.hcl must contain for this environment."
  value = {
    bucket         = aws_s3_bucket.state.bucket
    key            = "${var.environment}/terraform.tfstate"
    region         = var.region
    encrypt        = true
    use_lockfile   = true
    dynamodb_table = aws_dynamodb_table.lock.name
  }
}
