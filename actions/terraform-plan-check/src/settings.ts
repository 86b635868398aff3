// Every input of the action, parsed once into one typed object.
import { join } from 'node:path';
import { ConfigurationError } from '../../lib/src/errors.js';
import type { InputReader } from '../../lib/src/inputs.js';
import { parseBoolean, parseChoice, parseInteger, parseList } from '../../lib/src/parse.js';
import { readRequestTimeoutMs } from '../../lib/src/request-timeout.js';
import { readDeploySettings, type DeploySettings } from './deploy-settings.js';
import {
  readPermissionSettings,
  type PermissionSettings,
} from './permissions/permission-settings.js';
import { selectPolicies } from './policies/index.js';
import type { Policy, PolicySettings } from './policies/policy.js';
import { DEFAULT_PROTECTED_RESOURCES } from './protected-resources.js';

export const FAIL_REASONS = [
  'fmt',
  'validate',
  'plan-error',
  'destroy',
  'policy',
  'drift',
  'plan-changed',
  'permissions',
  'check',
] as const;
export type FailReason = (typeof FAIL_REASONS)[number];
export const DEFAULT_FAIL_ON: FailReason[] = [
  'validate',
  'plan-error',
  'destroy',
  'policy',
  'plan-changed',
  'permissions',
];

export const MODES = ['plan', 'drift', 'apply-report'] as const;
export type Mode = (typeof MODES)[number];

export interface Settings {
  /** A JSON plan to analyse; empty means the plan recorded by the composite's `show` step. */
  planJson: string;
  /** Where the composite recorded its Terraform steps; empty when run on its own. */
  terraformResultsDir: string;
  /** The Terraform root module, as given (used in the report and the comment's identity). */
  workingDirectory: string;
  workspace: string;
  /** Shown after the report's title (e.g. "local plan"); empty for none. */
  label: string;
  mode: Mode;
  /** false: the plan ran with -refresh=false (read only the state, no live resource). */
  refresh: boolean;
  /** false: the plan ran with -lock=false. */
  lock: boolean;
  githubToken: string;
  /** Upsert the PR comment (pull request events only). */
  comment: boolean;
  /** Add/remove `terraform:destroy` and `terraform:drift` labels on the PR. */
  labels: boolean;
  /** Open, update or close the drift issue (drift mode; `auto` = on scheduled runs). */
  driftIssue: boolean | 'auto';
  failOn: ReadonlySet<FailReason>;
  protectedResources: string[];
  /** A PR label that allows deleting or replacing protected resources. */
  allowDestroyLabel: string;
  policies: Policy[];
  policySettings: PolicySettings;
  /** Where the full JSON report is written. */
  reportPath: string;
  /** Longest wait for one GitHub request. */
  requestTimeoutMs: number;
  /** The reviewed-plan guard, overrides and the apply result (deploy-settings.ts). */
  deploy: DeploySettings;
  /** The permission pre-check's role and scope; undefined when it is off. */
  permissions?: PermissionSettings;
}

function failReasons(text: string): FailReason[] {
  const entries = parseList(text);
  if (entries.length === 1 && entries[0] === 'none') return [];
  return entries.map((entry) => parseChoice('fail-on', entry, FAIL_REASONS));
}

function tristate(name: string, text: string): boolean | 'auto' {
  return text === '' || text === 'auto' ? 'auto' : parseBoolean(name, text);
}

/** FNV-1a as 8 hex digits: tells apart names the slug makes equal, without loading node:crypto. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** A token is one word; its value is never repeated in an error (it is a secret). */
function parseToken(text: string): string {
  if (!/[\s\u0085\u2028\u2029]/.test(text)) return text;
  throw new ConfigurationError(
    "Input 'github-token' holds spaces or line breaks, which no GitHub token has. Pass the token itself, e.g. github-token: ${{ github.token }}.",
  );
}

/** Terraform's rule: a workspace name is used in URLs as it is, with no '/'. */
function parseWorkspace(text: string): string {
  if (/^[A-Za-z0-9\-_.~$&+:=@]{1,90}$/.test(text)) return text;
  throw new ConfigurationError(
    `Input 'workspace' must be a Terraform workspace name (letters, digits and - _ . ~ $ & + : = @, no '/'), got '${text}'.`,
  );
}

