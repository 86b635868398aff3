// A unified-diff patch as GitHub returns it per file. Line positions are computed lazily and only
// once, because most rules look at few files and MD-001 only needs the lines where it matched.

export type LineKind = 'added' | 'removed' | 'context' | 'other';

export interface PatchLine {
  kind: LineKind;
  /** Line number in the new file (for removed lines: the next new line). */
  line: number;
  /** The line without its diff marker. */
  text: string;
}

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

const KINDS: Record<string, LineKind> = { '+': 'added', '-': 'removed', ' ': 'context' };

export class Patch {
  private starts: number[] | undefined;
  private kinds: LineKind[] = [];
  private numbers: number[] = [];

  constructor(readonly text: string) {}

  /** Every line with its kind and new-file line number. */
  lines(): PatchLine[] {
    this.index();
    return this.kinds.map((kind, i) => this.lineAtIndex(i, kind));
  }

  /** Lines added by the change. */
  addedLines(): PatchLine[] {
    return this.lines().filter((l) => l.kind === 'added');
  }

  /** The line containing character `offset` of `text`. */
  lineAt(offset: number): PatchLine {
    const starts = this.index();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return this.lineAtIndex(low, this.kinds[low]!);
  }

  private lineAtIndex(i: number, kind: LineKind): PatchLine {
    const starts = this.starts!;
    const end = i + 1 < starts.length ? starts[i + 1]! - 1 : this.text.length;
    const raw = this.text.slice(starts[i]!, end).replace(/\r$/, '');
    return { kind, line: this.numbers[i]!, text: kind === 'other' ? raw : raw.slice(1) };
  }

  private index(): number[] {
    if (this.starts) return this.starts;
    const starts: number[] = [];
    let next = 0;
    let start = 0;
    while (start <= this.text.length) {
      const newline = this.text.indexOf('\n', start);
      const end = newline === -1 ? this.text.length : newline;
      const marker = this.text[start] ?? '';
      const hunk = marker === '@' ? HUNK_HEADER.exec(this.text.slice(start, end)) : null;
      const kind = hunk ? 'other' : (KINDS[marker] ?? 'other');
      if (hunk) next = Number(hunk[1]);
      starts.push(start);
      this.kinds.push(kind);
      this.numbers.push(next);
      if (kind === 'added' || kind === 'context') next += 1;
      if (newline === -1) break;
      start = newline + 1;
    }
    this.starts = starts;
    return starts;
  }
}
