// What the stand-in reads from its environment: where local staging keeps the Terraform state
// (the S3 backend's state, served locally), the variables local staging sets after the files,
// and the account the job's credentials belong to (GetCallerIdentity, as the AWS provider asks).
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsContext, Value } from '../terraform/index.js';
import { UsageError } from './arguments.js';

export const STATE_VARIABLE = 'LOCAL_STAGING_STATE';
export const OVERRIDES_VARIABLE = 'LOCAL_STAGING_TF_VARS';

export const LOCAL_PLAN_LABEL =
  "local plan: made by local staging's plan generator, not by Terraform with the AWS provider";

export function statePath(env: NodeJS.ProcessEnv): string {
  const path = env[STATE_VARIABLE];
  if (!path) {
    throw new UsageError(
      `this terraform is local staging's stand-in and keeps no state of its own: ${STATE_VARIABLE} must name the state file local staging writes (run it from npm start, or use the real terraform).`,
    );
  }
  return path;
}

export function variableOverrides(env: NodeJS.ProcessEnv): Record<string, Value> {
  const text = env[OVERRIDES_VARIABLE];
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, Value>;
  } catch (error) {
    throw new UsageError(
      `${OVERRIDES_VARIABLE} must be a JSON object of variable values: ${(error as Error).message}`,
    );
  }
}

/** The account, region and partition of the job's credentials. */
export async function awsContext(region: string): Promise<AwsContext> {
  const sts = new STSClient({ region });
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    const partition = /^arn:([^:]+):/.exec(identity.Arn ?? '')?.[1] ?? 'aws';
    if (!identity.Account) throw new Error('GetCallerIdentity answered without an account');
    return { account: identity.Account, region, partition };
  } catch (error) {
    throw new Error(
      `Could not learn the account from the job's credentials (sts:GetCallerIdentity): ${(error as Error).message}. Assume a role first (the oidc-assume step).`,
    );
  } finally {
    sts.destroy();
  }
}