/** A file name that tells runs on other directories or workspaces of the same job apart. */
function reportName(workingDirectory: string, workspace: string, mode: string): string {
  const slug = `${workingDirectory}-${workspace}-${mode}`
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^[._]+/, '');
  return `report-${slug}-${shortHash(`${workingDirectory}\n${workspace}\n${mode}`)}`;
}

export function readSettings(inputs: InputReader, env: NodeJS.ProcessEnv): Settings {
  const mode = parseChoice('mode', inputs.optional('mode') || 'plan', MODES);
  const failOnText = inputs.optional('fail-on');
  const planJson = inputs.optional('plan-json');
  const terraformResultsDir = inputs.optional('terraform-results');
  if (mode === 'apply-report' && planJson === '') {
    throw new ConfigurationError(
      "Input 'plan-json' is required in mode apply-report: give the `terraform show -json` output of the plan that was applied (what changed).",
    );
  }
  if (planJson === '' && terraformResultsDir === '') {
    throw new ConfigurationError(
      "Input 'plan-json' is required when the analyser runs on its own: give the path of a file written by `terraform show -json <planfile>` (the composite action sets it for you).",
    );
  }
  const protectedText = inputs.optional('protected-resources');
  const workingDirectory = inputs.optional('working-directory') || '.';
  const workspace = parseWorkspace(inputs.optional('workspace') || 'default');
  const runnerTemp = env.RUNNER_TEMP ?? '/tmp';
  const refresh = parseBoolean('refresh', inputs.optional('refresh') || 'true');
  if (!refresh && mode === 'drift') {
    throw new ConfigurationError(
      "Input 'refresh' is 'false' but 'mode' is 'drift': a drift check is a refresh (terraform plan -refresh-only). Remove 'refresh: false', or use 'mode: plan' for a plan without refresh.",
    );
  }
  return {
    planJson,
    terraformResultsDir,
    workingDirectory,
    workspace,
    label: inputs
      .optional('label')
      .replace(/[\r\n\u0085\u2028\u2029]+/g, ' ')
      .trim(),
    mode,
    refresh,
    lock: parseBoolean('lock', inputs.optional('lock') || 'true'),
    githubToken: parseToken(inputs.optional('github-token')),
    comment: parseBoolean('comment', inputs.optional('comment') || 'true'),
    labels: parseBoolean('labels', inputs.optional('labels') || 'false'),
    driftIssue: tristate('drift-issue', inputs.optional('drift-issue')),
    failOn: new Set(failOnText === '' ? DEFAULT_FAIL_ON : failReasons(failOnText)),
    protectedResources:
      protectedText === '' ? DEFAULT_PROTECTED_RESOURCES : parseList(protectedText),
    allowDestroyLabel: inputs.optional('allow-destroy-label') || 'terraform:allow-destroy',
    policies: selectPolicies(parseList(inputs.optional('policies') || 'all')),
    policySettings: {
      secretParameterPrefix: inputs.optional('secret-parameter-prefix') || '/mirror-dissonance/',
      minLogRetentionDays: parseInteger(
        'log-retention-days',
        inputs.optional('log-retention-days') || '30',
        { min: 1, max: 3653 },
      ),
    },
    reportPath:
      inputs.optional('report-path') ||
      join(
        runnerTemp,
        'terraform-plan-check',
        `${reportName(workingDirectory, workspace, mode)}.json`,
      ),
    requestTimeoutMs: readRequestTimeoutMs(inputs),
    deploy: readDeploySettings(inputs, env, mode),
    ...permissionSettings(inputs.optional('permissions-role'), mode, env),
  };
}

function permissionSettings(
  roleText: string,
  mode: Mode,
  env: NodeJS.ProcessEnv,
): { permissions?: PermissionSettings } {
  if (roleText !== '' && mode !== 'plan') {
    throw new ConfigurationError(
      `Input 'permissions-role' checks what an apply of the plan needs, so it works with mode 'plan' only, not '${mode}'. Remove it from this step.`,
    );
  }
  const permissions = readPermissionSettings(roleText, env);
  return permissions ? { permissions } : {};
}
