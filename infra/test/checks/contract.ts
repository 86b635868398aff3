// The names in Terraform must be the Oracle contract's (oracle/src/contract.ts): a table, key,
// parameter, variable or metric renamed on one side only would deploy fine and fail at run time.
import {
  CONSENT_KEYS,
  FP_EVENTS_KEYS,
  METRIC_NAMES,
  NAME_PREFIXES,
  ORACLE_ENV_VARS,
  type OracleNames,
  oracleNames,
} from '../../../oracle/src/contract.js';
import { describeBlock, nestedBlocks } from '../lib/configuration.js';
import { type Scope, resolveValue } from '../lib/expressions.js';
import { type ScopedBlock, scopedResources } from '../lib/infra.js';
import { asList, type Statement } from '../lib/policies.js';

type OracleEnvVar = (typeof ORACLE_ENV_VARS)[number];

/** What the Lambda's environment must hold, variable by variable: the seed's variables. */
export function expectedLambdaEnvironment(environment: string): Record<OracleEnvVar, string> {
  const names = oracleNames(environment);
  return {
    ENVIRONMENT: environment,
    DYNAMODB_TABLE_PREFIX: NAME_PREFIXES.dynamodbTable,
    SSM_PARAMETER_PREFIX: names.parameterPrefix,
    GITHUB_TOKEN_SSM: names.githubTokenParameter,
    NONCE_SSM: names.nonceParameter,
  };
}

/** Root outputs the actions read, and the contract name each must evaluate to. */
export const CONTRACT_OUTPUTS: Partial<Record<string, keyof OracleNames>> = {
  function_name: 'functionName',
  function_alias: 'alias',
  fp_events_table_name: 'fpEventsTable',
  consent_table_name: 'consentTable',
  parameter_prefix: 'parameterPrefix',
  nonce_parameter_name: 'nonceParameter',
  github_token_parameter_name: 'githubTokenParameter',
  webhook_secret_parameter_name: 'webhookSecretParameter',
  metrics_namespace: 'metricsNamespace',
};

function argument({ block, scope }: ScopedBlock, name: string): unknown {
  return resolveValue(scope, block.body[name]);
}

function named(blocks: ScopedBlock[], attribute: string, name: string): ScopedBlock | undefined {
  return blocks.find((scoped) => argument(scoped, attribute) === name);
}

function missing(type: string, attribute: string, name: string, blocks: ScopedBlock[]): string {
  const found = blocks.map((scoped) => String(argument(scoped, attribute))).join(', ') || 'none';
  return `no ${type} with ${attribute} = "${name}" (found: ${found})`;
}

function expectEqual(where: string, what: string, actual: unknown, expected: unknown): string[] {
  return JSON.stringify(actual) === JSON.stringify(expected)
    ? []
    : [
        `${where}: ${what} is ${JSON.stringify(actual) ?? 'missing'}, the contract says ${JSON.stringify(expected)}`,
      ];
}

function stringAttributes(table: ScopedBlock): Record<string, unknown> {
  return Object.fromEntries(
    nestedBlocks(table.block.body, 'attribute').map((attribute) => [
      attribute.name,
      attribute.type,
    ]),
  );
}

