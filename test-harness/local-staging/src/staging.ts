// Local staging: the emulated AWS stack provisioned from infra/terraform, the Oracle bundle
// deployed into its Lambda, a GitHub-like OIDC issuer, and an STS that enforces the roles' trust
// policies as Terraform writes them. What `npm start` runs the pipeline against.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { oracleNames } from '../../../oracle/src/contract.js';
import { CredentialRegistry } from './credentials.js';
import { startGitHubApi, type LocalGitHubApi } from './github-api.js';
import { startOidcIssuer, type OidcIssuer } from './oidc-issuer.js';
import { startLocalStack, type LocalStack, type LocalStackOptions } from './stack.js';
import { startStsService, type StsService } from './sts.js';
import { readTerraform, type TerraformStack } from './terraform/index.js';

/** The repository the local OIDC issuer's jobs run in; the Terraform's trust policies are set to it. */
export const LOCAL_REPOSITORY = { org: 'acme', repository: 'mirror-dissonance' } as const;

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
}

export interface LocalStaging {
  environment: string;
  stack: LocalStack;
  issuer: OidcIssuer;
  sts: StsService;
  /** The GitHub REST API the Oracle lists pull-request files from (GITHUB_API_URL of the function). */
  github: LocalGitHubApi;
  terraform: TerraformStack;
  secrets: LocalSecrets;
  /** AWS_ENDPOINT_URL_<SERVICE> for every service, STS included, plus AWS_REGION. */
  endpointEnv: Record<string, string>;
  /** What a job with `permissions: id-token: write` sees: the endpoints and the OIDC request variables. */
  jobEnv(): Record<string, string>;
  stop(): Promise<void>;
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

  const terraform = await readTerraform({
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
    variables: {
      github: { ...LOCAL_REPOSITORY, subject_format: 'name', org_id: '', repository_id: '' },
    },
  });

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
  let github: LocalGitHubApi | undefined;
  try {
    github = await startGitHubApi(secrets.githubToken);
    const githubApiUrl = github.url;
    // Terraform leaves GITHUB_API_URL to its default (api.github.com); locally it is the stand-in.
    const functions = terraform.provisioning.functions?.map((fn) => ({
      ...fn,
      environment: { ...fn.environment, GITHUB_API_URL: githubApiUrl },
    }));
    stack = await startLocalStack({
      region,
      accountId,
      registry,
      provisioning: { ...terraform.provisioning, functions },
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
    secrets,
    endpointEnv,
    jobEnv: () => ({ ...endpointEnv, ...issuer.requestEnv() }),
    stop: async () => {
      await running.sts.close();
      await running.stack.stop();
      await running.github.close();
      await issuer.close();
    },
  };
}
