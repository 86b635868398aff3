// Shared set-up of the conformance suite: local staging provisioned from infra/terraform, as
// `npm start -- --serve` runs it, and unmodified SDK v3 clients signed as the deploy role.
import { afterAll, beforeAll } from '@jest/globals';
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

type ClientSettings = ReturnType<typeof deployRoleClient>;

/**
 * Local staging for one test file: started before its tests, stopped after them with every
 * client it made. `client(LambdaClient, (s) => s.stack.endpoints.lambda)` is made once.
 */
export function useLocalStaging() {
  let staging: LocalStaging | undefined;
  const clients = new Map<unknown, { destroy(): void }>();
  beforeAll(async () => {
    staging = await startStaging();
  }, 60_000);
  afterAll(async () => {
    for (const client of clients.values()) client.destroy();
    await staging?.stop();
  });
  const current = (): LocalStaging => {
    if (!staging) throw new Error('local staging has not started (use it inside a test)');
    return staging;
  };
  return {
    get staging(): LocalStaging {
      return current();
    },
    client<T extends { destroy(): void }>(
      Client: new (settings: ClientSettings) => T,
      endpoint: (staging: LocalStaging) => string,
    ): T {
      const made =
        clients.get(Client) ?? new Client(deployRoleClient(current(), endpoint(current())));
      clients.set(Client, made);
      return made as T;
    },
  };
}
