// What the benches provision on the local stack to time its Lambda: one no-op function and a role
// allowed to invoke it.
import { resolve } from 'node:path';

export const BENCH_ROLE = 'arn:aws:iam::123456789012:role/bench';
const NOOP = resolve('test-harness/local-staging/test/fixtures/functions/noop');

/** Provisioning for startLocalStack; `functionOptions` add to the function (publish, aliases). */
export function noopProvisioning(functionOptions = {}) {
  return {
    rolePolicies: [
      {
        roleArn: BENCH_ROLE,
        policies: [
          {
            name: 'invoke',
            document: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' }],
            },
          },
        ],
      },
    ],
    functions: [
      {
        name: 'noop',
        role: 'arn:aws:iam::123456789012:role/noop-exec',
        codeDirectory: NOOP,
        handler: 'index.handler',
        ...functionOptions,
      },
    ],
  };
}
