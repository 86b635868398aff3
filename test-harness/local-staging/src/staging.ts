// Local staging: the emulated AWS stack provisioned from infra/terraform, the Oracle bundle
// deployed into its Lambda, a GitHub-like OIDC issuer, and an STS that enforces the roles' trust
// policies as Terraform writes them. What `npm start` runs the pipeline against.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { oracleNames } from '../../../oracle/src/contract.js';
import { CredentialRegistry } from './credentials.js';
import { startFakeGitHub, type FakeGitHub } from '../../github/fake-github.js';
import { startOidcIssuer, type OidcIssuer } from './oidc-issuer.js';
import type { StackProvisioning } from './provisioning.js';
import { startLocalStack, type LocalStack, type LocalStackOptions } from './stack.js';
import { startStsService, type StsService } from './sts.js';
import { bootstrapTargets } from './plan/bootstrap.js';
import { plannedProvider } from './plan/planned-provider.js';
import { recordState, stateObjects, type TerraformState } from './plan/state.js';
import {
  evaluateModuleTree,
  evaluateTerraform,
  toLocalStack,
  type TerraformSource,
  type TerraformStack,
} from './terraform/index.js';

/** The repository the local OIDC issuer's jobs run in; the Terraform's trust policies are set to it. */
export const LOCAL_REPOSITORY = { org: 'acme', repository: 'mirror-dissonance' } as const;

/** The github variable local staging sets: its OIDC issuer signs tokens for this repository. */
export const LOCAL_GITHUB_VARIABLE = {
  ...LOCAL_REPOSITORY,
  subject_format: 'name',
  org_id: '',
  repository_id: '',
};

export interface LocalSecrets {
  nonce: string;
  webhookSecret: string;
  githubToken: string;
}

export interface LocalStagingOptions extends Pick<
  LocalStackOptions,
  'idleTimeoutMs' | 'random' | 'sleep' | 'updateSettleMs' | 'alarmEvaluationIntervalMs'
> {
  /** Repository root (holds infra/terraform and dist/oracle); default the current directory. */
  root?: string;
  environment?: 'staging';
  /** Folder of the Lambda code; default <root>/dist/oracle. */
  functionCodeDirectory?: string;
  /** Secret values to seed; fresh random ones by default. */
  secrets?: Partial<LocalSecrets>;
  /**
   * What is provisioned at start: every resource of infra/terraform (default), or only what an
   * administrator applies before any workflow can run (`bootstrap`: the roles GitHub assumes
   * and what they depend on), leaving the rest to the pipeline's plan and apply.
   */
  provision?: 'all' | 'bootstrap';
}

