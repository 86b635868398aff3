// Every input parsed once into one typed object. Names default from the environment through the
// Oracle contract, so the action looks for exactly what infra/terraform creates.
import { join } from 'node:path';
import { ENVIRONMENTS, FP_EVENTS_KEYS, oracleNames } from '../../../oracle/src/contract.js';
import {
  parseFunctionName,
  parseParameterPath,
  parseQualifier,
  parseTableNamePrefix,
} from '../../lib/src/aws-names.js';
import { ConfigurationError } from '../../lib/src/errors.js';
import type { InputReader } from '../../lib/src/inputs.js';
import { parseChoice, parseHttpUrl, parseInteger, parseList } from '../../lib/src/parse.js';
import { readRequestTimeoutMs } from '../../lib/src/request-timeout.js';
import { resourcePrefix } from './checks/expected-alarms.js';

export const CHECK_AREAS = ['oracle', 'api', 'dynamodb', 'ssm', 'iam', 'alarms', 'cost'] as const;
export type CheckArea = (typeof CHECK_AREAS)[number];

export const FAULT_DRILL_CHOICES = ['none', 'alarms', 'nonce', 'all'] as const;
export type FaultDrill = 'alarms' | 'nonce';

export const ROLE_KEYS = ['deploy', 'plan', 'drift', 'exec'] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

/** A resource name and where it came from, so a "not found" can say which input to fix. */
export interface NamedResource {
  name: string;
  /** e.g. `input 'table-prefix'` or `the default for environment 'staging'`. */
  source: string;
}

/** A table, and the TTL attribute it must have when the contract gives it one. */
export interface TableTarget extends NamedResource {
  ttlAttribute?: string;
}

export interface SmokeSettings {
  /** The environment checked; the default names derive from it. */
  environment: string;
  /** The Oracle function. */
  functionName: NamedResource;
  /** The alias or version invoked (drills use $LATEST). */
  qualifier: string;
  /** Base URL of the HTTP API (POST /webhook, GET /health); the api checks need it. */
  apiUrl?: string;
  /** The FP events table (first) and the consent table. */
  tables: TableTarget[];
  /** The nonce, GitHub token and webhook secret parameters. */
  parameters: { nonce: NamedResource; githubToken: NamedResource; webhookSecret: NamedResource };
  /** The drill subscriber queue the alarm drill reads: its URL when given, else its name. */
  drillQueue: NamedResource & { url?: string };
  /** The environment's monthly AWS Budget (the cost area). */
  budgetName: NamedResource;
  /** Areas to check, in run order. */
  checks: CheckArea[];
  /** Why an area that was not asked for explicitly does not apply. */
  notApplicable: Partial<Record<CheckArea, string>>;
  /** A JSON file of extra invoke scenarios with their expected results. */
  scenariosFile?: string;
  /** Opt-in fault drills (never in production). */
  drills: FaultDrill[];
  /** Role ARNs given in `role-arns`; the others default from the caller's account. */
  roleArns: Partial<Record<RoleKey, string>>;
  /** Longest wait for something to happen: a Lambda update to settle, an alarm action, a metric. */
  timeoutMs: number;
  /** Longest wait for one request (an AWS call, an HTTP API request) to connect and answer. */
  requestTimeoutMs: number;
  /** The webhook secret, for a signed delivery; already masked. */
  webhookSecret?: string;
  region: string;
  /** Where report.json and junit.xml are written. */
  reportDirectory: string;
}

const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

function parseChecks(text: string, apiUrl: string | undefined) {
  const notApplicable: Partial<Record<CheckArea, string>> = {};
  if (text === '' || text === 'all') {
    if (!apiUrl) notApplicable.api = "no 'api-url' input was given";
    return { checks: CHECK_AREAS.filter((area) => !notApplicable[area]), notApplicable };
  }
  const wanted = new Set(parseList(text).map((item) => parseChoice('checks', item, CHECK_AREAS)));
  if (wanted.has('api') && !apiUrl) {
    throw new ConfigurationError(
      "Input 'checks' includes 'api', which needs the HTTP API's URL: set 'api-url' (e.g. the Terraform output api_url) or remove 'api' from 'checks'.",
    );
  }
  return { checks: CHECK_AREAS.filter((area) => wanted.has(area)), notApplicable };
}

function parseDrills(text: string, environment: string): FaultDrill[] {
  const choice = parseChoice('fault-drills', text || 'none', FAULT_DRILL_CHOICES);
  if (choice === 'none') return [];
  if (environment === 'production') {
    throw new ConfigurationError(
      `Input 'fault-drills' is '${choice}' but 'environment' is 'production': fault drills break the environment on purpose and never run in production. Set 'fault-drills: none' or point the action at staging.`,
    );
  }
  return choice === 'all' ? ['alarms', 'nonce'] : [choice];
}

/** AWS Budgets names: 1-100 characters, without ':' or '\\'. */
function parseBudgetName(text: string, environment: string): NamedResource {
  if (text === '') {
    return {
      name: `${resourcePrefix(environment)}-monthly`,
      source: `the default for environment '${environment}'`,
    };
  }
  if (!/^[^:\\]{1,100}$/.test(text)) {
    throw new ConfigurationError(
      `Input 'budget-name' must be an AWS Budgets name (1-100 characters, no ':' or '\\'), got '${text}'; use the Terraform output budget_name.`,
    );
  }
  return { name: text, source: "input 'budget-name'" };
}

