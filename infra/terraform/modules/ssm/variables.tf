variable "parameter_prefix" {
  description = "SSM path of the three parameters, with leading and trailing slash, e.g. /mirror-dissonance/staging/."
  type        = string

  validation {
    condition     = can(regex("^/mirror-dissonance/[a-z]+/$", var.parameter_prefix))
    error_message = "parameter_prefix must look like \"/mirror-dissonance/staging/\" (the Oracle and the actions derive parameter names from it)."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key that encrypts the SecureString values."
  type        = string
}
