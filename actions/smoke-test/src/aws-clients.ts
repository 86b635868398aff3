// The AWS clients the checks use, created once. Endpoints, credentials and region come from the
// environment (AWS_ENDPOINT_URL_<SERVICE>, AWS_ACCESS_KEY_ID, ...), so the same code checks real
// staging and the local stack. Retries are few: a smoke test reports trouble, it does not hide it.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { awsClientConfig } from './aws-client-config.js';

export interface AwsClients {
  lambda: LambdaClient;
  dynamodb: DynamoDBClient;
  ssm: SSMClient;
  iam: IAMClient;
  cloudwatch: CloudWatchClient;
  sts: STSClient;
}

export function createAwsClients(region: string, timeoutMs: number): AwsClients {
  const config = awsClientConfig(region, timeoutMs);
  return {
    lambda: new LambdaClient(config),
    dynamodb: new DynamoDBClient(config),
    ssm: new SSMClient(config),
    iam: new IAMClient(config),
    cloudwatch: new CloudWatchClient(config),
    sts: new STSClient(config),
  };
}

export function destroyAwsClients(clients: AwsClients): void {
  for (const client of Object.values(clients)) client.destroy();
}
