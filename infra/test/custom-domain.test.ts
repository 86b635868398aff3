import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { checkCustomDomain } from './checks/custom-domain.js';
import { type Value, evaluateEnvironment } from './checks/evaluated-environment.js';
import type { ModuleTree } from './lib/configuration.js';
import {
  ENVIRONMENTS,
  FIXTURES_DIR,
  TERRAFORM_DIR,
  type VariablesFile,
  loadConfiguration,
  loadTfvars,
  planView,
  valuesOf,
} from './lib/infra.js';

const seedDomain = {
  name: 'staging.mirror-dissonance.example.com',
  hostedZoneId: 'Z0123456789EXAMPLEABC',
};
const customDomain = { name: seedDomain.name, hosted_zone_id: seedDomain.hostedZoneId };

describe('custom domain of the HTTP API', () => {
  let terraform: ModuleTree;
  let tfvars: Record<(typeof ENVIRONMENTS)[number], VariablesFile>;

  beforeAll(() => {
    terraform = loadConfiguration(TERRAFORM_DIR);
    tfvars = loadTfvars();
  });

  it.each(ENVIRONMENTS)(
    'is absent by default, and api_url is the generated endpoint (%s)',
    (environment) => {
      expect(
        checkCustomDomain(planView(terraform, valuesOf(tfvars[environment])), undefined),
      ).toEqual([]);
    },
  );

  it.each(ENVIRONMENTS)(
    'with a domain: DNS-validated certificate in the zone, regional TLS 1.2 domain name on $default, alias record, api_url on the domain (%s)',
    (environment) => {
      const root = planView(terraform, {
        ...valuesOf(tfvars[environment]),
        custom_domain: customDomain,
      });

      expect(checkCustomDomain(root, seedDomain)).toEqual([]);
    },
  );

  it('evaluates with a domain as the local stack does, and validates both fields together', async () => {
    const evaluated = await evaluateEnvironment(TERRAFORM_DIR, 'staging', {
      custom_domain: customDomain,
    });

    const alias = evaluated.resources.find(
      (r) => r.address === 'module.domain.aws_route53_record.api[0]',
    );
    const domainName = evaluated.resources.find((r) => r.type === 'aws_apigatewayv2_domain_name');
    const target = (domainName?.attribute('domain_name_configuration') as Value[])[0];

    expect(evaluated.outputs.api_url).toBe(`https://${seedDomain.name}`);
    expect(alias?.argument('alias')).toEqual([
      {
        name: (target as Record<string, Value>).target_domain_name,
        zone_id: (target as Record<string, Value>).hosted_zone_id,
        evaluate_target_health: false,
      },
    ]);
    expect((target as Record<string, Value>).target_domain_name).toMatch(
      /^d-\w+\.execute-api\.us-east-1\.amazonaws\.com$/,
    );
    expect(evaluated.outputs.api_endpoint).toMatch(
      /^https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com$/,
    );
    await expect(
      evaluateEnvironment(TERRAFORM_DIR, 'staging', {
        custom_domain: { name: seedDomain.name, hosted_zone_id: '' },
      }),
    ).rejects.toThrow(/custom_domain needs both name and hosted_zone_id, or neither/);
    await expect(
      evaluateEnvironment(TERRAFORM_DIR, 'staging', {
        custom_domain: { ...customDomain, name: `https://${seedDomain.name}/` },
      }),
    ).rejects.toThrow(/custom_domain.name must be a lower-case host name/);
  });

  it('fails for e-mail validation, an edge TLS 1.0 domain on another stage, a record in another zone and api_url left on the generated URL', () => {
    const fixture = loadConfiguration(join(FIXTURES_DIR, 'custom-domain'));

    const findings = checkCustomDomain(planView(fixture, {}), seedDomain);

    expect(findings).toEqual([
      expect.stringMatching(
        /custom-domain\/main\.tf:11: resource "aws_acm_certificate" "api": validation_method is "EMAIL", expected "DNS"/,
      ),
      expect.stringMatching(
        /resource "aws_apigatewayv2_domain_name" "api": endpoint_type is "EDGE", expected "REGIONAL"/,
      ),
      expect.stringMatching(
        /resource "aws_apigatewayv2_domain_name" "api": security_policy is "TLS_1_0", expected "TLS_1_2"/,
      ),
      expect.stringMatching(
        /resource "aws_apigatewayv2_domain_name" "api": certificate_arn is aws_acm_certificate\.api\.arn, expected a reference to aws_acm_certificate_validation\.api\.certificate_arn/,
      ),
      expect.stringMatching(
        /resource "aws_apigatewayv2_api_mapping" "api": stage is "prod", expected "\$default"/,
      ),
      expect.stringMatching(
        /resource "aws_route53_record" "api": zone_id is "Z9999999999OTHERZONE", expected "Z0123456789EXAMPLEABC"/,
      ),
      expect.stringMatching(/resource "aws_route53_record" "api": type is "CNAME", expected "A"/),
      expect.stringMatching(
        /output api_url is aws_apigatewayv2_api\.webhook\.api_endpoint, expected "https:\/\/staging.mirror-dissonance.example.com"/,
      ),
      'output api_endpoint (the generated URL) is missing',
    ]);
  });

  it('fails for domain resources left behind without a domain', () => {
    const fixture = loadConfiguration(join(FIXTURES_DIR, 'custom-domain'));

    const findings = checkCustomDomain(planView(fixture, {}), undefined);

    expect(findings).toEqual([
      expect.stringMatching(
        /"aws_acm_certificate" "api": exists \(count 1\) without a custom domain/,
      ),
      expect.stringMatching(/"aws_acm_certificate_validation" "api": exists/),
      expect.stringMatching(/main\.tf:16: resource "aws_route53_record" "validation": exists/),
      expect.stringMatching(/main\.tf:45: resource "aws_route53_record" "api": exists/),
      expect.stringMatching(/"aws_apigatewayv2_domain_name" "api": exists/),
      expect.stringMatching(/"aws_apigatewayv2_api_mapping" "api": exists/),
      'output api_endpoint (the generated URL) is missing',
    ]);
  });
});
