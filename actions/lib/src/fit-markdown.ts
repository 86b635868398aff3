// Fits a Markdown document into a size limit (a PR comment's 65,536 characters, a job summary's
// 1 MiB) by dropping items from the parts marked trimmable, never from the fixed parts, and
// saying what was left out.

/** An item's text, or a function that renders it, called only when the item is kept. */
export type Item = string | (() => string);

export type Block =
  | { kind: 'fixed'; text: string }
  | {
      kind: 'items';
      /** Text before the items (e.g. a <details> opening); kept only when an item is kept. */
      open: string;
      items: readonly Item[];
      close: string;
      /** The line that replaces the items left out. */
      omitted: (count: number) => string;
    };

export type SizeUnit = 'utf16' | 'utf8-bytes';

export function sizeOf(text: string, unit: SizeUnit): number {
  return unit === 'utf16' ? text.length : Buffer.byteLength(text, 'utf8');
}

export interface FitResult {
  text: string;
  /** Items dropped from trimmable blocks. */
  omittedItems: number;
  /** The fixed text alone was over the limit and had to be cut. */
  fixedCut: boolean;
}

const SEPARATOR = '\n\n';

/** Cuts text at a line boundary to fit, ending with `notice`. */
export function cutText(text: string, limit: number, notice: string, unit: SizeUnit): string {
  if (sizeOf(text, unit) <= limit) return text;
  const room = limit - sizeOf(`\n${notice}`, unit);
  let end = Math.max(0, Math.min(text.length, room));
  while (end > 0 && sizeOf(text.slice(0, end), unit) > room) end = Math.floor(end * 0.9);
  const lineEnd = text.lastIndexOf('\n', end);
  const kept = text.slice(0, lineEnd > 0 ? lineEnd : end);
  return `${kept}\n${notice}`;
}

/**
 * Joins the blocks with blank lines. Fixed blocks are always kept whole unless they alone exceed
 * the limit; trimmable items are kept in order while they fit, with room reserved for the notice.
 */
export function fitMarkdown(
  blocks: Block[],
  limit: number,
  unit: SizeUnit,
  overflowNotice: string,
): FitResult {
  const fixedSize = blocks.reduce(
    (sum, block) =>
      sum + (block.kind === 'fixed' ? sizeOf(block.text, unit) + SEPARATOR.length : 0),
    0,
  );
  let omittedItems = 0;
  if (fixedSize > limit) {
    const fixed = blocks.flatMap((b) => (b.kind === 'fixed' ? [b.text] : [])).join(SEPARATOR);
    omittedItems = blocks.reduce((n, b) => n + (b.kind === 'items' ? b.items.length : 0), 0);
    return { text: cutText(fixed, limit, overflowNotice, unit), omittedItems, fixedCut: true };
  }
  let room = limit - fixedSize;
  const parts: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'fixed') {
      parts.push(block.text);
      continue;
    }
    if (block.items.length === 0) continue;
    const frame = sizeOf(block.open, unit) + sizeOf(block.close, unit) + 2 * SEPARATOR.length;
    const reserve = sizeOf(block.omitted(block.items.length), unit) + SEPARATOR.length;
    let used = frame + reserve;
    const kept: string[] = [];
    for (const item of block.items) {
      const text = typeof item === 'string' ? item : item();
      const size = sizeOf(text, unit) + SEPARATOR.length;
      if (used + size > room) break;
      kept.push(text);
      used += size;
    }
    const dropped = block.items.length - kept.length;
    omittedItems += dropped;
    if (kept.length === 0) {
      const line = block.omitted(dropped);
      if (sizeOf(line, unit) + SEPARATOR.length <= room) {
        parts.push(line);
        room -= sizeOf(line, unit) + SEPARATOR.length;
      }
      continue;
    }
    const body = [
      block.open,
      ...kept,
      ...(dropped > 0 ? [block.omitted(dropped)] : []),
      block.close,
    ];
    const text = body.filter((part) => part !== '').join(SEPARATOR);
    parts.push(text);
    room -= sizeOf(text, unit) + SEPARATOR.length;
  }
  return { text: parts.join(SEPARATOR), omittedItems, fixedCut: false };
}
