// The SDK clients of a benchmark: no retries (a throttle is counted, not hidden as latency), a
// keep-alive connection pool at least as large as the requests in flight, and a request timeout.
// Endpoints come from AWS_ENDPOINT_URL_<SERVICE> and credentials from the environment, as always.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';

export interface Clients {
  lambda: LambdaClient;
  dynamodb: DynamoDBClient;
  cloudwatch: CloudWatchClient;
  /** The agents, for HTTP calls of our own (the API's GET /health). */
  httpAgent: HttpAgent;
  httpsAgent: HttpsAgent;
  destroy(): void;
}

export interface ClientOptions {
  region?: string;
  connections: number;
  requestTimeoutMs: number;
}

export function createClients(options: ClientOptions): Clients {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.connections,
    maxFreeSockets: options.connections,
  };
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent(agentOptions);
  const config = {
    ...(options.region ? { region: options.region } : {}),
    maxAttempts: 1,
    requestHandler: {
      httpAgent,
      httpsAgent,
      requestTimeout: options.requestTimeoutMs,
      connectionTimeout: Math.min(options.requestTimeoutMs, 10_000),
    },
  };
  const lambda = new LambdaClient(config);
  const dynamodb = new DynamoDBClient(config);
  const cloudwatch = new CloudWatchClient(config);
  return {
    lambda,
    dynamodb,
    cloudwatch,
    httpAgent,
    httpsAgent,
    destroy() {
      lambda.destroy();
      dynamodb.destroy();
      cloudwatch.destroy();
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