export interface LocalStaging {
  environment: string;
  stack: LocalStack;
  issuer: OidcIssuer;
  sts: StsService;
  /** The GitHub REST API the Oracle lists pull-request files from (GITHUB_API_URL of the function). */
  github: FakeGitHub;
  terraform: TerraformStack;
  /** How infra/terraform was read (for a plan or apply against this stack). */
  terraformSource: TerraformSource;
  /** The Terraform state of what the stack holds, as an apply would have recorded it. */
  state: TerraformState;
  secrets: LocalSecrets;
  /** AWS_ENDPOINT_URL_<SERVICE> for every service, STS included, plus AWS_REGION. */
  endpointEnv: Record<string, string>;
  /** What a job with `permissions: id-token: write` sees: the endpoints and the OIDC request variables. */
  jobEnv(): Record<string, string>;
  /** Provisions more into the running stack (what an apply creates), as at start. */
  provision(provisioning: StackProvisioning): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The state an apply of the included resources records: their attributes, and the outputs that
 * are known from them alone (a targeted apply leaves the others out).
 */
function recordedState(
  evaluated: ReturnType<typeof evaluateTerraform>,
  aws: TerraformSource['aws'],
  include: (address: string) => boolean,
): TerraformState {
  const resources = recordState(evaluated.root, (instance) => include(instance.address));
  const afterwards = evaluateModuleTree(
    evaluated.tree,
    evaluated.variables,
    plannedProvider(aws, {
      prior: stateObjects(resources),
      replaced: new Set(),
      recomputed: new Set(),
    }),
  );
  return recordState(
    evaluated.root,
    (instance) => include(instance.address),
    undefined,
    afterwards,
  );
}

/** Terraform leaves GITHUB_API_URL to its default (api.github.com); locally it is the stand-in. */
function withLocalGitHub(provisioning: StackProvisioning, githubApiUrl: string): StackProvisioning {
  if (!provisioning.functions) return provisioning;
  return {
    ...provisioning,
    functions: provisioning.functions.map((fn) => ({
      ...fn,
      environment: { ...fn.environment, GITHUB_API_URL: githubApiUrl },
    })),
  };
}

export function freshSecrets(): LocalSecrets {
  return {
    nonce: randomBytes(32).toString('hex'),
    webhookSecret: randomBytes(24).toString('base64url'),
    githubToken: `ghp_${randomBytes(27).toString('base64url').replace(/[-_]/g, 'x').slice(0, 36)}`,
  };
}

export async function startLocalStaging(options: LocalStagingOptions = {}): Promise<LocalStaging> {
  const root = resolve(options.root ?? process.cwd());
  const environment = options.environment ?? 'staging';
  const codeDirectory = options.functionCodeDirectory ?? join(root, 'dist/oracle');
  if (!existsSync(join(codeDirectory, 'index.js'))) {
    throw new Error(`${codeDirectory}/index.js does not exist: run 'npm run build' first.`);
  }
  const names = oracleNames(environment);
  const secrets = { ...freshSecrets(), ...options.secrets };
  const registry = new CredentialRegistry();
  const region = 'us-east-1';
  const accountId = '123456789012';

  const terraformSource: TerraformSource = {
    dir: join(root, 'infra/terraform'),
    displayRoot: root,
    environment,
    aws: { account: accountId, region, partition: 'aws' },
    functionCodeDirectory: codeDirectory,
    secrets: {
      [names.nonceParameter]: secrets.nonce,
      [names.webhookSecretParameter]: secrets.webhookSecret,
      [names.githubTokenParameter]: secrets.githubToken,
    },
    variables: { github: LOCAL_GITHUB_VARIABLE },
  };
  const evaluated = evaluateTerraform(terraformSource);
  const include = options.provision === 'bootstrap' ? bootstrapTargets(evaluated.tree) : () => true;
  const terraform = toLocalStack(
    evaluated.root,
    { functionCodeDirectory: codeDirectory, secrets: terraformSource.secrets },
    include,
  );
  // Recorded when first read: the function's source_code_hash reads dist/oracle.zip, which the
  // pipeline packages before it plans (as the workflows do); a stack nobody plans never needs it.
  let state: TerraformState | undefined;

  const issuer = await startOidcIssuer({
    claims: {
      repository: `${LOCAL_REPOSITORY.org}/${LOCAL_REPOSITORY.repository}`,
      repository_owner: LOCAL_REPOSITORY.org,
      environment,
      job_workflow_ref: `${LOCAL_REPOSITORY.org}/${LOCAL_REPOSITORY.repository}/.github/workflows/deploy-staging.yml@refs/heads/main`,
    },
  });
  let stack: LocalStack | undefined;
  let sts: StsService | undefined;
  let github: FakeGitHub | undefined;
  try {
    github = await startFakeGitHub(`${LOCAL_REPOSITORY.org}/${LOCAL_REPOSITORY.repository}`);
    github.oracleToken = secrets.githubToken;
    const githubApiUrl = github.url;
    stack = await startLocalStack({
      region,
      accountId,
      registry,
      provisioning: withLocalGitHub(terraform.provisioning, githubApiUrl),
      idleTimeoutMs: options.idleTimeoutMs,
      random: options.random,
      sleep: options.sleep,
      updateSettleMs: options.updateSettleMs,
      alarmEvaluationIntervalMs: options.alarmEvaluationIntervalMs,
    });
    sts = await startStsService({
      registry,
      roles: terraform.roles,
      providers: terraform.oidcProviders.map((provider) => ({
        arn: provider.arn,
        issuerUrl: issuer.url,
        clientIds: provider.clientIds,
        jwks: issuer.jwks,
      })),
    });
  } catch (error) {
    await stack?.stop();
    await github?.close();
    await issuer.close();
    throw error;
  }
  const running = { stack, sts, github };
  const endpointEnv = {
    ...stack.env,
    AWS_ENDPOINT_URL_STS: sts.url,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
  };
  return {
    environment,
    stack,
    issuer,
    sts,
    github,
    terraform,
    terraformSource,
    get state() {
      state ??= recordedState(evaluated, terraformSource.aws, include);
      return state;
    },
    set state(applied: TerraformState) {
      state = applied;
    },
    secrets,
    endpointEnv,
    jobEnv: () => ({ ...endpointEnv, ...issuer.requestEnv() }),
    provision: (provisioning) =>
      running.stack.provision(withLocalGitHub(provisioning, running.github.url)),
    stop: async () => {
      await running.sts.close();
      await running.stack.stop();
      await running.github.close();
      await issuer.close();
    },
  };
}
