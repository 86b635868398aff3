variable "environment" {
  description = "Environment whose Terraform state bucket and lock table this creates."
  type        = string

  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "environment must be \"staging\" or \"production\"."
  }
}

variable "region" {
  description = "Region of the bucket and the table; must equal the region in environments/{env}.backend.hcl."
  type        = string
  default     = "us-east-1"
}
