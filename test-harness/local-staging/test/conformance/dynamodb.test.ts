// DynamoDB as AWS answers the calls the pipeline, the AWS CLI and SDK v3 make, against local
// staging provisioned from infra/terraform. Each test names the AWS behaviour it checks.
import { describe, expect, it } from '@jest/globals';
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { oracleNames } from '../../../../oracle/src/contract.js';
import { useLocalStaging } from './staging-client.js';

const names = oracleNames('staging');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('DynamoDB conformance', () => {
  const local = useLocalStaging();
  const dynamodb = () => local.client(DynamoDBClient, (s) => s.stack.endpoints.dynamodb);

  describe('DescribeTable reports what infra/terraform provisions', () => {
    it('gives each table a UUID TableId, its KMS key, billing mode and deletion protection', async () => {
      const keyArn = local.staging.terraform.provisioning.kmsKeys?.[0]?.arn;

      const tables = await Promise.all(
        [names.fpEventsTable, names.consentTable].map(
          async (TableName) =>
            (await dynamodb().send(new DescribeTableCommand({ TableName }))).Table,
        ),
      );

      for (const table of tables) {
        expect(table?.TableId).toMatch(UUID);
        expect(table).toMatchObject({
          TableStatus: 'ACTIVE',
          BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
          SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: keyArn },
          DeletionProtectionEnabled: false,
        });
      }
      expect(tables[0]?.TableId).not.toBe(tables[1]?.TableId);
    });

    it('reports TTL on the expiry attribute the Terraform names', async () => {
      const { TimeToLiveDescription } = await dynamodb().send(
        new DescribeTimeToLiveCommand({ TableName: names.fpEventsTable }),
      );

      expect(TimeToLiveDescription).toEqual({
        TimeToLiveStatus: 'ENABLED',
        AttributeName: 'expiresAt',
      });
    });
  });

  describe('DescribeContinuousBackups', () => {
    it('never reports a latest restorable time before the earliest, even in the first minutes', async () => {
      const { ContinuousBackupsDescription } = await dynamodb().send(
        new DescribeContinuousBackupsCommand({ TableName: names.fpEventsTable }),
      );
      const recovery = ContinuousBackupsDescription?.PointInTimeRecoveryDescription;

      expect(recovery?.PointInTimeRecoveryStatus).toBe('ENABLED');
      expect(recovery?.RecoveryPeriodInDays).toBe(35);
      expect(recovery?.EarliestRestorableDateTime?.getTime()).toBeLessThanOrEqual(
        recovery?.LatestRestorableDateTime?.getTime() ?? 0,
      );
      expect(recovery?.LatestRestorableDateTime?.getTime()).toBeLessThanOrEqual(Date.now());
    });
  });

  it('refuses ListTables naming every table of the account, as AWS does', async () => {
    await expect(dynamodb().send(new ListTablesCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message:
        'User: arn:aws:sts::123456789012:assumed-role/MirrorDissonanceOracleRole-staging/conformance is not authorized to perform: dynamodb:ListTables on resource: arn:aws:dynamodb:us-east-1:123456789012:table/* because no identity-based policy allows the dynamodb:ListTables action',
    });
  });
});
