locals {
  enabled = var.domain_name != ""
}

resource "aws_acm_certificate" "api" {
  count = local.enabled ? 1 : 0

  domain_name       = var.domain_name
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

# A certificate for one name has exactly one validation record; one() fails loudly otherwise.
resource "aws_route53_record" "validation" {
  count = local.enabled ? 1 : 0

  zone_id         = var.hosted_zone_id
  name            = one(aws_acm_certificate.api[0].domain_validation_options).resource_record_name
  type            = one(aws_acm_certificate.api[0].domain_validation_options).resource_record_type
  records         = [one(aws_acm_certificate.api[0].domain_validation_options).resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "api" {
  count = local.enabled ? 1 : 0

  certificate_arn         = aws_acm_certificate.api[0].arn
  validation_record_fqdns = [aws_route53_record.validation[0].fqdn]
}

resource "aws_apigatewayv2_domain_name" "api" {
  count = local.enabled ? 1 : 0

  domain_name = var.domain_name

  domain_name_configuration {
    certificate_arn = aws_acm_certificate_validation.api[0].certificate_arn
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}

resource "aws_apigatewayv2_api_mapping" "api" {
  count = local.enabled ? 1 : 0

  api_id      = var.api_id
  domain_name = aws_apigatewayv2_domain_name.api[0].id
  stage       = var.stage_name
}

resource "aws_route53_record" "api" {
  count = local.enabled ? 1 : 0

  zone_id = var.hosted_zone_id
  name    = aws_apigatewayv2_domain_name.api[0].domain_name
  type    = "A"

  alias {
    name                   = aws_apigatewayv2_domain_name.api[0].domain_name_configuration[0].target_domain_name
    zone_id                = aws_apigatewayv2_domain_name.api[0].domain_name_configuration[0].hosted_zone_id
    evaluate_target_health = false
  }
}
