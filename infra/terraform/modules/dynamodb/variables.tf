variable "fp_events_table_name" {
  description = "Name of the false-positive events table, e.g. mirror-dissonance-fp-events-staging."
  type        = string
}

variable "consent_table_name" {
  description = "Name of the consent table, e.g. mirror-dissonance-consent-staging."
  type        = string
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key that encrypts both tables at rest."
  type        = string
}

variable "deletion_protection" {
  description = "Refuse DeleteTable on both tables until this is switched off."
  type        = bool
}
