// The optional custom domain of the HTTP API: with one, a DNS-validated certificate for exactly
// that name, validated through a record in the given zone, used by a regional TLS 1.2 API domain
// name that maps to the $default stage, an alias record, and api_url on the domain; without one,
// none of these resources and api_url the generated endpoint. Read as a plan sees it: values only
// apply can resolve stay unknown, and references between the resources are checked as written.
import type { Block } from '../../../test-harness/local-staging/src/terraform/hcl-parser.js';
import {
  describeBlock,
  isUnknown,
  type ModuleInstance,
  nestedBlocks,
  type ResourceInstance,
  type Value,
} from '../lib/configuration.js';

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

/** The instances of one resource block (several with count). */
type Placed = ResourceInstance[];

function address(placed: Placed): string {
  return describeBlock((placed[0] as ResourceInstance).declared);
}

/** The text other resources use to reference this one, or an attribute of it. */
function reference(placed: Placed, attribute?: string): string {
  const { declared } = placed[0] as ResourceInstance;
  const [type, name] = declared.block.labels;
  const index = declared.block.body.attributes.has('count') ? '[0]' : '';
  return `${type}.${name}${index}${attribute ? `.${attribute}` : ''}`;
}

/** An argument as written in the file, inside nested blocks for a longer path. */
function writtenAs(resource: ResourceInstance, path: string[]): string | undefined {
  const { declared } = resource;
  let block: Block = declared.block;
  for (const nested of path.slice(0, -1)) {
    const inner = block.body.blocks.find((b) => b.type === nested);
    if (!inner) return undefined;
    block = inner;
  }
  const attribute = block.body.attributes.get(path.at(-1) as string);
  return attribute && declared.source.slice(attribute.expression);
}

function show(evaluated: Value | undefined): string {
  return isUnknown(evaluated) ? String(evaluated) : JSON.stringify(evaluated);
}

function output(root: ModuleInstance, name: string): Value | undefined {
  return root.configuration.outputs.has(name) ? root.output(name) : undefined;
}

/** The blocks of each type, every one with its instances. */
function byType(root: ModuleInstance): Record<DomainType, Placed[]> {
  const resources = root.resources();
  return Object.fromEntries(
    CUSTOM_DOMAIN_TYPES.map((type) => {
      const blocks = new Map<unknown, Placed>();
      for (const resource of resources.filter((r) => r.type === type)) {
        blocks.set(resource.declared, [...(blocks.get(resource.declared) ?? []), resource]);
      }
      return [type, [...blocks.values()]];
    }),
  ) as Record<DomainType, Placed[]>;
}

function withoutDomainFindings(
  root: ModuleInstance,
  found: Record<DomainType, Placed[]>,
): string[] {
  const findings = Object.values(found)
    .flat()
    .map((placed) => `${address(placed)}: exists (count ${placed.length}) without a custom domain`);
  const url = output(root, 'api_url');
  const endpoint = output(root, 'api_endpoint');
  if (endpoint === undefined) findings.push('output api_endpoint (the generated URL) is missing');
  else if (show(url) !== show(endpoint))
    findings.push(
      `output api_url is ${show(url)}, expected the generated endpoint ${show(endpoint)}`,
    );
  return findings;
}

class Findings {
  readonly list: string[] = [];

  equal(placed: Placed, what: string, actual: Value | undefined, expected: unknown): void {
    if (show(actual) !== JSON.stringify(expected))
      this.list.push(
        `${address(placed)}: ${what} is ${show(actual)}, expected ${JSON.stringify(expected)}`,
      );
  }

  /** Whether the argument as written refers to `target`, e.g. aws_acm_certificate.api[0].arn. */
  refers(placed: Placed, what: string, path: string[], target: string): void {
    const written = writtenAs(placed[0] as ResourceInstance, path);
    if (!written?.includes(target))
      this.list.push(
        `${address(placed)}: ${what} is ${written ?? 'not set'}, expected a reference to ${target}`,
      );
  }
}

function one(found: Placed[], type: string, findings: Findings): Placed | undefined {
  if (found.length !== 1 || found[0]?.length !== 1) {
    findings.list.push(
      `expected one ${type}, found ${found.map((placed) => `${address(placed)} (count ${placed.length})`).join(', ') || 'none'}`,
    );
  }
  return found[0];
}

