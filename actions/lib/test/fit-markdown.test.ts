import { describe, expect, it } from '@jest/globals';
import { cutText, fitMarkdown, sizeOf, type Block } from '../src/fit-markdown.js';

const items = (count: number, size: number) =>
  Array.from({ length: count }, (_, i) => `${i}`.padEnd(size, 'x'));
const omitted = (n: number) => `… ${n} left out`;

describe('fitMarkdown', () => {
  it('keeps everything when it fits', () => {
    const blocks: Block[] = [
      { kind: 'fixed', text: 'status' },
      { kind: 'items', open: 'diffs', items: ['a', 'b'], close: '', omitted },
    ];

    expect(fitMarkdown(blocks, 1000, 'utf16', 'cut')).toEqual({
      text: 'status\n\ndiffs\n\na\n\nb',
      omittedItems: 0,
      fixedCut: false,
    });
  });

  it('drops trailing items, never fixed blocks, and says how many were left out', () => {
    const blocks: Block[] = [
      { kind: 'fixed', text: 'S'.repeat(300) },
      { kind: 'items', open: '<details>', items: items(50, 100), close: '</details>', omitted },
      { kind: 'fixed', text: 'F'.repeat(200) },
    ];

    const result = fitMarkdown(blocks, 1500, 'utf16', 'cut');

    expect(result.text.length).toBeLessThanOrEqual(1500);
    expect(result.text).toContain('S'.repeat(300));
    expect(result.text).toContain('F'.repeat(200));
    expect(result.omittedItems).toBeGreaterThan(40);
    expect(result.text).toContain(`… ${result.omittedItems} left out`);
    expect(result.text).toMatch(/<details>\n\n0x+\n\n/);
  });

  it('renders a lazy item only when it is kept', () => {
    const rendered: number[] = [];
    const lazy = items(50, 100).map((text, i) => () => {
      rendered.push(i);
      return text;
    });

    const result = fitMarkdown(
      [{ kind: 'items', open: '', items: lazy, close: '', omitted }],
      1000,
      'utf16',
      'cut',
    );

    expect(result.omittedItems).toBe(50 - rendered.length + 1);
    expect(rendered).toEqual(Array.from({ length: rendered.length }, (_, i) => i));
    expect(result.text).toContain('0'.padEnd(100, 'x'));
  });

  it('counts UTF-8 bytes when asked (job summaries are limited in bytes)', () => {
    const blocks: Block[] = [
      { kind: 'items', open: '', items: items(20, 10).map((i) => `${i}é😀`), close: '', omitted },
    ];

    const result = fitMarkdown(blocks, 200, 'utf8-bytes', 'cut');

    expect(sizeOf(result.text, 'utf8-bytes')).toBeLessThanOrEqual(200);
    expect(result.omittedItems).toBeGreaterThan(0);
  });

  it('cuts fixed text at a line boundary when it alone is over the limit', () => {
    const fixed = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');

    const result = fitMarkdown([{ kind: 'fixed', text: fixed }], 120, 'utf16', '(cut here)');

    expect(result.fixedCut).toBe(true);
    expect(result.text.length).toBeLessThanOrEqual(120);
    expect(result.text).toMatch(/^line 0\n.*\nline \d+\n\(cut here\)$/s);
  });
});

describe('cutText', () => {
  it('returns short text unchanged', () => {
    expect(cutText('short', 10, 'n', 'utf16')).toBe('short');
  });
});
