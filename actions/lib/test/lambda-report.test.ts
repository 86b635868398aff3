import { describe, expect, it } from '@jest/globals';
import { parseReportLine, reportFromLogTail } from '../src/lambda-report.js';

// Captured from a real nodejs24.x invocation (request id kept, values as Lambda wrote them).
const COLD =
  'REPORT RequestId: 8f5c3a1e-6b7d-4c2e-9a1f-0e2d3c4b5a69\tDuration: 12.34 ms\tBilled Duration: 187 ms\tMemory Size: 256 MB\tMax Memory Used: 71 MB\tInit Duration: 174.28 ms\t';
const WARM =
  'REPORT RequestId: 0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0\tDuration: 1.62 ms\tBilled Duration: 2 ms\tMemory Size: 256 MB\tMax Memory Used: 72 MB\t';

describe('parseReportLine', () => {
  it('reads the durations, memory and Init Duration of a cold start', () => {
    expect(parseReportLine(COLD)).toEqual({
      requestId: '8f5c3a1e-6b7d-4c2e-9a1f-0e2d3c4b5a69',
      durationMs: 12.34,
      billedDurationMs: 187,
      memorySizeMb: 256,
      maxMemoryUsedMb: 71,
      initDurationMs: 174.28,
    });
  });

  it('has no Init Duration on a warm invocation', () => {
    const report = parseReportLine(WARM);
    expect(report.durationMs).toBe(1.62);
    expect(report).not.toHaveProperty('initDurationMs');
  });

  it('keeps a Status and ignores X-Ray fields', () => {
    const report = parseReportLine(
      `${WARM}XRAY TraceId: 1-5e1b4151-5ac6c58f5b5dbd6a4c4a8f1b\tSegmentId: 6d1a9d4e2b3c4f5a\tSampled: true\tStatus: timeout\t`,
    );
    expect(report.status).toBe('timeout');
    expect(report.durationMs).toBe(1.62);
  });

  it('says which field is missing from a malformed line', () => {
    expect(() => parseReportLine('REPORT RequestId: abc\tBilled Duration: 2 ms')).toThrow(
      /'Duration: <number> ms'/,
    );
    expect(() => parseReportLine('REPORT Duration: 1 ms')).toThrow(/RequestId/);
  });
});

describe('reportFromLogTail', () => {
  it('finds the last REPORT line in a base64 log tail', () => {
    const log = `START RequestId: x Version: 1\nhello\nEND RequestId: x\n${COLD}\n`;
    const report = reportFromLogTail(Buffer.from(log).toString('base64'));
    expect(report?.initDurationMs).toBe(174.28);
  });

  it('is undefined without a tail or a REPORT line', () => {
    expect(reportFromLogTail(undefined)).toBeUndefined();
    expect(reportFromLogTail(Buffer.from('just logs\n').toString('base64'))).toBeUndefined();
  });
});
