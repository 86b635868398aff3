// Local staging as a whole: the Terraform's roles, trust policies, key policy and role policies
// are what decide, and the Oracle bundle answers through its alias.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { join } from 'node:path';
import { oracleNames } from '../../../oracle/src/contract.js';
import { Job } from '../../runner/src/index.js';
import { startLocalStaging, type LocalStaging } from '../src/staging.js';

const names = oracleNames('staging');
const ROOT = join(import.meta.dirname, '../../..');
let staging: LocalStaging;

beforeAll(async () => {
  staging = await startLocalStaging({ root: ROOT });
}, 60_000);

afterAll(async () => {
  await staging?.stop();
});

async function assume(roleArn: string, claims: Parameters<LocalStaging['issuer']['mint']>[0] = {}) {
  const token = await staging.issuer.mint({ audience: 'sts.amazonaws.com', ...claims });
  const sts = new STSClient({
    region: 'us-east-1',
    endpoint: staging.sts.url,
    maxAttempts: 1,
    credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
  });
  const { Credentials } = await sts.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: roleArn,
      RoleSessionName: 'staging-test',
      WebIdentityToken: token,
    }),
  );
  return {
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: {
      accessKeyId: Credentials?.AccessKeyId ?? '',
      secretAccessKey: Credentials?.SecretAccessKey ?? '',
      sessionToken: Credentials?.SessionToken ?? '',
    },
  };
}

/** A direct pull_request invoke of an ordinary pull request by a member, reviewed by a human. */
function pullRequestInvoke(
  number: number,
  headSha: string,
  files?: Array<{ filename: string; status: string; patch: string }>,
) {
  return {
    event: 'pull_request',
    payload: {
      action: 'opened',
      number,
      pull_request: {
        number,
        title: 'Docs',
        body: 'Small docs fix',
        user: { login: 'octocat', type: 'User' },
        head: { sha: headSha, ref: 'docs/fix' },
        base: { ref: 'main' },
        author_association: 'MEMBER',
        requested_reviewers: [{ login: 'hubot', type: 'User' }],
      },
      repository: { full_name: 'acme/app', owner: { login: 'acme' } },
    },
    ...(files ? { files } : {}),
  };
}

const errorName = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (error: Error) => error.name,
  );

describe('local staging', () => {
  it('lets the exec role decrypt the nonce through the Terraform key policy and role policy', async () => {
    const issued = staging.stack.registry.issue(
      String(staging.terraform.outputs.exec_role_arn),
      'exec-test',
      900,
    );
    const ssm = new SSMClient({
      region: 'us-east-1',
      endpoint: staging.stack.endpoints.ssm,
      credentials: {
        accessKeyId: issued.accessKeyId,
        secretAccessKey: issued.secretAccessKey,
        sessionToken: issued.sessionToken,
      },
    });

    const { Parameter } = await ssm.send(
      new GetParameterCommand({ Name: names.nonceParameter, WithDecryption: true }),
    );

    expect(Parameter?.Value).toBe(staging.secrets.nonce);
  });

  it('runs the Oracle bundle behind the live alias for the deploy role', async () => {
    const config = await assume(String(staging.terraform.outputs.deploy_role_arn));
    const lambda = new LambdaClient({ ...config, endpoint: staging.stack.endpoints.lambda });
    const event = pullRequestInvoke(7, 'a'.repeat(40), [
      { filename: 'README.md', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' },
    ]);

    const result = await lambda.send(
      new InvokeCommand({
        FunctionName: names.functionName,
        Qualifier: names.alias,
        Payload: Buffer.from(JSON.stringify(event)),
      }),
    );

    const response = JSON.parse(Buffer.from(result.Payload ?? new Uint8Array()).toString('utf8'));
    expect(result.ExecutedVersion).toBe('1');
    expect(response).toMatchObject({ statusCode: 200, decision: 'pass', violations: [] });
  });

  it('lets the Oracle list pull-request files from the local GitHub API with the seeded token', async () => {
    const config = await assume(String(staging.terraform.outputs.deploy_role_arn));
    const lambda = new LambdaClient({ ...config, endpoint: staging.stack.endpoints.lambda });
    const event = pullRequestInvoke(8, 'b'.repeat(40));

    const result = await lambda.send(
      new InvokeCommand({
        FunctionName: names.functionName,
        Qualifier: names.alias,
        Payload: Buffer.from(JSON.stringify(event)),
      }),
    );

    const response = JSON.parse(Buffer.from(result.Payload ?? new Uint8Array()).toString('utf8'));
    expect(response.degraded).toBeUndefined();
    expect(response.decision).toBe('pass');
    expect(staging.github.requests.map((r) => r.path)).toContainEqual(
      expect.stringMatching(/^\/repos\/acme\/app\/pulls\/8\/files(\?|$)/),
    );
  });

  it('refuses the deploy role to a job whose token has another sub', async () => {
    const name = await errorName(
      assume(String(staging.terraform.outputs.deploy_role_arn), {
        claims: { environment: undefined, event_name: 'pull_request' },
      }),
    );

    expect(name).toBe('AccessDenied');
    expect(staging.sts.lastDenial()).toContain('token.actions.githubusercontent.com:sub');
  });

  it("narrows the deploy role to what oidc-assume's inline session policy allows", async () => {
    const job = new Job(staging.jobEnv());
    const step = await job.uses('aws', join(ROOT, 'actions/oidc-assume'), {
      'role-to-assume': String(staging.terraform.outputs.deploy_role_arn),
      'aws-region': 'us-east-1',
      'inline-session-policy': JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' }],
      }),
    });
    expect(step.exitCode).toBe(0);
    const dynamodb = new DynamoDBClient({
      region: 'us-east-1',
      maxAttempts: 1,
      endpoint: staging.stack.endpoints.dynamodb,
      credentials: {
        accessKeyId: job.env.AWS_ACCESS_KEY_ID ?? '',
        secretAccessKey: job.env.AWS_SECRET_ACCESS_KEY ?? '',
        sessionToken: job.env.AWS_SESSION_TOKEN ?? '',
      },
    });

    await expect(
      dynamodb.send(
        new GetItemCommand({
          TableName: names.fpEventsTable,
          Key: { pk: { S: 'x' }, sk: { S: 'y' } },
        }),
      ),
    ).resolves.toBeDefined();
    // The deploy role may describe the table; this session may not.
    await expect(
      dynamodb.send(new DescribeTableCommand({ TableName: names.fpEventsTable })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining(
        'because no session policy allows the dynamodb:DescribeTable action',
      ),
    });
    dynamodb.destroy();
  });

  it('lets the plan role assume from a pull request but not write a table', async () => {
    const config = await assume(String(staging.terraform.outputs.plan_role_arn), {
      claims: { environment: undefined, event_name: 'pull_request' },
    });
    const dynamodb = new DynamoDBClient({ ...config, endpoint: staging.stack.endpoints.dynamodb });

    const name = await errorName(
      dynamodb.send(
        new PutItemCommand({
          TableName: names.fpEventsTable,
          Item: { pk: { S: 'x' }, sk: { S: 'y' } },
        }),
      ),
    );

    expect(name).toBe('AccessDeniedException');
  });
});
