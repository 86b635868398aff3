// SSM Parameter Store as AWS answers the calls the pipeline, the AWS CLI and SDK v3 make, against
// local staging provisioned from infra/terraform. Each test names the AWS behaviour it checks.
import { describe, expect, it } from '@jest/globals';
import {
  DescribeParametersCommand,
  paginateGetParameterHistory,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { oracleNames } from '../../../../oracle/src/contract.js';
import { useLocalStaging } from './staging-client.js';

const names = oracleNames('staging');
const PARAMETERS = [
  names.githubTokenParameter,
  names.nonceParameter,
  names.webhookSecretParameter,
].sort();

describe('SSM conformance', () => {
  const local = useLocalStaging();
  const ssm = () => local.client(SSMClient, (s) => s.stack.endpoints.ssm);

  const describeNames = async (filter: { Key: string; Option?: string; Values: string[] }) => {
    const output = await ssm().send(new DescribeParametersCommand({ ParameterFilters: [filter] }));
    return (output.Parameters ?? []).map((parameter) => parameter.Name);
  };

  describe('DescribeParameters with a Path filter', () => {
    it('defaults the option to OneLevel: the parameters directly under the path', async () => {
      expect(await describeNames({ Key: 'Path', Values: ['/mirror-dissonance/staging'] })).toEqual(
        PARAMETERS,
      );
      expect(await describeNames({ Key: 'Path', Values: ['/mirror-dissonance'] })).toEqual([]);
    });

    it('descends every level with Option Recursive', async () => {
      expect(
        await describeNames({ Key: 'Path', Option: 'Recursive', Values: ['/mirror-dissonance'] }),
      ).toEqual(PARAMETERS);
    });

    it('refuses an option a Path filter does not take', async () => {
      await expect(
        describeNames({ Key: 'Path', Option: 'Equals', Values: ['/mirror-dissonance'] }),
      ).rejects.toMatchObject({ name: 'InvalidFilterOption' });
    });
  });

  describe('paging: MaxResults and NextToken', () => {
    it('GetParameterHistory pages one version at a time through every version', async () => {
      await ssm().send(
        new PutParameterCommand({
          Name: names.webhookSecretParameter,
          Value: 'second-version-of-the-secret',
          Type: 'SecureString',
          Overwrite: true,
        }),
      );
      const versions: number[][] = [];
      for await (const page of paginateGetParameterHistory(
        { client: ssm(), pageSize: 1 },
        { Name: names.webhookSecretParameter },
      )) {
        versions.push((page.Parameters ?? []).map((parameter) => parameter.Version ?? 0));
      }

      expect(versions).toEqual([[1], [2]]);
    });
  });
});
