// The full report as one JSON file, for other tools and for readers when the comment and summary
// had to be cut. Entries (every resource change and drift entry with its full diff) are written
// as the plan streams past, so the file can hold more than the process keeps in memory:
//   { "entries": [ { "kind": "resource-change" | "drift", ...ChangeSummary }, … ],
//     "outputs": { … }, …the rest of the Report… }
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChangeSummary } from '../analyse.js';
import { reportOutputs, type Report } from './model.js';

const FLUSH_CHARS = 256 * 1024;

export class JsonReportWriter {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingChars = 0;
  private first = true;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
    this.write('{"entries":[');
  }

  entry(kind: 'resource-change' | 'drift', entry: ChangeSummary): void {
    // The entry comes straight from the analysis, before any diff is dropped from memory.
    const members = JSON.stringify(entry).slice(1);
    this.write(`${this.first ? '' : ','}\n{"kind":"${kind}",${members}`);
    this.first = false;
  }

  /** Writes the rest of the report (without the entries already written) and closes the file. */
  finish(report: Report): void {
    const rest: Record<string, unknown> = { outputs: reportOutputs(report), ...report };
    if (report.analysis) {
      const { changes: _changes, drift: _drift, ...analysis } = report.analysis;
      rest.analysis = analysis;
    }
    this.write(`\n],${JSON.stringify(rest).slice(1)}\n`);
    this.flush();
    closeSync(this.fd);
  }

  private write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }
}
