// Lambda as AWS answers the calls the pipeline, the AWS CLI and SDK v3 make, against local staging
// provisioned from infra/terraform. Each test names the AWS behaviour it checks.
import { describe, expect, it } from '@jest/globals';
import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
} from '@aws-sdk/client-lambda';
import { oracleNames } from '../../../../oracle/src/contract.js';
import { useLocalStaging } from './staging-client.js';

const names = oracleNames('staging');
const functionArn = `arn:aws:lambda:us-east-1:123456789012:function:${names.functionName}`;
const ping = JSON.stringify({ event: 'ping' });

describe('Lambda conformance', () => {
  const local = useLocalStaging();
  const lambda = () => local.client(LambdaClient, (s) => s.stack.endpoints.lambda);

  describe('SigV4 signs the path with each segment encoded twice (every service but S3)', () => {
    it('accepts GetAlias with the function ARN, whose colons travel as %3A', async () => {
      const alias = await lambda().send(
        new GetAliasCommand({ FunctionName: functionArn, Name: names.alias }),
      );

      expect(alias.AliasArn).toBe(`${functionArn}:${names.alias}`);
      expect(alias.FunctionVersion).toBe('1');
    });

    it('accepts Invoke of name:alias and runs the version the alias points to', async () => {
      const output = await lambda().send(
        new InvokeCommand({
          FunctionName: `${names.functionName}:${names.alias}`,
          Payload: new TextEncoder().encode(ping),
        }),
      );

      expect(output.StatusCode).toBe(200);
      expect(output.ExecutedVersion).toBe('1');
    });
  });

  describe('GetFunctionConfiguration reports what infra/terraform provisions', () => {
    it('reports the architecture, runtime, handler, sizes, role, description, logging and environment', async () => {
      const [spec] = local.staging.terraform.provisioning.functions ?? [];

      const configuration = await lambda().send(
        new GetFunctionConfigurationCommand({ FunctionName: names.functionName }),
      );

      expect(configuration).toMatchObject({
        Architectures: ['arm64'],
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        MemorySize: spec?.memorySize,
        Timeout: spec?.timeout,
        Role: `arn:aws:iam::123456789012:role/${names.execRole}`,
        Description: spec?.description,
        LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${names.functionName}` },
      });
      // Local staging adds GITHUB_API_URL (its GitHub stand-in); Terraform leaves the default.
      expect(configuration.Environment?.Variables).toEqual({
        ...spec?.environment,
        GITHUB_API_URL: local.staging.github.url,
      });
    });
  });
});
