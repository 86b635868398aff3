import { describe, expect, it } from '@jest/globals';
import {
  checkId,
  countByStatus,
  failedChecks,
  groupByArea,
  type CheckResult,
} from '../src/check-report.js';

const result = (area: string, name: string, status: CheckResult['status'], critical = false) => ({
  area,
  name,
  status,
  detail: '',
  durationMs: 1,
  ...(critical ? { critical } : {}),
});

const results: CheckResult[] = [
  result('oracle', 'a', 'failed'),
  result('ssm', 'b', 'passed'),
  result('oracle', 'c', 'skipped'),
  result('drill-nonce', 'restore', 'failed', true),
];

describe('check report', () => {
  it('counts results by status', () => {
    expect(countByStatus(results)).toEqual({ passed: 1, failed: 2, skipped: 1 });
  });

  it('lists critical failures first, then the others in run order', () => {
    expect(failedChecks(results).map(checkId)).toEqual(['drill-nonce/restore', 'oracle/a']);
  });

  it('groups by area in the order areas first appear', () => {
    const groups = groupByArea(results);

    expect([...groups.keys()]).toEqual(['oracle', 'ssm', 'drill-nonce']);
    expect(groups.get('oracle')?.map((r) => r.name)).toEqual(['a', 'c']);
  });
});
