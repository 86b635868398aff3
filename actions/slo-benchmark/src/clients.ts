// The SDK clients of a benchmark: no retries (a throttle is counted, not hidden as latency), a
// keep-alive connection pool at least as large as the requests in flight, a request timeout and
// the environment's proxy (the shared configuration of every action's AWS clients). Endpoints
// come from AWS_ENDPOINT_URL_<SERVICE> and credentials from the environment, as always.
import type { Agent as HttpAgent } from 'node:http';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { awsClientConfig, logFailedRequestIds } from '../../lib/src/aws-client-config.js';

export interface Clients {
  lambda: LambdaClient;
  dynamodb: DynamoDBClient;
  cloudwatch: CloudWatchClient;
  /** The agents, for HTTP calls of our own (the API's POST /webhook and GET /health). */
  httpAgent: HttpAgent;
  httpsAgent: HttpAgent;
  destroy(): void;
}

export interface ClientOptions {
  region?: string;
  connections: number;
  requestTimeoutMs: number;
}

export async function createClients(options: ClientOptions): Promise<Clients> {
  const config = await awsClientConfig({
    ...(options.region ? { region: options.region } : {}),
    maxAttempts: 1,
    requestTimeoutMs: options.requestTimeoutMs,
    connections: options.connections,
  });
  const lambda = logFailedRequestIds(new LambdaClient(config));
  const dynamodb = logFailedRequestIds(new DynamoDBClient(config));
  const cloudwatch = logFailedRequestIds(new CloudWatchClient(config));
  return {
    lambda,
    dynamodb,
    cloudwatch,
    httpAgent: config.requestHandler.httpAgent,
    httpsAgent: config.requestHandler.httpsAgent,
    destroy() {
      lambda.destroy();
      dynamodb.destroy();
      cloudwatch.destroy();
      config.destroy();
    },
  };
}
