// Shared set-up of the conformance suite: local staging provisioned from infra/terraform, as
// `npm start -- --serve` runs it, and SDK client settings signed as the deploy role.
import { join } from 'node:path';
import { startLocalStaging, type LocalStaging } from '../../src/staging.js';

export const ROOT = join(import.meta.dirname, '../../../..');

export function startStaging(): Promise<LocalStaging> {
  return startLocalStaging({ root: ROOT });
}

/** The deploy role's ARN, as the Terraform names it. */
export function deployRoleArn(staging: LocalStaging): string {
  return String(staging.terraform.outputs.deploy_role_arn);
}

/** Settings of an unmodified SDK v3 client calling one service of the stack as the deploy role. */
export function deployRoleClient(staging: LocalStaging, endpoint: string) {
  const issued = staging.stack.registry.issue(deployRoleArn(staging), 'conformance', 3600);
  return {
    region: 'us-east-1',
    endpoint,
    maxAttempts: 1,
    credentials: {
      accessKeyId: issued.accessKeyId,
      secretAccessKey: issued.secretAccessKey,
      sessionToken: issued.sessionToken,
    },
  };
}
