// Builds large plans in Terraform's JSON format for size tests: many DynamoDB tables and SSM
// parameters, some deleted, each with a realistic attribute set.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function table(name: string, pitr: boolean) {
  return {
    arn: `arn:aws:dynamodb:eu-west-1:123456789012:table/${name}`,
    attribute: [
      { name: 'pk', type: 'S' },
      { name: 'sk', type: 'S' },
    ],
    billing_mode: 'PAY_PER_REQUEST',
    hash_key: 'pk',
    id: name,
    name,
    point_in_time_recovery: [{ enabled: pitr }],
    range_key: 'sk',
    server_side_encryption: [
      { enabled: true, kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/abc' },
    ],
    tags: { Environment: 'staging', Table: name },
    ttl: [{ attribute_name: 'expiresAt', enabled: true }],
  };
}

/** A plan of `count` table changes: every 10th deleted, every 7th failing the PITR policy. */
export function writeLargePlan(count: number): string {
  const changes = Array.from({ length: count }, (_, i) => {
    const name = `md-table-${String(i).padStart(5, '0')}`;
    const deleted = i % 10 === 0;
    return {
      address: `aws_dynamodb_table.t["${name}"]`,
      mode: 'managed',
      type: 'aws_dynamodb_table',
      name: 't',
      index: name,
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: {
        actions: deleted ? ['delete'] : ['create'],
        before: deleted ? table(name, true) : null,
        after: deleted ? null : table(name, i % 7 !== 0),
        after_unknown: deleted ? {} : { arn: true, id: true, stream_arn: true },
        before_sensitive: deleted ? {} : false,
        after_sensitive: deleted ? false : {},
      },
    };
  });
  const plan = {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: {} },
    resource_changes: changes,
    configuration: { root_module: {} },
    applyable: true,
    complete: true,
    errored: false,
  };
  const path = join(mkdtempSync(join(tmpdir(), 'tfpc-large-')), 'plan.json');
  writeFileSync(path, JSON.stringify(plan));
  return path;
}
