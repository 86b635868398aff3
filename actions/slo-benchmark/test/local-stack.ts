// The local AWS stack the action's end-to-end tests run against: a no-op function behind an alias,
// an Oracle stand-in behind an alias and the HTTP API, a sleepy function with reserved concurrency
// 1, the FP events and consent tables, and a benchmark role allowed exactly what the action calls.
import { fileURLToPath } from 'node:url';
import { CONSENT_KEYS, FP_EVENTS_KEYS } from '../../../oracle/src/contract.js';
import { startLocalStack, type LocalStack } from '../../../test-harness/local-staging/src/stack.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const BENCHMARK_ROLE = `arn:aws:iam::${ACCOUNT}:role/slo-benchmark`;
/** May invoke and read the function but not change it: forced cold starts are denied. */
export const INVOKE_ONLY_ROLE = `arn:aws:iam::${ACCOUNT}:role/slo-benchmark-invoke-only`;
export const NAMESPACE = 'MirrorDissonance/benchmark-test';
/** The webhook secret the Oracle stand-in verifies deliveries with. */
export const WEBHOOK_SECRET = 'benchmark-test-webhook-secret';

const fixture = (name: string) =>
  fileURLToPath(new URL(`./fixtures/functions/${name}`, import.meta.url));

export async function startBenchmarkStack(): Promise<LocalStack> {
  const execRole = `arn:aws:iam::${ACCOUNT}:role/benchmark-exec`;
  return startLocalStack({
    updateSettleMs: 100,
    provisioning: {
      rolePolicies: [
        {
          roleArn: BENCHMARK_ROLE,
          policies: [
            {
              name: 'benchmark',
              document: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: [
                      'lambda:InvokeFunction',
                      'lambda:GetFunction',
                      'lambda:GetFunctionConfiguration',
                      'lambda:UpdateFunctionConfiguration',
                    ],
                    Resource: '*',
                  },
                  {
                    Effect: 'Allow',
                    Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem'],
                    Resource: '*',
                  },
                  { Effect: 'Allow', Action: ['cloudwatch:PutMetricData'], Resource: '*' },
                ],
              },
            },
          ],
        },
        {
          roleArn: INVOKE_ONLY_ROLE,
          policies: [
            {
              name: 'invoke',
              document: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: ['lambda:InvokeFunction', 'lambda:GetFunctionConfiguration'],
                    Resource: '*',
                  },
                ],
              },
            },
          ],
        },
        { roleArn: execRole, policies: [] },
      ],
      functions: [
        {
          name: 'noop',
          role: execRole,
          codeDirectory: fixture('noop'),
          handler: 'index.handler',
          environment: { KEEP: 'me' },
          publish: true,
          aliases: [{ name: 'live', functionVersion: '1' }],
        },
        {
          name: 'evaluator',
          role: execRole,
          codeDirectory: fixture('evaluator'),
          handler: 'index.handler',
          environment: { WEBHOOK_SECRET },
          publish: true,
          aliases: [{ name: 'live', functionVersion: '1' }],
        },
        {
          name: 'sleepy',
          role: execRole,
          codeDirectory: fixture('sleepy'),
          handler: 'index.handler',
          reservedConcurrency: 1,
        },
      ],
      tables: [
        {
          name: 'fp-events',
          hashKey: { name: FP_EVENTS_KEYS.partitionKey, type: 'S' },
          rangeKey: { name: FP_EVENTS_KEYS.sortKey, type: 'S' },
          globalSecondaryIndexes: [
            {
              name: FP_EVENTS_KEYS.findingIndex,
              hashKey: { name: FP_EVENTS_KEYS.findingIndexKey, type: 'S' },
            },
          ],
        },
        { name: 'consent', hashKey: { name: CONSENT_KEYS.partitionKey, type: 'S' } },
      ],
      httpApi: {
        functionName: 'evaluator',
        qualifier: 'live',
        routes: ['GET /health', 'POST /webhook'],
      },
    },
  });
}

/** What a job has after oidc-assume: credentials for the benchmark role, region, endpoints. */
export function jobEnv(stack: LocalStack, role = BENCHMARK_ROLE): Record<string, string> {
  const issued = stack.registry.issue(role, 'slo-benchmark-test', 3600);
  return {
    ...stack.env,
    AWS_ACCESS_KEY_ID: issued.accessKeyId,
    AWS_SECRET_ACCESS_KEY: issued.secretAccessKey,
    AWS_SESSION_TOKEN: issued.sessionToken,
    AWS_REGION: REGION,
  };
}
