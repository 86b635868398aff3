variable "domain_name" {
  description = "Host name of the HTTP API, e.g. staging.mirror-dissonance.example.com; empty for none (then this module creates nothing)."
  type        = string

  validation {
    condition     = var.domain_name == "" || can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name))
    error_message = "domain_name must be a lower-case host name such as \"staging.mirror-dissonance.example.com\" (no scheme, path or trailing dot), or \"\" for none."
  }
}

variable "hosted_zone_id" {
  description = "Id of the public Route 53 hosted zone that holds domain_name; the certificate's DNS validation record and the alias record are written there."
  type        = string

  validation {
    condition     = (var.hosted_zone_id == "") == (var.domain_name == "")
    error_message = "hosted_zone_id must be set exactly when domain_name is."
  }
}

variable "api_id" {
  description = "Id of the HTTP API the domain serves."
  type        = string
}

variable "stage_name" {
  description = "Stage of the HTTP API the domain maps to (the API's $default stage)."
  type        = string
}
