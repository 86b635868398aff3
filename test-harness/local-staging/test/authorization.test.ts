import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startLocalStack, type LocalStack } from '../src/stack.js';
import { ACCOUNT, REGION, clientConfig, fixturePath, roleArn } from './helpers.js';

const TABLE_ARN = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/events`;
const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:noop`;

describe('IAM authorisation of every call', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startLocalStack({
      adminAccessKeyId: 'AKIALOCALADMIN000000',
      provisioning: {
        rolePolicies: [
          {
            roleArn: roleArn('reader'),
            policies: [
              {
                name: 'read-events',
                document: JSON.stringify({
                  Version: '2012-10-17',
                  Statement: [
                    {
                      Effect: 'Allow',
                      Action: ['dynamodb:GetItem', 'dynamodb:Query'],
                      Resource: [TABLE_ARN, `${TABLE_ARN}/index/*`],
                    },
                    {
                      Effect: 'Allow',
                      Action: 'lambda:InvokeFunction',
                      Resource: [FUNCTION_ARN, `${FUNCTION_ARN}:*`],
                    },
                    {
                      Effect: 'Deny',
                      Action: 'lambda:InvokeFunction',
                      Resource: `${FUNCTION_ARN}:blocked`,
                    },
                    { Effect: 'Allow', Action: 'iam:SimulatePrincipalPolicy', Resource: '*' },
                  ],
                }),
              },
            ],
          },
          { roleArn: roleArn('nobody'), policies: [] },
        ],
        tables: [{ name: 'events', hashKey: { name: 'pk', type: 'S' } }],
        functions: [
          {
            name: 'noop',
            role: roleArn('noop-exec'),
            codeDirectory: fixturePath('functions/noop'),
            handler: 'index.handler',
            aliases: [{ name: 'blocked', functionVersion: '$LATEST' }],
          },
        ],
      },
    });
  });

  afterAll(() => stack.stop());

  it('allows what the role policies allow', async () => {
    const dynamodb = new DynamoDBClient(clientConfig(stack, 'reader', stack.endpoints.dynamodb));
    const lambda = new LambdaClient(clientConfig(stack, 'reader', stack.endpoints.lambda));

    await expect(
      dynamodb.send(new GetItemCommand({ TableName: 'events', Key: { pk: { S: 'x' } } })),
    ).resolves.toBeDefined();
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'noop' }))).resolves.toMatchObject({
      StatusCode: 200,
    });
    dynamodb.destroy();
    lambda.destroy();
  });

  it('denies an action no policy allows with the protocol AccessDenied shape of each service', async () => {
    const dynamodb = new DynamoDBClient(clientConfig(stack, 'reader', stack.endpoints.dynamodb));
    const ssm = new SSMClient(clientConfig(stack, 'reader', stack.endpoints.ssm));
    const cloudwatch = new CloudWatchClient(
      clientConfig(stack, 'reader', stack.endpoints.cloudwatch),
    );

    await expect(
      dynamodb.send(new GetItemCommand({ TableName: 'other', Key: { pk: { S: 'x' } } })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/reader/test-session is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/other because no identity-based policy allows the dynamodb:GetItem action`,
      $metadata: { httpStatusCode: 400 },
    });
    await expect(ssm.send(new GetParameterCommand({ Name: '/x' }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    await expect(cloudwatch.send(new DescribeAlarmsCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    dynamodb.destroy();
    ssm.destroy();
    cloudwatch.destroy();
  });

  it('authorises before looking the function up, so a denied caller cannot probe which functions exist', async () => {
    const lambda = new LambdaClient(clientConfig(stack, 'nobody', stack.endpoints.lambda));

    await expect(
      lambda.send(new InvokeCommand({ FunctionName: 'no-such-function' })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    lambda.destroy();
  });

  it('denies by an explicit deny, and says so', async () => {
    const lambda = new LambdaClient(clientConfig(stack, 'reader', stack.endpoints.lambda));

    await expect(
      lambda.send(new InvokeCommand({ FunctionName: 'noop', Qualifier: 'blocked' })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('with an explicit deny in an identity-based policy'),
      $metadata: { httpStatusCode: 403 },
    });
    lambda.destroy();
  });

  it('applies a session policy on top of the role policies, and names it when it refuses', async () => {
    const issued = stack.registry.issue(roleArn('reader'), 'narrowed', 3600, {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' },
        { Effect: 'Deny', Action: 'dynamodb:Query', Resource: '*' },
      ],
    });
    const dynamodb = new DynamoDBClient({
      region: REGION,
      endpoint: stack.endpoints.dynamodb,
      maxAttempts: 1,
      credentials: {
        accessKeyId: issued.accessKeyId,
        secretAccessKey: issued.secretAccessKey,
        sessionToken: issued.sessionToken,
      },
    });
    const lambda = new LambdaClient({
      region: REGION,
      endpoint: stack.endpoints.lambda,
      maxAttempts: 1,
      credentials: {
        accessKeyId: issued.accessKeyId,
        secretAccessKey: issued.secretAccessKey,
        sessionToken: issued.sessionToken,
      },
    });

    await expect(
      dynamodb.send(new GetItemCommand({ TableName: 'events', Key: { pk: { S: 'x' } } })),
    ).resolves.toBeDefined();
    await expect(
      dynamodb.send(
        new QueryCommand({
          TableName: 'events',
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: 'x' } },
        }),
      ),
    ).rejects.toMatchObject({
      message: expect.stringContaining('with an explicit deny in a session policy'),
    });
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'noop' }))).rejects.toMatchObject({
      message: expect.stringContaining(
        'because no session policy allows the lambda:InvokeFunction action',
      ),
    });
    await expect(
      dynamodb.send(new GetItemCommand({ TableName: 'other', Key: { pk: { S: 'x' } } })),
    ).rejects.toMatchObject({
      message: expect.stringContaining('because no identity-based policy allows'),
    });
    dynamodb.destroy();
    lambda.destroy();
  });

  it('rejects access keys the local STS never issued, as AWS does', async () => {
    const forged = {
      region: REGION,
      credentials: { accessKeyId: 'ASIAFORGED0000000000', secretAccessKey: 'x', sessionToken: 'y' },
      maxAttempts: 1,
    };
    const lambda = new LambdaClient({ ...forged, endpoint: stack.endpoints.lambda });
    const ssm = new SSMClient({ ...forged, endpoint: stack.endpoints.ssm });
    const iam = new IAMClient({ ...forged, endpoint: stack.endpoints.iam });

    await expect(lambda.send(new InvokeCommand({ FunctionName: 'noop' }))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(ssm.send(new GetParameterCommand({ Name: '/x' }))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    await expect(
      iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: roleArn('reader'),
          ActionNames: ['s3:GetObject'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
    lambda.destroy();
    ssm.destroy();
    iam.destroy();
  });

  it('rejects a request signed with the wrong secret for an issued key', async () => {
    const config = clientConfig(stack, 'reader', stack.endpoints.lambda);
    const wrongSecret = { ...config.credentials, secretAccessKey: 'not-the-issued-secret' };
    const lambda = new LambdaClient({ ...config, credentials: wrongSecret });
    const cloudwatch = new CloudWatchClient({
      ...config,
      endpoint: stack.endpoints.cloudwatch,
      credentials: wrongSecret,
    });

    await expect(lambda.send(new InvokeCommand({ FunctionName: 'noop' }))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message: expect.stringContaining('The request signature we calculated does not match'),
      $metadata: { httpStatusCode: 403 },
    });
    await expect(cloudwatch.send(new DescribeAlarmsCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
    lambda.destroy();
    cloudwatch.destroy();
  });

  it('lets the configured admin key through without policy checks', async () => {
    const admin = new DynamoDBClient({
      region: REGION,
      endpoint: stack.endpoints.dynamodb,
      credentials: { accessKeyId: 'AKIALOCALADMIN000000', secretAccessKey: 'x' },
      maxAttempts: 1,
    });

    await expect(
      admin.send(new GetItemCommand({ TableName: 'events', Key: { pk: { S: 'x' } } })),
    ).resolves.toBeDefined();
    admin.destroy();
  });

  it('simulates a role policy with iam:SimulatePrincipalPolicy on the same engine', async () => {
    const iam = new IAMClient(clientConfig(stack, 'reader', stack.endpoints.iam));

    const output = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: roleArn('reader'),
        ActionNames: ['dynamodb:GetItem', 'dynamodb:DeleteItem', 'lambda:InvokeFunction'],
        ResourceArns: [TABLE_ARN, `${FUNCTION_ARN}:blocked`],
      }),
    );
    const decisions = output.EvaluationResults?.map((r) => [
      r.EvalActionName,
      r.EvalResourceName,
      r.EvalDecision,
    ]);

    expect(decisions).toEqual([
      ['dynamodb:GetItem', TABLE_ARN, 'allowed'],
      ['dynamodb:GetItem', `${FUNCTION_ARN}:blocked`, 'implicitDeny'],
      ['dynamodb:DeleteItem', TABLE_ARN, 'implicitDeny'],
      ['dynamodb:DeleteItem', `${FUNCTION_ARN}:blocked`, 'implicitDeny'],
      ['lambda:InvokeFunction', TABLE_ARN, 'implicitDeny'],
      ['lambda:InvokeFunction', `${FUNCTION_ARN}:blocked`, 'explicitDeny'],
    ]);
    expect(output.EvaluationResults?.[0]?.MatchedStatements).toEqual([
      { SourcePolicyId: 'read-events', SourcePolicyType: 'IAM Policy' },
    ]);
    await expect(
      iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: roleArn('ghost'),
          ActionNames: ['s3:GetObject'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException', $metadata: { httpStatusCode: 404 } });
    iam.destroy();
  });

  it('denies SimulatePrincipalPolicy to a role without iam:SimulatePrincipalPolicy', async () => {
    const iam = new IAMClient(clientConfig(stack, 'nobody', stack.endpoints.iam));

    await expect(
      iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: roleArn('reader'),
          ActionNames: ['s3:GetObject'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    iam.destroy();
  });
});
