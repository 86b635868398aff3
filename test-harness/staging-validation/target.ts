// What test-harness/staging-validation.ts validates: local staging it starts itself (the
// default), or the deployed staging the environment names, reached with the usual AWS credential
// chain. The suite talks to both through smoke-test's own settings, clients and drills, so the
// two never check differently.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createAwsClients,
  destroyAwsClients,
  type AwsClients,
} from '../../actions/smoke-test/src/aws-clients.js';
import { readSettings, type SmokeSettings } from '../../actions/smoke-test/src/settings.js';
import { resolveTargets, type Targets } from '../../actions/smoke-test/src/targets.js';
import { inputReader, inputVariable } from '../../actions/lib/src/inputs.js';
import { startLocalStaging, type LocalStaging } from '../local-staging/src/staging.js';

/** The variables that name a deployed staging (docs: test-harness/README.md, "Staging validation"). */
export const VALIDATION_VARIABLES = {
  /** The HTTP API's base URL (Terraform output api_url); setting it selects a deployed staging. */
  apiUrl: 'STAGING_API_URL',
  /** The seed's ENVIRONMENT: every name derives from it (default staging). */
  environment: 'ENVIRONMENT',
  /** none (default), nonce or all: whether the invalid-nonce test may change the shared nonce. */
  faultDrills: 'STAGING_FAULT_DRILLS',
} as const;

const DRILL_CHOICES = ['none', 'alarms', 'nonce', 'all'];

export type NonceDrillPlan = { run: true } | { run: false; reason: string };

export interface ValidationPlan {
  /** local: the suite starts local staging; deployed: the staging the variables name. */
  mode: 'local' | 'deployed';
  environment: string;
  /** The deployed staging's API URL (local staging's is known once it starts). */
  apiUrl?: string;
  region: string;
  nonceDrill: NonceDrillPlan;
}

function configurationError(variable: string, value: string, expected: string): Error {
  return new Error(
    `${variable} is '${value}'; expected ${expected}. Fix or unset it (test-harness/README.md, "Staging validation").`,
  );
}

/** Reads the plan from the environment; throws naming the variable that is wrong. */
export function validationPlan(env: NodeJS.ProcessEnv): ValidationPlan {
  const apiUrl = (env[VALIDATION_VARIABLES.apiUrl] ?? '').trim().replace(/\/+$/, '');
  if (apiUrl === '') {
    return {
      mode: 'local',
      environment: 'staging',
      region: 'us-east-1',
      nonceDrill: { run: true },
    };
  }
  if (!/^https?:\/\/[^/\s]+/.test(apiUrl)) {
    throw configurationError(
      VALIDATION_VARIABLES.apiUrl,
      apiUrl,
      "the HTTP API's base URL (the Terraform output api_url), e.g. https://staging.mirror-dissonance.example.com",
    );
  }
  const environment = (env[VALIDATION_VARIABLES.environment] ?? '').trim() || 'staging';
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(environment)) {
    throw configurationError(
      VALIDATION_VARIABLES.environment,
      environment,
      'a short lower-case environment name such as staging',
    );
  }
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || '';
  if (region === '') {
    throw new Error(
      `${VALIDATION_VARIABLES.apiUrl} names a deployed staging but no AWS region is set: set AWS_REGION (the seed's us-east-1, or the oidc-assume step's aws-region).`,
    );
  }
  const drills = (env[VALIDATION_VARIABLES.faultDrills] ?? '').trim() || 'none';
  if (!DRILL_CHOICES.includes(drills)) {
    throw configurationError(
      VALIDATION_VARIABLES.faultDrills,
      drills,
      `one of ${DRILL_CHOICES.join(', ')} (as smoke-test's fault-drills input)`,
    );
  }
  return {
    mode: 'deployed',
    environment,
    apiUrl,
    region,
    nonceDrill: nonceDrillPlan(environment, drills),
  };
}

function nonceDrillPlan(environment: string, drills: string): NonceDrillPlan {
  if (environment === 'production') {
    return { run: false, reason: 'fault drills never run in production' };
  }
  if (drills === 'nonce' || drills === 'all') return { run: true };
  return {
    run: false,
    reason: `it writes an invalid nonce to the shared parameter, so new instances of every alias fail closed until it is restored, and it fires the nonce-failures alarm; set ${VALIDATION_VARIABLES.faultDrills}=nonce to run it (deploy-staging does when dispatched with fault-drills nonce or all)`,
  };
}

export interface ValidationTarget {
  plan: ValidationPlan;
  apiUrl: string;
  /** smoke-test's settings for this environment (names from the Oracle contract). */
  settings: SmokeSettings;
  targets: Targets;
  clients: AwsClients;
  close(): Promise<void>;
}

/** The variables an SDK client reads: endpoints and the deploy role's credentials. */
function localStagingEnvironment(staging: LocalStaging): Record<string, string> {
  const issued = staging.stack.registry.issue(
    String(staging.terraform.outputs.deploy_role_arn),
    'staging-validation',
    3600,
  );
  return {
    ...staging.endpointEnv,
    AWS_ACCESS_KEY_ID: issued.accessKeyId,
    AWS_SECRET_ACCESS_KEY: issued.secretAccessKey,
    AWS_SESSION_TOKEN: issued.sessionToken,
  };
}

/** Sets variables for this process; returns how to put the previous values back. */
function setEnvironment(values: Record<string, string>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

export async function openTarget(plan: ValidationPlan, root: string): Promise<ValidationTarget> {
  let staging: LocalStaging | undefined;
  let restoreEnvironment = () => {};
  if (plan.mode === 'local') {
    staging = await startLocalStaging({ root });
    restoreEnvironment = setEnvironment(localStagingEnvironment(staging));
  }
  const apiUrl = plan.apiUrl ?? staging!.stack.endpoints.httpApi;
  const inputs = {
    [inputVariable('environment')]: plan.environment,
    [inputVariable('api-url')]: apiUrl,
    [inputVariable('fault-drills')]: plan.nonceDrill.run ? 'nonce' : 'none',
    [inputVariable('timeout-seconds')]: '60',
  };
  const settings = readSettings(
    inputReader(inputs),
    { AWS_REGION: plan.region, RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'staging-validation-')) },
    () => undefined,
  );
  const clients = await createAwsClients(settings.region, settings.requestTimeoutMs);
  const close = async () => {
    destroyAwsClients(clients);
    restoreEnvironment();
    await staging?.stop();
  };
  try {
    const targets = await resolveTargets(settings, clients.sts);
    return { plan, apiUrl, settings, targets, clients, close };
  } catch (error) {
    await close();
    throw error;
  }
}
