import { describe, expect, it } from '@jest/globals';
import type { CheckReport } from '../src/check-report.js';
import { renderJUnitXml } from '../src/junit-xml.js';
import { xmlEscape } from '../src/xml-escape.js';

const report: CheckReport = {
  title: 'Smoke test: staging',
  startedAt: '2026-11-27T22:00:00.000Z',
  durationMs: 2500,
  results: [
    { area: 'oracle', name: 'pull-request', status: 'passed', detail: '200 pass', durationMs: 120 },
    {
      area: 'oracle',
      name: 'malformed-event',
      status: 'failed',
      detail: 'answered 200 <pass>, expected 400 & "INVALID_EVENT"',
      durationMs: 80,
    },
    { area: 'api', name: 'signed-delivery', status: 'skipped', detail: 'no secret', durationMs: 0 },
    {
      area: 'drill-nonce',
      name: 'restore',
      status: 'failed',
      detail: 'RESTORE FAILED',
      durationMs: 5,
      critical: true,
    },
  ],
};

describe('renderJUnitXml', () => {
  it('writes one testsuite per area with counts and one testcase per check', () => {
    const xml = renderJUnitXml(report);

    expect(xml).toContain(
      '<testsuites name="Smoke test: staging" tests="4" failures="2" errors="0" skipped="1" time="2.500">',
    );
    expect(xml).toContain(
      '<testsuite name="Smoke test: staging oracle" tests="2" failures="1" errors="0" skipped="0" time="0.200" timestamp="2026-11-27T22:00:00.000Z">',
    );
    expect(xml).toContain('<skipped message="no secret"/>');
    expect(xml).toContain('<failure message="RESTORE FAILED" type="critical">');
    expect(xml.match(/<testcase /g)).toHaveLength(4);
  });

  it('escapes markup in details so the document stays well formed', () => {
    const xml = renderJUnitXml(report);

    expect(xml).toContain(
      'message="answered 200 &lt;pass&gt;, expected 400 &amp; &quot;INVALID_EVENT&quot;"',
    );
    expect(xml).not.toContain('<pass>');
  });
});

describe('xmlEscape', () => {
  it('drops characters XML 1.0 cannot carry and keeps tabs and newlines', () => {
    expect(xmlEscape('a\u0000b\u001bc\td\ne')).toBe('abc\td\ne');
  });
});
