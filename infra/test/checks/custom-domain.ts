// The optional custom domain of the HTTP API: with one, a DNS-validated certificate for exactly
// that name, validated through a record in the given zone, used by a regional TLS 1.2 API domain
// name that maps to the $default stage, an alias record, and api_url on the domain; without one,
// none of these resources and api_url the generated endpoint. Read with the checks' evaluator, so
// references between resources that only apply can resolve stay visible as references.
import { describeBlock, nestedBlocks } from '../lib/configuration.js';
import type { HclBody } from '../lib/hcl-files.js';
import { type Scope, isUnresolved, resolveValue } from '../lib/expressions.js';
import { type ScopedBlock, scopedResources } from '../lib/infra.js';

export interface CustomDomain {
  name: string;
  hostedZoneId: string;
}

export const CUSTOM_DOMAIN_TYPES = [
  'aws_acm_certificate',
  'aws_acm_certificate_validation',
  'aws_route53_record',
  'aws_apigatewayv2_domain_name',
  'aws_apigatewayv2_api_mapping',
] as const;

type DomainType = (typeof CUSTOM_DOMAIN_TYPES)[number];

function address({ block }: ScopedBlock): string {
  return describeBlock(block);
}

/** How many instances `count` makes (1 without count); NaN when it does not evaluate. */
function instances(scoped: ScopedBlock): number {
  if (!('count' in scoped.block.body)) return 1;
  const count = resolveValue(scoped.scope, scoped.block.body.count);
  return typeof count === 'number' ? count : Number.NaN;
}

/** The text other resources use to reference this one, or an attribute of it. */
function reference({ block }: ScopedBlock, attribute?: string): string {
  const index = 'count' in block.body ? '[0]' : '';
  return `${block.labels[0]}.${block.labels[1]}${index}${attribute ? `.${attribute}` : ''}`;
}

function value(scoped: ScopedBlock, raw: unknown): unknown {
  return resolveValue(scoped.scope, raw);
}

function show(evaluated: unknown): string {
  return isUnresolved(evaluated) ? String(evaluated) : JSON.stringify(evaluated);
}

function output(scope: Scope, name: string): unknown {
  const declared = scope.module.outputs.get(name);
  return declared ? resolveValue(scope, declared.body.value) : undefined;
}

function byType(scope: Scope): Record<DomainType, ScopedBlock[]> {
  return Object.fromEntries(
    CUSTOM_DOMAIN_TYPES.map((type) => [type, scopedResources(scope, type)]),
  ) as Record<DomainType, ScopedBlock[]>;
}

function withoutDomainFindings(scope: Scope, found: Record<DomainType, ScopedBlock[]>): string[] {
  const findings = Object.values(found)
    .flat()
    .filter((scoped) => instances(scoped) !== 0)
    .map(
      (scoped) => `${address(scoped)}: exists (count ${instances(scoped)}) without a custom domain`,
    );
  const url = output(scope, 'api_url');
  const endpoint = output(scope, 'api_endpoint');
  if (endpoint === undefined) findings.push('output api_endpoint (the generated URL) is missing');
  else if (show(url) !== show(endpoint))
    findings.push(
      `output api_url is ${show(url)}, expected the generated endpoint ${show(endpoint)}`,
    );
  return findings;
}

class Findings {
  readonly list: string[] = [];

  equal(scoped: ScopedBlock, what: string, actual: unknown, expected: unknown): void {
    if (show(actual) !== JSON.stringify(expected))
      this.list.push(
        `${address(scoped)}: ${what} is ${show(actual)}, expected ${JSON.stringify(expected)}`,
      );
  }

  /** Whether the unevaluated argument refers to `target`, e.g. aws_acm_certificate.api[0].arn. */
  refers(scoped: ScopedBlock, what: string, raw: unknown, target: string): void {
    if (!JSON.stringify(raw ?? null).includes(target))
      this.list.push(
        `${address(scoped)}: ${what} is ${JSON.stringify(raw)}, expected a reference to ${target}`,
      );
  }
}

function one(found: ScopedBlock[], type: string, findings: Findings): ScopedBlock | undefined {
  const present = found.filter((scoped) => instances(scoped) !== 0);
  if (present.length !== 1 || instances(present[0] as ScopedBlock) !== 1) {
    findings.list.push(
      `expected one ${type}, found ${present.map((scoped) => `${address(scoped)} (count ${instances(scoped)})`).join(', ') || 'none'}`,
    );
  }
  return present[0];
}

