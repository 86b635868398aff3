// Shared set-up of the local-staging tests: a stack, and SDK clients signed with credentials the
// stack's registry issued for a role (as the local STS does).
import { fileURLToPath } from 'node:url';
import type { LocalStack } from '../src/stack.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export function fixturePath(relative: string): string {
  return fileURLToPath(new URL(`./fixtures/${relative}`, import.meta.url));
}

export function roleArn(name: string): string {
  return `arn:aws:iam::${ACCOUNT}:role/${name}`;
}

/** Client configuration for an SDK client calling the stack as the role. */
export function clientConfig(stack: LocalStack, role: string, endpoint: string) {
  const issued = stack.registry.issue(roleArn(role), 'test-session', 3600);
  return {
    region: REGION,
    endpoint,
    credentials: {
      accessKeyId: issued.accessKeyId,
      secretAccessKey: issued.secretAccessKey,
      sessionToken: issued.sessionToken,
    },
    maxAttempts: 1,
  };
}

export function allowAll(actions: string[], resource: string | string[] = '*') {
  return {
    name: 'allow',
    document: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }],
    },
  };
}
