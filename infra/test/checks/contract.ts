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
import {
  describeBlock,
  describeResource,
  type ModuleInstance,
  nestedBlocks,
  type ResourceInstance,
  resourcesOfType,
} from '../lib/configuration.js';
import { asList, documentOf, type Statement } from '../lib/policies.js';

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

function named(
  resources: ResourceInstance[],
  attribute: string,
  name: string,
): ResourceInstance | undefined {
  return resources.find((resource) => resource.argument(attribute) === name);
}

function missing(
  type: string,
  attribute: string,
  name: string,
  resources: ResourceInstance[],
): string {
  const found = resources.map((r) => String(r.argument(attribute))).join(', ') || 'none';
  return `no ${type} with ${attribute} = "${name}" (found: ${found})`;
}

function expectEqual(where: string, what: string, actual: unknown, expected: unknown): string[] {
  return JSON.stringify(actual) === JSON.stringify(expected)
    ? []
    : [
        `${where}: ${what} is ${JSON.stringify(actual) ?? 'missing'}, the contract says ${JSON.stringify(expected)}`,
      ];
}

function attributeTypes(table: ResourceInstance): Record<string, unknown> {
  return Object.fromEntries(
    nestedBlocks(table.argument('attribute')).map((attribute) => [attribute.name, attribute.type]),
  );
}

function tableFindings(root: ModuleInstance, names: OracleNames): string[] {
  const tables = resourcesOfType(root, 'aws_dynamodb_table');
  const findings: string[] = [];
  const fpEvents = named(tables, 'name', names.fpEventsTable);
  if (!fpEvents) findings.push(missing('aws_dynamodb_table', 'name', names.fpEventsTable, tables));
  else {
    const where = describeResource(fpEvents);
    findings.push(
      ...expectEqual(where, 'hash_key', fpEvents.argument('hash_key'), FP_EVENTS_KEYS.partitionKey),
    );
    findings.push(
      ...expectEqual(where, 'range_key', fpEvents.argument('range_key'), FP_EVENTS_KEYS.sortKey),
    );
    const index = nestedBlocks(fpEvents.argument('global_secondary_index')).find(
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
    const ttl = nestedBlocks(fpEvents.argument('ttl'))[0];
    findings.push(
      ...expectEqual(where, 'ttl.attribute_name', ttl?.attribute_name, FP_EVENTS_KEYS.ttlAttribute),
    );
    findings.push(...expectEqual(where, 'ttl.enabled', ttl?.enabled, true));
    const attributes = attributeTypes(fpEvents);
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
    const where = describeResource(consent);
    findings.push(
      ...expectEqual(where, 'hash_key', consent.argument('hash_key'), CONSENT_KEYS.partitionKey),
    );
    findings.push(
      ...expectEqual(
        where,
        `attribute "${CONSENT_KEYS.partitionKey}" type`,
        attributeTypes(consent)[CONSENT_KEYS.partitionKey],
        'S',
      ),
    );
  }
  return findings;
}

function parameterFindings(root: ModuleInstance, names: OracleNames): string[] {
  const parameters = resourcesOfType(root, 'aws_ssm_parameter');
  return [names.nonceParameter, names.githubTokenParameter, names.webhookSecretParameter].flatMap(
    (name) =>
      named(parameters, 'name', name)
        ? []
        : [missing('aws_ssm_parameter', 'name', name, parameters)],
  );
}

function lambdaFindings(root: ModuleInstance, environment: string, names: OracleNames): string[] {
  const functions = resourcesOfType(root, 'aws_lambda_function');
  const oracle = named(functions, 'function_name', names.functionName);
  if (!oracle)
    return [missing('aws_lambda_function', 'function_name', names.functionName, functions)];
  const where = describeResource(oracle);
  const variables = (nestedBlocks(oracle.argument('environment'))[0]?.variables ?? {}) as Record<
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
        ...expectEqual(where, `environment variable ${name}`, variables[name], expected[name]),
      );
  }
  const aliases = resourcesOfType(root, 'aws_lambda_alias');
  if (!named(aliases, 'name', names.alias))
    findings.push(missing('aws_lambda_alias', 'name', names.alias, aliases));
  return findings;
}

