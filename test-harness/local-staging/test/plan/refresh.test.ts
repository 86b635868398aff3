import { describe, expect, it } from '@jest/globals';
import type { RefreshClients } from '../../src/plan/refresh-readers.js';
import { overlay, refreshState } from '../../src/plan/refresh.js';
import { stateObjects } from '../../src/plan/state.js';
import { applied, BASE } from './plan-fixtures.js';

/** The readers never call AWS here: they answer from the test. */
const NO_CLIENTS = {} as RefreshClients;

describe('the refresh', () => {
  it('takes only the attributes the state records, into the shape it records them in', () => {
    const recorded = {
      name: 'events',
      point_in_time_recovery: [{ enabled: true }],
      global_secondary_index: [{ name: 'ByFinding', hash_key: 'gsi1pk' }],
    };
    const read = {
      name: 'events',
      billing_mode: 'PAY_PER_REQUEST',
      point_in_time_recovery: [{ enabled: false }],
      global_secondary_index: [
        { name: 'ByFinding', hash_key: 'gsi1pk', range_key: null, non_key_attributes: [] },
      ],
    };

    expect(overlay(recorded, read)).toEqual({
      name: 'events',
      point_in_time_recovery: [{ enabled: false }],
      global_secondary_index: [{ name: 'ByFinding', hash_key: 'gsi1pk' }],
    });
  });

  it('matches named blocks by name, not by the order AWS answers in', () => {
    const recorded = [
      { name: 'pk', type: 'S' },
      { name: 'sk', type: 'S' },
    ];
    const read = [
      { name: 'sk', type: 'N' },
      { name: 'pk', type: 'S' },
      { name: 'extra', type: 'S' },
    ];

    expect(overlay(recorded, read)).toEqual([
      { name: 'pk', type: 'S' },
      { name: 'sk', type: 'N' },
      { name: 'extra', type: 'S' },
    ]);
  });

  it('removes what AWS says is gone, keeps types it cannot read, and lists both', async () => {
    const state = applied(BASE);

    const refreshed = await refreshState(state, NO_CLIENTS, {
      aws_cloudwatch_metric_alarm: async () => 'gone',
      aws_dynamodb_table: async (object) => ({
        ...object.values,
        point_in_time_recovery: [{ enabled: false }],
      }),
    });

    const objects = stateObjects(refreshed.state);
    expect(refreshed.gone).toEqual(['aws_cloudwatch_metric_alarm.errors']);
    expect(refreshed.read).toEqual(['aws_dynamodb_table.events']);
    expect(refreshed.kept).toContain('aws_iam_role.reader');
    expect(objects.has('aws_cloudwatch_metric_alarm.errors')).toBe(false);
    expect(objects.get('aws_dynamodb_table.events')?.values.point_in_time_recovery).toEqual([
      { enabled: false },
    ]);
    expect(refreshed.state.serial).toBe(state.serial);
  });

  it('stops on any other error, as the provider does', async () => {
    const denied = Object.assign(new Error('not authorized to perform: dynamodb:DescribeTable'), {
      name: 'AccessDeniedException',
    });

    await expect(
      refreshState(applied(BASE), NO_CLIENTS, {
        aws_dynamodb_table: async () => {
          throw denied;
        },
      }),
    ).rejects.toThrow('dynamodb:DescribeTable');
  });
});
