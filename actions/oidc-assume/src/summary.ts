// The job summary: one table, no secrets.
import { inlineCode, table } from '../../lib/src/markdown.js';

export interface AssumeReport {
  roleArn: string;
  assumedRoleArn: string;
  account: string;
  sessionName: string;
  region: string;
  expiration: string;
  attempts: number;
  exported: boolean;
  /** Show *** for the account id (the runner masks the log, not the job summary). */
  maskAccountId: boolean;
  /** Whether an inline session policy narrowed the session, and the managed ones that did. */
  inlineSessionPolicy: boolean;
  managedSessionPolicies: string[];
}

export function renderSummary(report: AssumeReport): string {
  const hide = (text: string) =>
    report.maskAccountId ? text.split(report.account).join('***') : text;
  const rows = [
    ['Role', inlineCode(hide(report.roleArn))],
    ['Session', inlineCode(hide(report.assumedRoleArn))],
    ['Account', hide(report.account)],
    ['Session name', inlineCode(report.sessionName)],
    ['Region', report.region],
    ['Expires', report.expiration],
    ['STS attempts', String(report.attempts)],
    ['Exported to later steps', report.exported ? 'yes' : 'no'],
  ];
  const sessionPolicies = [
    ...(report.inlineSessionPolicy ? ['inline (from `inline-session-policy`)'] : []),
    ...report.managedSessionPolicies.map(inlineCode),
  ];
  if (sessionPolicies.length > 0)
    rows.push(['Session policies (narrow the role)', sessionPolicies.join('<br>')]);
  return ['### ✅ AWS credentials from GitHub OIDC', '', table(['', ''], rows), ''].join('\n');
}