function withDomainFindings(
  root: ModuleInstance,
  found: Record<DomainType, Placed[]>,
  domain: CustomDomain,
): string[] {
  const findings = new Findings();
  const isAlias = (placed: Placed) => (placed[0] as ResourceInstance).has('alias');
  const records = found.aws_route53_record;
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

  const value = (placed: Placed, name: string) => (placed[0] as ResourceInstance).argument(name);
  findings.equal(certificate, 'domain_name', value(certificate, 'domain_name'), domain.name);
  findings.equal(certificate, 'validation_method', value(certificate, 'validation_method'), 'DNS');
  if ((certificate[0] as ResourceInstance).has('subject_alternative_names'))
    findings.list.push(
      `${address(certificate)}: has subject_alternative_names; the certificate is for ${domain.name} only`,
    );

  findings.equal(
    validationRecord,
    'zone_id',
    value(validationRecord, 'zone_id'),
    domain.hostedZoneId,
  );
  const validationOptions = reference(certificate, 'domain_validation_options');
  for (const argument of ['name', 'type', 'records'])
    findings.refers(validationRecord, argument, [argument], validationOptions);

  findings.refers(
    validation,
    'certificate_arn',
    ['certificate_arn'],
    reference(certificate, 'arn'),
  );
  findings.refers(
    validation,
    'validation_record_fqdns',
    ['validation_record_fqdns'],
    reference(validationRecord, 'fqdn'),
  );

  const configuration = nestedBlocks(value(domainName, 'domain_name_configuration'))[0] ?? {};
  findings.equal(domainName, 'domain_name', value(domainName, 'domain_name'), domain.name);
  findings.equal(
    domainName,
    'endpoint_type',
    configuration.endpoint_type as Value | undefined,
    'REGIONAL',
  );
  findings.equal(
    domainName,
    'security_policy',
    configuration.security_policy as Value | undefined,
    'TLS_1_2',
  );
  // Only the validation's certificate_arn makes the domain name wait until ACM has issued it.
  findings.refers(
    domainName,
    'certificate_arn',
    ['domain_name_configuration', 'certificate_arn'],
    reference(validation, 'certificate_arn'),
  );

  const stage = root
    .resources()
    .find((r) => r.type === 'aws_apigatewayv2_stage' && r.argument('name') === '$default');
  if (!stage) findings.list.push('no aws_apigatewayv2_stage named $default to map the domain to');
  else {
    findings.equal(mapping, 'stage', value(mapping, 'stage'), '$default');
    const api = show(stage.argument('api_id'));
    if (show(value(mapping, 'api_id')) !== api)
      findings.list.push(
        `${address(mapping)}: api_id is ${show(value(mapping, 'api_id'))}, expected the $default stage's API ${api}`,
      );
  }
  findings.refers(mapping, 'domain_name', ['domain_name'], reference(domainName));

  findings.equal(alias, 'zone_id', value(alias, 'zone_id'), domain.hostedZoneId);
  findings.equal(alias, 'type', value(alias, 'type'), 'A');
  findings.equal(alias, 'name', value(alias, 'name'), domain.name);
  findings.refers(
    alias,
    'alias.name',
    ['alias', 'name'],
    reference(domainName, 'domain_name_configuration[0].target_domain_name'),
  );
  findings.refers(
    alias,
    'alias.zone_id',
    ['alias', 'zone_id'],
    reference(domainName, 'domain_name_configuration[0].hosted_zone_id'),
  );

  const url = output(root, 'api_url');
  if (url !== `https://${domain.name}`)
    findings.list.push(
      `output api_url is ${show(url)}, expected ${JSON.stringify(`https://${domain.name}`)}`,
    );
  if (output(root, 'api_endpoint') === undefined)
    findings.list.push('output api_endpoint (the generated URL) is missing');
  return findings.list;
}

/** Every departure of the configuration, evaluated for an environment, from the custom domain expected. */
export function checkCustomDomain(
  root: ModuleInstance,
  domain: CustomDomain | undefined,
): string[] {
  const found = byType(root);
  return domain ? withDomainFindings(root, found, domain) : withoutDomainFindings(root, found);
}
