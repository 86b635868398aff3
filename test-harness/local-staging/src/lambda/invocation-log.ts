// The log of one invocation as Lambda writes it (START, the function's lines, END, REPORT), and
// the LogType: Tail view of it: the last 4 KB, base64-encoded.

export interface ReportFigures {
  requestId: string;
  version: string;
  durationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Present on cold starts only. */
  initDurationMs?: number;
  /** timeout or error, when the invocation did not complete normally. */
  status?: 'timeout' | 'error';
}

export const TAIL_BYTES = 4096;

export function reportLine(figures: ReportFigures): string {
  const billed = Math.max(1, Math.ceil(figures.durationMs + (figures.initDurationMs ?? 0)));
  let line =
    `REPORT RequestId: ${figures.requestId}\tDuration: ${figures.durationMs.toFixed(2)} ms\t` +
    `Billed Duration: ${billed} ms\tMemory Size: ${figures.memorySizeMb} MB\t` +
    `Max Memory Used: ${figures.maxMemoryUsedMb} MB\t`;
  if (figures.initDurationMs !== undefined) {
    line += `Init Duration: ${figures.initDurationMs.toFixed(2)} ms\t`;
  }
  if (figures.status) line += `Status: ${figures.status}\t`;
  return `${line}\n`;
}

export function invocationLog(figures: ReportFigures, functionLog: string, initLog = ''): string {
  return (
    initLog +
    `START RequestId: ${figures.requestId} Version: ${figures.version}\n` +
    functionLog +
    `END RequestId: ${figures.requestId}\n` +
    reportLine(figures)
  );
}

/** The last 4 KB of the log, base64, as X-Amz-Log-Result carries it. */
export function logTail(log: string): string {
  const bytes = Buffer.from(log, 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)).toString('base64');
}