function withDomainFindings(
  scope: Scope,
  found: Record<DomainType, ScopedBlock[]>,
  domain: CustomDomain,
): string[] {
  const findings = new Findings();
  const records = found.aws_route53_record.filter((scoped) => instances(scoped) !== 0);
  const isAlias = (scoped: ScopedBlock) => nestedBlocks(scoped.block.body, 'alias').length > 0;
  const certificate = one(found.aws_acm_certificate, 'aws_acm_certificate', findings);
  const validation = one(found.aws_acm_certificate_validation, 'certificate validation', findings);
  const validationRecord = one(
    records.filter((r) => !isAlias(r)),
    'validation record',
    findings,
  );
  const domainName = one(found.aws_apigatewayv2_domain_name, 'API domain name', findings);
  const mapping = one(found.aws_apigatewayv2_api_mapping, 'API mapping', findings);
  const alias = one(records.filter(isAlias), 'alias record', findings);
  if (!certificate || !validation || !validationRecord || !domainName || !mapping || !alias)
    return findings.list;

  const body = (scoped: ScopedBlock) => scoped.block.body;
  findings.equal(
    certificate,
    'domain_name',
    value(certificate, body(certificate).domain_name),
    domain.name,
  );
  findings.equal(
    certificate,
    'validation_method',
    value(certificate, body(certificate).validation_method),
    'DNS',
  );
  if ('subject_alternative_names' in body(certificate))
    findings.list.push(
      `${address(certificate)}: has subject_alternative_names; the certificate is for ${domain.name} only`,
    );

  findings.equal(
    validationRecord,
    'zone_id',
    value(validationRecord, body(validationRecord).zone_id),
    domain.hostedZoneId,
  );
  const validationOptions = reference(certificate, 'domain_validation_options');
  for (const argument of ['name', 'type', 'records'])
    findings.refers(
      validationRecord,
      argument,
      body(validationRecord)[argument],
      validationOptions,
    );

  findings.refers(
    validation,
    'certificate_arn',
    body(validation).certificate_arn,
    reference(certificate, 'arn'),
  );
  findings.refers(
    validation,
    'validation_record_fqdns',
    body(validation).validation_record_fqdns,
    reference(validationRecord, 'fqdn'),
  );

  const configuration =
    nestedBlocks(body(domainName), 'domain_name_configuration')[0] ?? ({} as HclBody);
  findings.equal(
    domainName,
    'domain_name',
    value(domainName, body(domainName).domain_name),
    domain.name,
  );
  findings.equal(
    domainName,
    'endpoint_type',
    value(domainName, configuration.endpoint_type),
    'REGIONAL',
  );
  findings.equal(
    domainName,
    'security_policy',
    value(domainName, configuration.security_policy),
    'TLS_1_2',
  );
  // Only the validation's certificate_arn makes the domain name wait until ACM has issued it.
  findings.refers(
    domainName,
    'certificate_arn',
    configuration.certificate_arn,
    reference(validation, 'certificate_arn'),
  );

  const stage = scopedResources(scope, 'aws_apigatewayv2_stage').find(
    (scoped) => value(scoped, body(scoped).name) === '$default',
  );
  if (!stage) findings.list.push('no aws_apigatewayv2_stage named $default to map the domain to');
  else {
    findings.equal(mapping, 'stage', value(mapping, body(mapping).stage), '$default');
    const api = show(value(stage, body(stage).api_id));
    if (show(value(mapping, body(mapping).api_id)) !== api)
      findings.list.push(
        `${address(mapping)}: api_id is ${show(value(mapping, body(mapping).api_id))}, expected the $default stage's API ${api}`,
      );
  }
  findings.refers(mapping, 'domain_name', body(mapping).domain_name, reference(domainName));

  findings.equal(alias, 'zone_id', value(alias, body(alias).zone_id), domain.hostedZoneId);
  findings.equal(alias, 'type', value(alias, body(alias).type), 'A');
  findings.equal(alias, 'name', value(alias, body(alias).name), domain.name);
  const target = nestedBlocks(body(alias), 'alias')[0] ?? ({} as HclBody);
  findings.refers(
    alias,
    'alias.name',
    target.name,
    reference(domainName, 'domain_name_configuration[0].target_domain_name'),
  );
  findings.refers(
    alias,
    'alias.zone_id',
    target.zone_id,
    reference(domainName, 'domain_name_configuration[0].hosted_zone_id'),
  );

  const url = output(scope, 'api_url');
  if (url !== `https://${domain.name}`)
    findings.list.push(
      `output api_url is ${show(url)}, expected ${JSON.stringify(`https://${domain.name}`)}`,
    );
  if (output(scope, 'api_endpoint') === undefined)
    findings.list.push('output api_endpoint (the generated URL) is missing');
  return findings.list;
}

/** Every departure of the configuration evaluated in `scope` from the custom domain expected. */
export function checkCustomDomain(scope: Scope, domain: CustomDomain | undefined): string[] {
  const found = byType(scope);
  return domain ? withDomainFindings(scope, found, domain) : withoutDomainFindings(scope, found);
}
