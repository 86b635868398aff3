// The REPORT line Lambda writes at the end of every invocation's log, as Invoke returns it with
// LogType: Tail (the last 4 KB of the log, base64 in X-Amz-Log-Result). Its figures are the
// server's view of the invocation: run time, billed time, memory, and Init Duration on cold starts.

export interface LambdaReport {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Present exactly when the invocation ran in a new execution environment (a cold start). */
  initDurationMs?: number;
  /** timeout or error, when the invocation did not complete normally. */
  status?: string;
}

const FIELD = /\t?([A-Za-z][A-Za-z ]*?): ([^\t]+)/g;

function milliseconds(text: string | undefined, field: string, line: string): number {
  const match = text === undefined ? null : /^(\d+(?:\.\d+)?) ms$/.exec(text.trim());
  if (!match) {
    throw new Error(
      `REPORT line has no '${field}: <number> ms' field (expected Lambda's REPORT format): ${line.slice(0, 200)}`,
    );
  }
  return Number(match[1]);
}

function megabytes(text: string | undefined): number {
  const match = text === undefined ? null : /^(\d+) MB$/.exec(text.trim());
  return match ? Number(match[1]) : 0;
}

/** Parses one `REPORT RequestId: … Duration: … ms …` line; throws when a required field is missing. */
export function parseReportLine(line: string): LambdaReport {
  const body = line.replace(/^REPORT\s+/, '').trimEnd();
  const fields = new Map<string, string>();
  for (const match of body.matchAll(FIELD)) fields.set(match[1]!, match[2]!);
  const requestId = fields.get('RequestId')?.trim();
  if (!requestId) throw new Error(`REPORT line has no RequestId: ${line.slice(0, 200)}`);
  const report: LambdaReport = {
    requestId,
    durationMs: milliseconds(fields.get('Duration'), 'Duration', line),
    billedDurationMs: milliseconds(fields.get('Billed Duration'), 'Billed Duration', line),
    memorySizeMb: megabytes(fields.get('Memory Size')),
    maxMemoryUsedMb: megabytes(fields.get('Max Memory Used')),
  };
  const init = fields.get('Init Duration');
  if (init !== undefined) report.initDurationMs = milliseconds(init, 'Init Duration', line);
  const status = fields.get('Status')?.trim();
  if (status) report.status = status;
  return report;
}

/**
 * The REPORT of an invocation from its log tail (X-Amz-Log-Result, base64), or undefined when the
 * tail holds no REPORT line (e.g. no LogType: Tail was requested).
 */
export function reportFromLogTail(logResultBase64: string | undefined): LambdaReport | undefined {
  if (!logResultBase64) return undefined;
  const log = Buffer.from(logResultBase64, 'base64').toString('utf8');
  const lines = log.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i]!.startsWith('REPORT ')) return parseReportLine(lines[i]!);
  }
  return undefined;
}