function trustedSubjects(role: ResourceInstance): unknown[] {
  const policy = documentOf(role.argument('assume_role_policy')) as
    { Statement?: unknown } | undefined;
  return (asList(policy?.Statement) as Statement[]).flatMap((statement) =>
    asList(statement.Condition?.StringEquals?.['token.actions.githubusercontent.com:sub']),
  );
}

function roleFindings(
  root: ModuleInstance,
  environment: string,
  names: OracleNames,
  repositoryClaim: string,
): string[] {
  const roles = resourcesOfType(root, 'aws_iam_role');
  const findings: string[] = [];
  const subjects: Array<[string, string[] | undefined]> = [
    [names.deployRole, [`repo:${repositoryClaim}:environment:${environment}`]],
    // Pull-request plans only; drift detection runs on the default branch with its own role.
    [names.planRole, [`repo:${repositoryClaim}:pull_request`]],
    [names.driftRole, [`repo:${repositoryClaim}:ref:refs/heads/main`]],
    [names.execRole, undefined],
  ];
  for (const [roleName, subject] of subjects) {
    const role = named(roles, 'name', roleName);
    if (!role) findings.push(missing('aws_iam_role', 'name', roleName, roles));
    else if (subject !== undefined) {
      findings.push(
        ...expectEqual(
          describeResource(role),
          'the trusted OIDC sub',
          trustedSubjects(role),
          subject,
        ),
      );
    }
  }
  return findings;
}

function metricFindings(root: ModuleInstance, names: OracleNames): string[] {
  const findings: string[] = [];
  const watched = new Set<unknown>();
  for (const alarm of resourcesOfType(root, 'aws_cloudwatch_metric_alarm')) {
    const namespace = alarm.argument('namespace');
    if (typeof namespace !== 'string' || namespace.startsWith('AWS/')) continue;
    const metric = alarm.argument('metric_name');
    const where = describeResource(alarm);
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
  for (const dashboard of resourcesOfType(root, 'aws_cloudwatch_dashboard')) {
    const body = documentOf(dashboard.argument('dashboard_body')) as
      { widgets?: Array<{ properties?: { metrics?: unknown[][] } }> } | undefined;
    for (const metric of (body?.widgets ?? []).flatMap(
      (widget) => widget.properties?.metrics ?? [],
    )) {
      const [namespace, metricName] = metric;
      if (
        namespace === names.metricsNamespace &&
        !(METRIC_NAMES as readonly unknown[]).includes(metricName)
      ) {
        findings.push(
          `${describeResource(dashboard)}: widget metric ${JSON.stringify(metricName)} is not one of METRIC_NAMES`,
        );
      }
    }
  }
  return findings;
}

function outputFindings(root: ModuleInstance, names: OracleNames): string[] {
  return Object.entries(CONTRACT_OUTPUTS).flatMap(([output, key]) => {
    const declared = root.configuration.outputs.get(output);
    if (!declared || key === undefined)
      return [`${root.configuration.path}: output "${output}" the actions read is missing`];
    return expectEqual(describeBlock(declared), 'value', root.output(output), names[key]);
  });
}

export interface ContractExpectations {
  environment: string;
  /** org/repo, or org@ID/repo@ID: what the trusted OIDC subjects must name. */
  repositoryClaim: string;
  /** Also compare the root outputs (false for configurations without them, e.g. fixtures). */
  outputs: boolean;
}

/** Every place the configuration, evaluated for an environment, departs from the Oracle contract. */
export function checkContract(root: ModuleInstance, expectations: ContractExpectations): string[] {
  const names = oracleNames(expectations.environment);
  return [
    ...tableFindings(root, names),
    ...parameterFindings(root, names),
    ...lambdaFindings(root, expectations.environment, names),
    ...roleFindings(root, expectations.environment, names, expectations.repositoryClaim),
    ...metricFindings(root, names),
    ...(expectations.outputs ? outputFindings(root, names) : []),
  ];
}
