// The job summary: one table, no secrets.

export interface AssumeReport {
  roleArn: string;
  assumedRoleArn: string;
  account: string;
  sessionName: string;
  region: string;
  expiration: string;
  attempts: number;
  exported: boolean;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function renderSummary(report: AssumeReport): string {
  const rows: Array<[string, string]> = [
    ['Role', `\`${report.roleArn}\``],
    ['Session', `\`${report.assumedRoleArn}\``],
    ['Account', report.account],
    ['Session name', `\`${report.sessionName}\``],
    ['Region', report.region],
    ['Expires', report.expiration],
    ['STS attempts', String(report.attempts)],
    ['Exported to later steps', report.exported ? 'yes' : 'no'],
  ];
  return [
    '### ✅ AWS credentials from GitHub OIDC',
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([name, value]) => `| ${name} | ${cell(value)} |`),
    '',
  ].join('\n');
}
