// What `terraform fmt -check` would change, for the two rules that matter most in review:
// indentation (two spaces per open bracket) and the vertical alignment of `=` in consecutive
// single-line arguments. Mirrors hclwrite's format.go (formatIndent and formatCells).

/** Index just past the closing quote of the string that opens at `start` (templates skipped). */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else if (ch === '"') return i + 1;
    else if (text.startsWith('${', i)) i = skipInterpolation(text, i + 2);
    else i += 1;
  }
  return text.length;
}

/** Index just past the `}` that closes an interpolation whose body starts at `start`. */
function skipInterpolation(text: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      i = skipString(text, i);
      continue;
    }
    if (ch === '{') depth += 1;
    if (ch === '}' && --depth === 0) return i + 1;
    i += 1;
  }
  return text.length;
}

interface Line {
  text: string;
  /** Net brackets opened by the line, strings and comments excluded. */
  net: number;
  /** Text before the assignment `=`, trimmed, when the line is a single-line argument. */
  lead?: string;
  /** Text from the assignment `=` on. */
  assign?: string;
}

function analyse(text: string): Line {
  let net = 0;
  let assignAt = -1;
  let netAtAssign = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"') {
      i = skipString(text, i);
      continue;
    }
    if (ch === '#' || text.startsWith('//', i)) break;
    if ('([{'.includes(ch)) net += 1;
    else if (')]}'.includes(ch)) net -= 1;
    else if (
      ch === '=' &&
      assignAt < 0 &&
      i > 0 &&
      !'=!<>'.includes(text[i - 1] as string) &&
      !'=>'.includes(text[i + 1] ?? '')
    ) {
      assignAt = i;
      netAtAssign = net;
    }
    i += 1;
  }
  const line: Line = { text, net };
  if (assignAt > 0 && net - netAtAssign === 0) {
    line.lead = text.slice(0, assignAt).trimEnd();
    line.assign = text.slice(assignAt);
  }
  return line;
}

function indentFindings(path: string, lines: Line[]): string[] {
  const findings: string[] = [];
  const indents: number[] = [];
  lines.forEach((line, index) => {
    if (line.text.trim() === '') return;
    if (line.net < 0) {
      let closed = -line.net;
      while (closed > 0 && indents.length > 0) {
        const top = indents[indents.length - 1] as number;
        if (closed >= top) {
          closed -= top;
          indents.pop();
        } else {
          indents[indents.length - 1] = top - closed;
          closed = 0;
        }
      }
    }
    const expected = 2 * indents.length;
    const actual = line.text.length - line.text.trimStart().length;
    if (actual !== expected || /^\s*\t/.test(line.text)) {
      findings.push(
        `${path}:${index + 1}: indented ${actual} spaces, terraform fmt indents ${expected}`,
      );
    }
    if (line.net > 0) indents.push(line.net);
  });
  return findings;
}

function alignmentFindings(path: string, lines: Line[]): string[] {
  const findings: string[] = [];
  let chain: number[] = [];
  const close = () => {
    const width = Math.max(...chain.map((index) => (lines[index]?.lead ?? '').length));
    for (const index of chain) {
      const line = lines[index] as Line;
      const expected = `${(line.lead ?? '').padEnd(width)} = ${(line.assign ?? '').slice(1).trimStart()}`;
      if (line.text.trimEnd() !== expected.trimEnd()) {
        findings.push(`${path}:${index + 1}: terraform fmt aligns this "=" at column ${width + 2}`);
      }
    }
    chain = [];
  };
  lines.forEach((line, index) => {
    if (line.assign === undefined) {
      if (chain.length > 0) close();
    } else chain.push(index);
  });
  if (chain.length > 0) close();
  return findings;
}

/** Lines `terraform fmt` would re-indent or re-align, as path:line: what fmt would do. */
export function checkFormatting(path: string, text: string): string[] {
  const lines = text.split('\n').map(analyse);
  const trailing = lines.flatMap((line, index) =>
    /[ \t]+$/.test(line.text) ? [`${path}:${index + 1}: trailing whitespace`] : [],
  );
  return [...indentFindings(path, lines), ...alignmentFindings(path, lines), ...trailing];
}
