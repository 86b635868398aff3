// The PolicySimulator over the AWS SDK's IAM client, with the actions' shared client
// configuration (proxy variables, a timeout on every request, retries). Loaded only when the
// permission pre-check runs: a plan check without it never pays for the SDK.
import { awsClientConfig, logFailedRequestIds } from '../../../lib/src/aws-client-config.js';
import type { PolicySimulator } from './simulate.js';

export interface IamSimulator extends PolicySimulator {
  close(): void;
}

export async function iamSimulator(
  region: string,
  requestTimeoutMs: number,
): Promise<IamSimulator> {
  const { IAMClient, paginateSimulatePrincipalPolicy } = await import('@aws-sdk/client-iam');
  const config = await awsClientConfig({
    region,
    maxAttempts: 3,
    requestTimeoutMs,
    connections: 4,
  });
  const client = logFailedRequestIds(new IAMClient(config));
  return {
    async simulate({ roleArn, actions, resource, context }) {
      const results: Array<{ action: string; decision: string }> = [];
      const pages = paginateSimulatePrincipalPolicy(
        { client },
        {
          PolicySourceArn: roleArn,
          ActionNames: actions,
          ResourceArns: [resource],
          ContextEntries: Object.entries(context).map(([key, value]) => ({
            ContextKeyName: key,
            ContextKeyValues: [value].flat(),
            ContextKeyType: Array.isArray(value) ? 'stringList' : 'string',
          })),
        },
      );
      for await (const page of pages) {
        for (const result of page.EvaluationResults ?? [])
          results.push({
            action: result.EvalActionName ?? '',
            decision: result.EvalDecision ?? 'implicitDeny',
          });
      }
      return results;
    },
    close() {
      client.destroy();
      config.destroy();
    },
  };
}
