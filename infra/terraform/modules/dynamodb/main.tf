# Key names are the Oracle contract (FP_EVENTS_KEYS and CONSENT_KEYS in oracle/src/contract.ts).

resource "aws_dynamodb_table" "fp_events" {
  name                        = var.fp_events_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  attribute {
    name = "gsi1pk"
    type = "S"
  }

  global_secondary_index {
    name            = "FindingIndex"
    hash_key        = "gsi1pk"
    projection_type = "ALL"
  }

  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }
}

resource "aws_dynamodb_table" "consent" {
  name                        = var.consent_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "orgHash"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "orgHash"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }
}