/** The `drill-queue-url` input (the Terraform output drill_queue_url), else the default name. */
function parseDrillQueue(text: string, environment: string): NamedResource & { url?: string } {
  if (text === '') {
    return {
      name: `${resourcePrefix(environment)}-alarm-drills`,
      source: `the default for environment '${environment}'`,
    };
  }
  const match = /^https?:\/\/[^/\s]+\/\d{12}\/([A-Za-z0-9_-]{1,80})$/.exec(text);
  if (!match) {
    throw new ConfigurationError(
      `Input 'drill-queue-url' must be an SQS queue URL such as https://sqs.us-east-1.amazonaws.com/123456789012/mirror-dissonance-staging-alarm-drills (the Terraform output drill_queue_url), got '${text}'.`,
    );
  }
  return { name: match[1]!, url: text, source: "input 'drill-queue-url'" };
}

function parseRoleArns(text: string): Partial<Record<RoleKey, string>> {
  const roles: Partial<Record<RoleKey, string>> = {};
  for (const entry of parseList(text)) {
    const match = /^([a-z]+)\s*=\s*(\S+)$/.exec(entry);
    if (!match) {
      throw new ConfigurationError(
        `Input 'role-arns' has '${entry}'; expected lines of <role>=<ARN> with <role> one of ${ROLE_KEYS.join(', ')}, e.g. exec=arn:aws:iam::123456789012:role/mirror-dissonance-oracle-exec-staging.`,
      );
    }
    const key = parseChoice('role-arns', match[1]!, ROLE_KEYS);
    if (!ROLE_ARN.test(match[2]!)) {
      throw new ConfigurationError(
        `Input 'role-arns' gives ${key}=${match[2]}, which is not an IAM role ARN (arn:aws:iam::<account>:role/<name>).`,
      );
    }
    roles[key] = match[2]!;
  }
  return roles;
}

/** Renames the contract's default name when a prefix input replaces the default prefix. */
function named(
  defaultName: string,
  defaultPrefix: string,
  prefix: string,
  input: string,
  environment: string,
): NamedResource {
  if (prefix === '') {
    return { name: defaultName, source: `the default for environment '${environment}'` };
  }
  return { name: prefix + defaultName.slice(defaultPrefix.length), source: `input '${input}'` };
}

/**
 * Parses the inputs; `maskSecret` is called with the webhook secret before anything else
 * happens to it.
 */
export function readSettings(
  inputs: InputReader,
  env: NodeJS.ProcessEnv,
  maskSecret: (value: string) => void,
): SmokeSettings {
  const webhookSecret = inputs.optional('webhook-secret') || undefined;
  if (webhookSecret) maskSecret(webhookSecret);

  const environment = inputs.optional('environment') || 'staging';
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(environment)) {
    throw new ConfigurationError(
      `Input 'environment' must be a short lower-case name such as ${ENVIRONMENTS.join(' or ')}, got '${environment}'.`,
    );
  }
  const names = oracleNames(environment);
  const functionInput = inputs.optional('function-name');
  if (functionInput !== '') parseFunctionName('function-name', functionInput);
  const tablePrefix = parseTableNamePrefix('table-prefix', inputs.optional('table-prefix'));
  const parameterPrefixText = inputs.optional('parameter-prefix');
  const parameterPrefix =
    parameterPrefixText === ''
      ? ''
      : parseParameterPath('parameter-prefix', parameterPrefixText, names.parameterPrefix);
  const tableDefaultPrefix = 'mirror-dissonance-';
  const parameter = (name: string) =>
    named(name, names.parameterPrefix, parameterPrefix, 'parameter-prefix', environment);
  const apiUrl = parseHttpUrl(
    'api-url',
    inputs.optional('api-url'),
    "the HTTP API's base URL (the Terraform output api_url)",
    'https://abc123.execute-api.eu-west-1.amazonaws.com',
  );
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || '';
  if (!region) {
    throw new ConfigurationError(
      'No AWS region: set AWS_REGION (the oidc-assume action exports it) before this step.',
    );
  }
  const runnerTemp = env.RUNNER_TEMP;
  if (!runnerTemp) throw new Error('RUNNER_TEMP is not set; this action runs on a GitHub runner.');

  return {
    environment,
    functionName: functionInput
      ? { name: functionInput, source: "input 'function-name'" }
      : { name: names.functionName, source: `the default for environment '${environment}'` },
    qualifier: parseQualifier('qualifier', inputs.optional('qualifier') || names.alias),
    apiUrl,
    tables: [
      {
        ...named(names.fpEventsTable, tableDefaultPrefix, tablePrefix, 'table-prefix', environment),
        ttlAttribute: FP_EVENTS_KEYS.ttlAttribute,
      },
      named(names.consentTable, tableDefaultPrefix, tablePrefix, 'table-prefix', environment),
    ],
    parameters: {
      nonce: parameter(names.nonceParameter),
      githubToken: parameter(names.githubTokenParameter),
      webhookSecret: parameter(names.webhookSecretParameter),
    },
    drillQueue: parseDrillQueue(inputs.optional('drill-queue-url'), environment),
    budgetName: parseBudgetName(inputs.optional('budget-name'), environment),
    ...parseChecks(inputs.optional('checks'), apiUrl),
    scenariosFile: inputs.optional('scenarios') || undefined,
    drills: parseDrills(inputs.optional('fault-drills'), environment),
    roleArns: parseRoleArns(inputs.optional('role-arns')),
    timeoutMs:
      parseInteger('timeout-seconds', inputs.optional('timeout-seconds') || '30', {
        min: 1,
        max: 900,
      }) * 1000,
    requestTimeoutMs: readRequestTimeoutMs(inputs),
    webhookSecret,
    region,
    reportDirectory: join(runnerTemp, 'smoke-test'),
  };
}
