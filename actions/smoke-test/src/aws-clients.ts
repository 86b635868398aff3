// The AWS clients the checks use, created once. Endpoints, credentials and region come from the
// environment (AWS_ENDPOINT_URL_<SERVICE>, AWS_ACCESS_KEY_ID, ...), so the same code checks real
// staging and the local stack. The HTTP API checks use the same agents, hence the same proxy.
import { BudgetsClient } from '@aws-sdk/client-budgets';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { logFailedRequestIds, type AwsClientConfig } from '../../lib/src/aws-client-config.js';
import type { HttpAgents } from '../../lib/src/http-request.js';
import { smokeClientConfig } from './aws-client-config.js';

export interface AwsClients {
  lambda: LambdaClient;
  dynamodb: DynamoDBClient;
  ssm: SSMClient;
  iam: IAMClient;
  sns: SNSClient;
  cloudwatch: CloudWatchClient;
  budgets: BudgetsClient;
  /** The drill subscriber queue (alarm drill). */
  sqs: SQSClient;
  sts: STSClient;
  /** For the HTTP API checks. */
  http: HttpAgents;
  config: AwsClientConfig;
}

export async function createAwsClients(
  region: string,
  requestTimeoutMs: number,
): Promise<AwsClients> {
  const config = await smokeClientConfig(region, requestTimeoutMs);
  return {
    lambda: logFailedRequestIds(new LambdaClient(config)),
    dynamodb: logFailedRequestIds(new DynamoDBClient(config)),
    ssm: logFailedRequestIds(new SSMClient(config)),
    iam: logFailedRequestIds(new IAMClient(config)),
    sns: logFailedRequestIds(new SNSClient(config)),
    cloudwatch: logFailedRequestIds(new CloudWatchClient(config)),
    budgets: logFailedRequestIds(new BudgetsClient(config)),
    // Every request to the client's endpoint (AWS_ENDPOINT_URL_SQS included), never to the host of
    // a QueueUrl: the regional endpoint serves every queue of its region.
    sqs: logFailedRequestIds(new SQSClient({ ...config, useQueueUrlAsEndpoint: false })),
    sts: logFailedRequestIds(new STSClient(config)),
    http: config.requestHandler,
    config,
  };
}

export function destroyAwsClients(clients: AwsClients): void {
  for (const client of [
    clients.lambda,
    clients.dynamodb,
    clients.ssm,
    clients.iam,
    clients.sns,
    clients.cloudwatch,
    clients.budgets,
    clients.sqs,
    clients.sts,
  ])
    client.destroy();
  clients.config.destroy();
}
