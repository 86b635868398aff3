// The local stack's view of our real infra/terraform: the names it provisions are the contract's.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { FP_EVENTS_KEYS, ORACLE_ENV_VARS, oracleNames } from '../../../../oracle/src/contract.js';
import { readTerraform, type TerraformStack } from '../../src/terraform/index.js';

const root = join(import.meta.dirname, '../../../..');
const names = oracleNames('staging');
let stack: TerraformStack;

/** infra/terraform for staging in account 123456789012, with these variables beside `github`. */
function readStaging(variables: Record<string, unknown> = {}): Promise<TerraformStack> {
  return readTerraform({
    dir: join(root, 'infra/terraform'),
    environment: 'staging',
    aws: { account: '123456789012', region: 'us-east-1', partition: 'aws' },
    functionCodeDirectory: join(root, 'dist/oracle'),
    secrets: { [names.nonceParameter]: 'a'.repeat(64) },
    variables: {
      github: {
        org: 'acme',
        repository: 'app',
        subject_format: 'name',
        org_id: '',
        repository_id: '',
      },
      ...variables,
    },
  });
}

beforeAll(async () => {
  stack = await readStaging();
});

describe('infra/terraform read for local staging', () => {
  it('provisions the contract tables with their keys, index, TTL, PITR and customer-key SSE', () => {
    const fp = stack.provisioning.tables?.find((t) => t.name === names.fpEventsTable);

    expect(stack.provisioning.tables?.map((t) => t.name).sort()).toEqual([
      names.consentTable,
      names.fpEventsTable,
    ]);
    expect(fp?.hashKey).toEqual({ name: FP_EVENTS_KEYS.partitionKey, type: 'S' });
    expect(fp?.rangeKey).toEqual({ name: FP_EVENTS_KEYS.sortKey, type: 'S' });
    expect(fp?.globalSecondaryIndexes?.[0]?.name).toBe(FP_EVENTS_KEYS.findingIndex);
    expect(fp?.ttlAttribute).toBe(FP_EVENTS_KEYS.ttlAttribute);
    expect(fp?.pointInTimeRecovery).toBe(true);
    expect(fp?.serverSideEncryption?.kmsKeyArn).toMatch(
      /^arn:aws:kms:us-east-1:123456789012:key\//,
    );
  });

  it('seeds the secret parameters with the given values, as SecureStrings under the key', () => {
    const nonce = stack.provisioning.parameters?.find((p) => p.name === names.nonceParameter);

    expect(nonce).toMatchObject({ type: 'SecureString', value: 'a'.repeat(64) });
    expect(nonce?.keyId).toMatch(/:key\//);
  });

  it('gives the function exactly the contract environment and the live alias', () => {
    const fn = stack.provisioning.functions?.[0];

    expect(fn?.name).toBe(names.functionName);
    expect(Object.keys(fn?.environment ?? {}).sort()).toEqual([...ORACLE_ENV_VARS].sort());
    expect(fn?.environment?.NONCE_SSM).toBe(names.nonceParameter);
    expect(fn?.role).toBe(`arn:aws:iam::123456789012:role/${names.execRole}`);
    expect(fn?.aliases).toEqual([
      expect.objectContaining({ name: names.alias, functionVersion: '1' }),
    ]);
    expect(stack.provisioning.httpApi).toEqual({
      // API Gateway's id shape: ten lower-case letters and digits.
      apiId: expect.stringMatching(/^[a-z0-9]{10}$/),
      functionName: names.functionName,
      qualifier: names.alias,
      routes: expect.arrayContaining(['POST /webhook', 'GET /health']),
    });
  });

  it('sets VERIFY_ACTION_SHAS only when verify_action_shas is true', async () => {
    const verifying = await readStaging({ verify_action_shas: true });

    expect(stack.provisioning.functions?.[0]?.environment?.VERIFY_ACTION_SHAS).toBeUndefined();
    expect(verifying.provisioning.functions?.[0]?.environment?.VERIFY_ACTION_SHAS).toBe('true');
  });

  it('pins the deploy role trust policy to the job sub of the configured repository', () => {
    const deploy = stack.roles.find((r) => r.name === names.deployRole);
    const statement = (deploy?.trustPolicy as { Statement: Array<{ Condition: unknown }> })
      .Statement[0];

    expect(statement?.Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': 'repo:acme/app:environment:staging',
      },
    });
    expect(stack.oidcProviders).toEqual([
      {
        arn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
        url: 'https://token.actions.githubusercontent.com',
        clientIds: ['sts.amazonaws.com'],
      },
    ]);
  });

  it('attaches each role its inline policies as JSON documents', () => {
    const execRoleArn = `arn:aws:iam::123456789012:role/${names.execRole}`;
    const exec = stack.provisioning.rolePolicies?.find((r) => r.roleArn === execRoleArn);

    expect(exec?.policies.length).toBeGreaterThan(0);
    expect(() => JSON.parse(String(exec?.policies[0]?.document))).not.toThrow();
  });

  it('provisions the alarms and the topic they notify', () => {
    const topicArn = stack.outputs.alarm_topic_arn;

    expect(stack.provisioning.alarms?.length).toBe(6);
    for (const alarm of stack.provisioning.alarms ?? [])
      expect(alarm.alarmActions).toContain(topicArn);
    expect(stack.provisioning.topics?.map((t) => t.name)).toEqual([
      'mirror-dissonance-staging-alarms',
    ]);
    expect(stack.provisioning.dashboards?.[0]?.name).toBe('mirror-dissonance-staging');
  });
});