function tableFindings(scope: Scope, names: OracleNames): string[] {
  const tables = scopedResources(scope, 'aws_dynamodb_table');
  const findings: string[] = [];
  const fpEvents = named(tables, 'name', names.fpEventsTable);
  if (!fpEvents) findings.push(missing('aws_dynamodb_table', 'name', names.fpEventsTable, tables));
  else {
    const where = describeBlock(fpEvents.block);
    const body = fpEvents.block.body;
    findings.push(...expectEqual(where, 'hash_key', body.hash_key, FP_EVENTS_KEYS.partitionKey));
    findings.push(...expectEqual(where, 'range_key', body.range_key, FP_EVENTS_KEYS.sortKey));
    const index = nestedBlocks(body, 'global_secondary_index').find(
      (gsi) => gsi.name === FP_EVENTS_KEYS.findingIndex,
    );
    findings.push(
      ...expectEqual(
        where,
        `global_secondary_index "${FP_EVENTS_KEYS.findingIndex}" hash_key`,
        index?.hash_key,
        FP_EVENTS_KEYS.findingIndexKey,
      ),
    );
    const ttl = nestedBlocks(body, 'ttl')[0];
    findings.push(
      ...expectEqual(where, 'ttl.attribute_name', ttl?.attribute_name, FP_EVENTS_KEYS.ttlAttribute),
    );
    findings.push(...expectEqual(where, 'ttl.enabled', ttl?.enabled, true));
    const attributes = stringAttributes(fpEvents);
    for (const key of [
      FP_EVENTS_KEYS.partitionKey,
      FP_EVENTS_KEYS.sortKey,
      FP_EVENTS_KEYS.findingIndexKey,
    ]) {
      findings.push(...expectEqual(where, `attribute "${key}" type`, attributes[key], 'S'));
    }
  }
  const consent = named(tables, 'name', names.consentTable);
  if (!consent) findings.push(missing('aws_dynamodb_table', 'name', names.consentTable, tables));
  else {
    const where = describeBlock(consent.block);
    findings.push(
      ...expectEqual(where, 'hash_key', consent.block.body.hash_key, CONSENT_KEYS.partitionKey),
    );
    findings.push(
      ...expectEqual(
        where,
        `attribute "${CONSENT_KEYS.partitionKey}" type`,
        stringAttributes(consent)[CONSENT_KEYS.partitionKey],
        'S',
      ),
    );
  }
  return findings;
}

function parameterFindings(scope: Scope, names: OracleNames): string[] {
  const parameters = scopedResources(scope, 'aws_ssm_parameter');
  return [names.nonceParameter, names.githubTokenParameter, names.webhookSecretParameter].flatMap(
    (name) =>
      named(parameters, 'name', name)
        ? []
        : [missing('aws_ssm_parameter', 'name', name, parameters)],
  );
}

function lambdaFindings(scope: Scope, environment: string, names: OracleNames): string[] {
  const functions = scopedResources(scope, 'aws_lambda_function');
  const oracle = named(functions, 'function_name', names.functionName);
  if (!oracle)
    return [missing('aws_lambda_function', 'function_name', names.functionName, functions)];
  const where = describeBlock(oracle.block);
  const variables = (nestedBlocks(oracle.block.body, 'environment')[0]?.variables ?? {}) as Record<
    string,
    unknown
  >;
  const expected = expectedLambdaEnvironment(environment);
  const findings: string[] = [];
  for (const name of Object.keys(variables)) {
    if (!(ORACLE_ENV_VARS as readonly string[]).includes(name)) {
      findings.push(`${where}: environment variable ${name} is not in ORACLE_ENV_VARS`);
    }
  }
  for (const name of ORACLE_ENV_VARS) {
    if (!(name in variables))
      findings.push(`${where}: environment variable ${name} of ORACLE_ENV_VARS is missing`);
    else
      findings.push(
        ...expectEqual(
          where,
          `environment variable ${name}`,
          resolveValue(oracle.scope, variables[name]),
          expected[name],
        ),
      );
  }
  const aliases = scopedResources(scope, 'aws_lambda_alias');
  if (!named(aliases, 'name', names.alias))
    findings.push(missing('aws_lambda_alias', 'name', names.alias, aliases));
  return findings;
}

function trustedSubjects(role: ScopedBlock): unknown[] {
  const policy = argument(role, 'assume_role_policy') as { Statement?: unknown } | undefined;
  return (asList(policy?.Statement) as Statement[]).flatMap((statement) =>
    asList(statement.Condition?.StringEquals?.['token.actions.githubusercontent.com:sub']),
  );
}

