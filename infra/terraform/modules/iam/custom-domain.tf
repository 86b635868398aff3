# Permissions for the optional custom domain (modules/domain), in policies of their own that
# exist only while a domain is set: reading its certificate, records and API Gateway domain
# name for refreshes (drift role), and creating them for applies (deploy role).

locals {
  custom_domain_enabled = var.custom_domain.name != ""

  custom_domain_arn = {
    # Certificate ids are chosen by ACM, so the account's certificates in the region.
    certificates   = "arn:${var.aws.partition}:acm:${var.aws.region}:${var.aws.account_id}:certificate/*"
    hosted_zone    = "arn:${var.aws.partition}:route53:::hostedzone/${var.custom_domain.hosted_zone_id}"
    record_changes = "arn:${var.aws.partition}:route53:::change/*"
    domain_names   = "arn:${var.aws.partition}:apigateway:${var.aws.region}::/domainnames"
    domain_name    = "arn:${var.aws.partition}:apigateway:${var.aws.region}::/domainnames/${var.custom_domain.name}"
    api_mappings   = "arn:${var.aws.partition}:apigateway:${var.aws.region}::/domainnames/${var.custom_domain.name}/*"
  }

  custom_domain_read_statements = [
    {
      Sid      = "ReadCertificates"
      Effect   = "Allow"
      Action   = ["acm:DescribeCertificate", "acm:ListTagsForCertificate"]
      Resource = [local.custom_domain_arn.certificates]
    },
    {
      Sid      = "ReadDomainRecords"
      Effect   = "Allow"
      Action   = ["route53:GetHostedZone", "route53:ListResourceRecordSets"]
      Resource = [local.custom_domain_arn.hosted_zone]
    },
    {
      Sid      = "ReadApiDomainName"
      Effect   = "Allow"
      Action   = ["apigateway:GET"]
      Resource = [local.custom_domain_arn.domain_name, local.custom_domain_arn.api_mappings]
    },
  ]

  custom_domain_manage_statements = [
    {
      # RequestCertificate has no resource type (the certificate does not exist yet): the
      # conditions are what scopes it.
      Sid      = "RequestDnsValidatedCertificateForTheDomainOnly"
      Effect   = "Allow"
      Action   = ["acm:RequestCertificate"]
      Resource = "*"
      Condition = {
        StringEquals                = { "acm:ValidationMethod" = "DNS" }
        "ForAllValues:StringEquals" = { "acm:DomainNames" = [var.custom_domain.name] }
      }
    },
    {
      Sid      = "TagNewCertificates"
      Effect   = "Allow"
      Action   = ["acm:AddTagsToCertificate"]
      Resource = [local.custom_domain_arn.certificates]
    },
    {
      Sid      = "DeleteThisEnvironmentsCertificates"
      Effect   = "Allow"
      Action   = ["acm:DeleteCertificate", "acm:RemoveTagsFromCertificate"]
      Resource = [local.custom_domain_arn.certificates]
      Condition = {
        StringEquals = {
          "aws:ResourceTag/project"     = "mirror-dissonance"
          "aws:ResourceTag/environment" = var.environment
        }
      }
    },
    {
      Sid      = "ChangeOnlyTheDomainAndItsValidationRecords"
      Effect   = "Allow"
      Action   = ["route53:ChangeResourceRecordSets"]
      Resource = [local.custom_domain_arn.hosted_zone]
      Condition = {
        "ForAllValues:StringLike"   = { "route53:ChangeResourceRecordSetsNormalizedRecordNames" = [var.custom_domain.name, "_*.${var.custom_domain.name}"] }
        "ForAllValues:StringEquals" = { "route53:ChangeResourceRecordSetsRecordTypes" = ["A", "CNAME"] }
      }
    },
    {
      Sid      = "WaitForRecordChanges"
      Effect   = "Allow"
      Action   = ["route53:GetChange"]
      Resource = [local.custom_domain_arn.record_changes]
    },
    {
      Sid      = "CreateTheApiDomainName"
      Effect   = "Allow"
      Action   = ["apigateway:POST"]
      Resource = [local.custom_domain_arn.domain_names]
    },
    {
      Sid      = "ManageTheApiDomainNameAndMapping"
      Effect   = "Allow"
      Action   = ["apigateway:POST", "apigateway:PATCH", "apigateway:DELETE"]
      Resource = [local.custom_domain_arn.domain_name, local.custom_domain_arn.api_mappings]
    },
  ]
}

resource "aws_iam_role_policy" "drift_custom_domain" {
  count = local.custom_domain_enabled ? 1 : 0

  name = "custom-domain-read-only"
  role = aws_iam_role.drift.id

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = local.custom_domain_read_statements
  })
}

resource "aws_iam_role_policy" "deploy_custom_domain" {
  count = local.custom_domain_enabled ? 1 : 0

  name = "custom-domain"
  role = aws_iam_role.deploy.id

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat(local.custom_domain_read_statements, local.custom_domain_manage_statements)
  })
}