function roleFindings(
  scope: Scope,
  environment: string,
  names: OracleNames,
  repositoryClaim: string,
): string[] {
  const roles = scopedResources(scope, 'aws_iam_role');
  const findings: string[] = [];
  const subjects: Array<[string, string[] | undefined]> = [
    [names.deployRole, [`repo:${repositoryClaim}:environment:${environment}`]],
    // Pull-request plans, and scheduled drift detection on the default branch.
    [
      names.planRole,
      [`repo:${repositoryClaim}:pull_request`, `repo:${repositoryClaim}:ref:refs/heads/main`],
    ],
    [names.execRole, undefined],
  ];
  for (const [roleName, subject] of subjects) {
    const role = named(roles, 'name', roleName);
    if (!role) findings.push(missing('aws_iam_role', 'name', roleName, roles));
    else if (subject !== undefined) {
      findings.push(
        ...expectEqual(
          describeBlock(role.block),
          'the trusted OIDC sub',
          trustedSubjects(role),
          subject,
        ),
      );
    }
  }
  return findings;
}

function metricFindings(scope: Scope, names: OracleNames): string[] {
  const findings: string[] = [];
  const alarms = scopedResources(scope, 'aws_cloudwatch_metric_alarm');
  const watched = new Set<unknown>();
  for (const alarm of alarms) {
    const namespace = argument(alarm, 'namespace');
    if (typeof namespace !== 'string' || namespace.startsWith('AWS/')) continue;
    const metric = argument(alarm, 'metric_name');
    const where = describeBlock(alarm.block);
    findings.push(...expectEqual(where, 'namespace', namespace, names.metricsNamespace));
    if (!(METRIC_NAMES as readonly unknown[]).includes(metric)) {
      findings.push(
        `${where}: metric_name ${JSON.stringify(metric)} is not one of METRIC_NAMES (${METRIC_NAMES.join(', ')})`,
      );
    }
    watched.add(metric);
  }
  for (const metric of ['EvaluationLatency', 'NonceFailures'] as const) {
    if (!watched.has(metric))
      findings.push(`no aws_cloudwatch_metric_alarm watches ${names.metricsNamespace} ${metric}`);
  }
  for (const dashboard of scopedResources(scope, 'aws_cloudwatch_dashboard')) {
    const body = argument(dashboard, 'dashboard_body') as {
      widgets?: Array<{ properties?: { metrics?: unknown[][] } }>;
    };
    for (const metric of (body?.widgets ?? []).flatMap(
      (widget) => widget.properties?.metrics ?? [],
    )) {
      const [namespace, metricName] = metric;
      if (
        namespace === names.metricsNamespace &&
        !(METRIC_NAMES as readonly unknown[]).includes(metricName)
      ) {
        findings.push(
          `${describeBlock(dashboard.block)}: widget metric ${JSON.stringify(metricName)} is not one of METRIC_NAMES`,
        );
      }
    }
  }
  return findings;
}

function outputFindings(scope: Scope, names: OracleNames): string[] {
  return Object.entries(CONTRACT_OUTPUTS).flatMap(([output, key]) => {
    const declared = scope.module.outputs.get(output);
    if (!declared || key === undefined)
      return [`${scope.module.dir}: output "${output}" the actions read is missing`];
    return expectEqual(
      `${declared.file}: output "${output}"`,
      'value',
      resolveValue(scope, declared.body.value),
      names[key],
    );
  });
}

export interface ContractExpectations {
  environment: string;
  /** org/repo, or org@ID/repo@ID: what the trusted OIDC subjects must name. */
  repositoryClaim: string;
  /** Also compare the root outputs (false for configurations without them, e.g. fixtures). */
  outputs: boolean;
}

/** Every place the configuration evaluated in `scope` departs from the Oracle contract. */
export function checkContract(scope: Scope, expectations: ContractExpectations): string[] {
  const names = oracleNames(expectations.environment);
  return [
    ...tableFindings(scope, names),
    ...parameterFindings(scope, names),
    ...lambdaFindings(scope, expectations.environment, names),
    ...roleFindings(scope, expectations.environment, names, expectations.repositoryClaim),
    ...metricFindings(scope, names),
    ...(expectations.outputs ? outputFindings(scope, names) : []),
  ];
}
