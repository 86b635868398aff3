// A streaming scanner for one JSON document whose top level is an object. It checks the
// document's whole structure and hands the caller fully parsed values only for the parts it
// asks for: a top-level member whole ('value'), each element of a top-level array or each member
// of a top-level object ('elements'), or nothing ('skip'). Skipped parts are never materialised,
// so a plan larger than V8's maximum string length can be read in bounded memory.
//
// Structure is tracked with a small stack; skipped values are matched by a regular expression
// (native code) and the brackets it leaves; only captured values go through JSON.parse, which also
// fully validates them.

export type CaptureMode = 'value' | 'elements' | 'skip';

export interface ScanHandlers {
  /** How to treat the value of a top-level member. */
  modeFor(key: string): CaptureMode;
  /** A top-level member captured in 'value' mode (or an 'elements' member that is not a container). */
  onValue(key: string, value: unknown): void;
  /** One element of an 'elements' member: the array index, or the member name inside an object. */
  onElement(key: string, item: number | string, value: unknown): void;
}

export class JsonScanError extends Error {
  override readonly name = 'JsonScanError';
  constructor(
    message: string,
    /** Byte offset in the document where the problem was found. */
    readonly offset: number,
  ) {
    super(message);
  }
}

const OBJECT = 1;
const ARRAY = 2;

const enum State {
  Value,
  ValueOrEnd,
  KeyOrEnd,
  Key,
  Colon,
  CommaOrEnd,
  Done,
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isNumberByte(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45
  );
}

function describeByte(c: number | undefined): string {
  if (c === undefined) return 'the end of the input';
  if (c >= 0x20 && c < 0x7f) return `'${String.fromCharCode(c)}'`;
  return `byte 0x${c.toString(16).padStart(2, '0')}`;
}

const PARTIAL = -1;
/** scanKey/scanValue: keep the bytes from the token's start for the next chunk. */
const NEED_MORE_FROM_HERE = -2;
/** scanKey/scanValue: a string continues into the next chunk (tracked by inString). */
const NEED_MORE_AFTER_ALL = -3;
const ELEMENT_BOUNDARY = Buffer.from('},{"address":');
const GUESS_WINDOW = 64 * 1024;
// What a skipped value holds between the brackets the scanner must track itself: bytes other than
// quotes and brackets, whole strings, and whole groups nested up to SKIP_GROUP_DEPTH deep (each
// closed by its own kind of bracket). Matching it with a regular expression runs in native code
// from the first byte, where a byte loop would run in the interpreter until V8 optimises it.
const SKIP_GROUP_DEPTH = 4;
const PLAIN = '[^"{}[\\]]';
const STRING = '"[^"\\\\]*(?:\\\\[^][^"\\\\]*)*"';
function contentWithGroups(depth: number): string {
  const parts =
    depth === 0
      ? STRING
      : `${STRING}|\\{${contentWithGroups(depth - 1)}\\}|\\[${contentWithGroups(depth - 1)}\\]`;
  return `${PLAIN}*(?:(?:${parts})${PLAIN}*)*`;
}
const SKIPPABLE = new RegExp(contentWithGroups(SKIP_GROUP_DEPTH), 'y');
/** The regular expression sees at most this many bytes at once, bounding its backtracking stack. */
const SKIP_WINDOW = 64 * 1024;
const LITERALS = ['true', 'false', 'null'].map((word) => Buffer.from(word));

/** The end of the literal starting at `i`, `i` when there is none, PARTIAL when the buffer cuts it. */
function literalEnd(buffer: Buffer, i: number): number {
  for (const word of LITERALS) {
    let k = 0;
    while (k < word.length && i + k < buffer.length && buffer[i + k] === word[k]) k++;
    if (k === word.length) return i + k;
    if (k > 0 && i + k === buffer.length) return PARTIAL;
  }
  return i;
}

/** Incremental scanner: feed chunks with push(), then call end(). */
export class JsonScanner {
  private readonly stack: number[] = [];
  private state: State = State.Value;
  /** Bytes of the previous chunk that belong to an unfinished token we must see whole. */
  private carry: Buffer | null = null;
  /** Absolute offset of the current buffer's first byte. */
  private base = 0;
  private inString = false;
  /** The next byte inside the current string is escaped (a chunk ended on an odd backslash run). */
  private escapedNext = false;
  private topKey = '';
  private elementKey = '';
  private elementIndex = 0;
  private elementsOpen = false;
  private elementsIsObject = false;
  private capturing = false;
  private captureStack = 0;
  private captureParts: Buffer[] = [];
  private captureStart = 0;
  /** The unfinished string spanning chunks is a member name (not a value). */
  private stringIsKey = false;
  /** A top-level member in 'elements' mode has started and its container is not open yet. */
  private elementsPending = false;
  private sawTopLevel = false;
  /** Elements of the open 'elements' array may be ended by guess (see elementsByGuess). */
  private guessElementEnds = false;
  /** ...and many at a time. */
  private guessBatches = false;
  /** Open brackets of a nested value being skipped over (empty = not skipping). */
  private readonly skipStack: number[] = [];
  /**
   * Up to SKIP_WINDOW bytes of the buffer being scanned, from skipTextStart on, as latin1 text (a
   * character per byte) for SKIPPABLE. Small enough to be collected young, unlike a whole chunk.
   */
  private skipText = '';
  private skipTextStart = 0;

  constructor(private readonly handlers: ScanHandlers) {}

  /** Scans the next chunk; the chunk's memory may be reused once this returns. */
  push(chunk: Buffer): void {
    let buffer = chunk;
    if (this.carry) {
      buffer = Buffer.concat([this.carry, chunk]);
      this.base -= this.carry.length;
      this.carry = null;
    }
    const stopped = this.scan(buffer, false);
    this.retain(buffer, stopped);
  }

  end(): void {
    const buffer = this.carry ?? Buffer.alloc(0);
    if (this.carry) this.base -= this.carry.length;
    this.carry = null;
    this.scan(buffer, true);
    const offset = this.base + buffer.length;
    if (this.inString)
      throw new JsonScanError(`Unterminated string at the end of the input`, offset);
    if (!this.sawTopLevel) throw new JsonScanError('The input is empty: no JSON value found', 0);
    if (this.state !== State.Done) {
      throw new JsonScanError(
        `The JSON document ends early (byte ${offset}): ${this.stack.length + this.skipStack.length} unclosed bracket(s)`,
        offset,
      );
    }
  }

  /** Keeps what the next chunk needs: an unfinished token, and the captured bytes so far. */
  private retain(buffer: Buffer, stopped: number): void {
    if (this.capturing) {
      const from = this.captureStart;
      // Copied: the caller may reuse the chunk's memory for the next read.
      if (stopped > from) this.captureParts.push(Buffer.from(buffer.subarray(from, stopped)));
      this.captureStart = 0;
    }
    if (stopped < buffer.length) this.carry = Buffer.from(buffer.subarray(stopped));
    this.base += buffer.length;
  }

  private fail(message: string, at: number): never {
    throw new JsonScanError(`Invalid JSON at byte ${this.base + at}: ${message}`, this.base + at);
  }

  /** Scans `buffer`; returns the index of the first byte not consumed (an unfinished token). */
  private scan(buffer: Buffer, final: boolean): number {
    this.skipText = '';
    const length = buffer.length;
    let i = 0;
    if (this.inString) {
      const close = this.findStringEnd(buffer, 0);
      if (close < 0) return length;
      i = close + 1;
      this.inString = false;
      // A string inside a skipped value: skipping carries on below.
      if (this.skipStack.length === 0) {
        if (this.stringIsKey) this.state = State.Colon;
        else this.valueEnded(buffer, i);
      }
    }
    if (this.skipStack.length > 0) {
      const end = this.skipNested(buffer, i);
      if (end < 0) return length;
      i = end;
      this.valueEnded(buffer, i);
    }
    while (i < length) {
      const c = buffer[i] as number;
      if (isWhitespace(c)) {
        i++;
        continue;
      }
      const state = this.state;
      if (state === State.Done) {
        this.fail(
          `unexpected ${describeByte(c)} after the end of the JSON document; the input must be exactly one JSON document`,
          i,
        );
      }
      if (state === State.Colon) {
        if (c !== 0x3a) this.fail(`expected ':' but found ${describeByte(c)}`, i);
        this.state = State.Value;
        i++;
        continue;
      }
      if (state === State.CommaOrEnd) {
        const top = this.stack[this.stack.length - 1];
        if (c === 0x2c) {
          this.state = top === OBJECT ? State.Key : State.Value;
          i++;
        } else if ((c === 0x7d && top === OBJECT) || (c === 0x5d && top === ARRAY)) {
          i = this.close(buffer, i);
        } else {
          this.fail(
            `expected ',' or '${top === OBJECT ? '}' : ']'}' but found ${describeByte(c)}`,
            i,
          );
        }
        continue;
      }
      if (state === State.KeyOrEnd || state === State.Key) {
        if (c === 0x7d && state === State.KeyOrEnd) {
          i = this.close(buffer, i);
          continue;
        }
        const next = this.scanKey(buffer, i, c, final);
        if (next < 0) return next === NEED_MORE_FROM_HERE ? i : length;
        i = next;
        continue;
      }
      if (state === State.ValueOrEnd && c === 0x5d) {
        i = this.close(buffer, i);
        continue;
      }
      const next = this.scanValue(buffer, i, c, final);
      if (next < 0) return next === NEED_MORE_FROM_HERE ? i : length;
      i = next;
    }
    return length;
  }

  /** Scans a member name at `i`; returns the index after it, or a NEED_MORE code. */
  private scanKey(buffer: Buffer, i: number, c: number, final: boolean): number {
    if (c !== QUOTE) this.fail(`expected a member name in quotes but found ${describeByte(c)}`, i);
    const depth = this.stack.length;
    const decode = depth === 1 || (depth === 2 && this.elementsOpen && this.elementsIsObject);
    const close = this.findStringEnd(buffer, i + 1);
    if (close < 0) {
      if (decode) {
        if (final) this.fail('unterminated member name', i);
        this.escapedNext = false;
        return NEED_MORE_FROM_HERE;
      }
      this.inString = true;
      this.stringIsKey = true;
      return NEED_MORE_AFTER_ALL;
    }
    if (decode) {
      const key = JSON.parse(buffer.toString('utf8', i, close + 1)) as string;
      if (depth === 1) this.topKey = key;
      else this.elementKey = key;
    }
    this.state = State.Colon;
    return close + 1;
  }

  /** Scans a value's first token at `i`; returns the index after it, or a NEED_MORE code. */
  private scanValue(buffer: Buffer, i: number, c: number, final: boolean): number {
    this.valueStarts(buffer, i, c);
    if (c === 0x7b && this.guessElementEnds && this.capturing && this.captureStack === 2) {
      const end = this.elementsByGuess(buffer, i);
      if (end > 0) return end;
    }
    if ((c === 0x7b || c === 0x5b) && this.stack.length >= 1 && !this.elementsPending) {
      // A nested value: only its end matters (a captured one is validated by JSON.parse).
      this.skipStack.push(c);
      const end = this.skipNested(buffer, i + 1);
      if (end < 0) return NEED_MORE_AFTER_ALL;
      this.valueEnded(buffer, end);
      return end;
    }
    if (c === 0x7b || c === 0x5b) {
      this.stack.push(c === 0x7b ? OBJECT : ARRAY);
      this.state = c === 0x7b ? State.KeyOrEnd : State.ValueOrEnd;
      if (this.stack.length === 2 && this.elementsPending) {
        this.elementsPending = false;
        this.elementsOpen = true;
        this.elementsIsObject = c === 0x7b;
        this.guessElementEnds = c === 0x5b;
        this.guessBatches = c === 0x5b;
        this.elementIndex = 0;
        this.stopCapture();
      }
      return i + 1;
    }
    if (c === QUOTE) {
      const close = this.findStringEnd(buffer, i + 1);
      if (close < 0) {
        this.inString = true;
        this.stringIsKey = false;
        return NEED_MORE_AFTER_ALL;
      }
      this.valueEnded(buffer, close + 1);
      return close + 1;
    }
    const length = buffer.length;
    let end = i;
    while (end < length && isNumberByte(buffer[end] as number)) end++;
    if (end === i) end = literalEnd(buffer, i);
    if (end === PARTIAL || (end === length && !final)) {
      if (!final) return NEED_MORE_FROM_HERE;
      this.fail('the input ends inside a value', i);
    }
    if (end === i) this.fail(`expected a value but found ${describeByte(c)}`, i);
    this.valueEnded(buffer, end);
    return end;
  }

  /**
   * Moves past the rest of a nested value, tracking brackets and strings only. Returns the index
   * after its closing bracket, or -1 when the buffer ends first (the state carries over).
   */
  private skipNested(buffer: Buffer, from: number): number {
    const open = this.skipStack;
    const length = buffer.length;
    let i = from;
    while (i < length) {
      if (i < this.skipTextStart || i >= this.skipTextStart + this.skipText.length) {
        this.skipText = buffer.toString('latin1', i, Math.min(length, i + SKIP_WINDOW));
        this.skipTextStart = i;
      }
      SKIPPABLE.lastIndex = 0;
      SKIPPABLE.test(this.skipText.slice(i - this.skipTextStart));
      i += SKIPPABLE.lastIndex;
      if (i >= length) break;
      const c = buffer[i] as number;
      if (c === QUOTE) {
        // A string the window or the buffer cuts.
        const close = this.findStringEnd(buffer, i + 1);
        if (close < 0) {
          this.inString = true;
          this.stringIsKey = false;
          return -1;
        }
        i = close + 1;
        continue;
      }
      if (c === 0x7b || c === 0x5b) {
        open.push(c);
      } else if (c === 0x7d || c === 0x5d) {
        // '{' + 2 = '}' and '[' + 2 = ']'
        if (open.pop() !== c - 2) this.fail(`unexpected '${String.fromCharCode(c)}'`, i);
        if (open.length === 0) return i + 1;
      }
      i++;
    }
    return -1;
  }

  /**
   * Terraform writes every resource_changes and resource_drift entry starting with "address", so
   * a `},{"address":` most likely ends one entry and starts the next. JSON.parse settles it: the
   * bytes up to such a boundary, in brackets, parse as an array only when the boundary is between
   * two entries. So the entries up to the last boundary within GUESS_WINDOW are parsed at once,
   * sparing the scan of their bytes. After a wrong guess (an attribute of an entry can hold a list
   * of objects starting with "address"), entries are guessed one at a time, and after another
   * wrong guess scanned. Returns the index after the entries read, or -1 to scan the next entry.
   */
  private elementsByGuess(buffer: Buffer, i: number): number {
    let boundary = -1;
    if (this.guessBatches) {
      const reach = Math.min(buffer.length, i + GUESS_WINDOW) - ELEMENT_BOUNDARY.length;
      boundary = reach > i ? buffer.lastIndexOf(ELEMENT_BOUNDARY, reach) : -1;
    }
    const batch = boundary > i;
    if (!batch) boundary = buffer.indexOf(ELEMENT_BOUNDARY, i);
    if (boundary < 0) return -1;
    let values: unknown[];
    try {
      const text = buffer.toString('utf8', i, boundary + 1);
      values = batch ? (JSON.parse(`[${text}]`) as unknown[]) : [JSON.parse(text)];
    } catch {
      if (batch) this.guessBatches = false;
      else this.guessElementEnds = false;
      return -1;
    }
    this.stopCapture();
    for (const value of values) this.handlers.onElement(this.topKey, this.elementIndex++, value);
    this.state = State.CommaOrEnd;
    return boundary + 1;
  }

  /** Called at the first byte of any value. */
  private valueStarts(buffer: Buffer, i: number, c: number): void {
    const depth = this.stack.length;
    if (depth === 0) {
      if (c !== 0x7b) this.fail(`expected a JSON object but found ${describeByte(c)}`, i);
      this.sawTopLevel = true;
      return;
    }
    if (this.capturing) return;
    if (depth === 1) {
      const mode = this.handlers.modeFor(this.topKey);
      if (mode === 'skip') return;
      this.elementsPending = mode === 'elements';
      this.startCapture(i, 1);
      return;
    }
    if (depth === 2 && this.elementsOpen) this.startCapture(i, 2);
  }

  private startCapture(i: number, stackDepth: number): void {
    this.capturing = true;
    this.captureStack = stackDepth;
    this.captureStart = i;
    this.captureParts = [];
  }

  private stopCapture(): void {
    this.capturing = false;
    this.captureParts = [];
  }

  /** Called after the last byte of any value, with `i` just past it. */
  private valueEnded(buffer: Buffer, i: number): void {
    const depth = this.stack.length;
    if (this.capturing && depth === this.captureStack) {
      const text =
        this.captureParts.length === 0
          ? buffer.toString('utf8', this.captureStart, i)
          : Buffer.concat([...this.captureParts, buffer.subarray(this.captureStart, i)]).toString(
              'utf8',
            );
      this.capturing = false;
      this.captureParts = [];
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new JsonScanError(
          `invalid JSON inside '${this.topKey}' ending at byte ${this.base + i}: ${(error as Error).message}`,
          this.base + i,
        );
      }
      if (depth === 1) {
        this.elementsPending = false;
        this.handlers.onValue(this.topKey, value);
      } else {
        const item = this.elementsIsObject ? this.elementKey : this.elementIndex++;
        this.handlers.onElement(this.topKey, item, value);
      }
    }
    this.state = depth === 0 ? State.Done : State.CommaOrEnd;
  }

  private close(buffer: Buffer, i: number): number {
    this.stack.pop();
    if (this.stack.length === 1 && this.elementsOpen) {
      this.elementsOpen = false;
      this.guessElementEnds = false;
    }
    this.valueEnded(buffer, i + 1);
    return i + 1;
  }

  /**
   * Index of the quote closing a string whose content starts at `from`, or -1 when the buffer ends
   * first (then escapedNext says whether the next chunk starts with an escaped byte).
   */
  private findStringEnd(buffer: Buffer, from: number): number {
    const length = buffer.length;
    if (from >= length) return -1;
    let pos = from;
    if (this.escapedNext) {
      this.escapedNext = false;
      pos++;
    }
    // Most strings in a plan are short: a byte loop beats a native call for those.
    const fastEnd = Math.min(length, pos + 48);
    while (pos < fastEnd) {
      const c = buffer[pos] as number;
      if (c === QUOTE) return pos;
      pos += c === BACKSLASH ? 2 : 1;
    }
    if (pos >= length) {
      this.escapedNext = pos > length;
      return -1;
    }
    const floor = pos;
    for (;;) {
      const quote = buffer.indexOf(QUOTE, pos);
      if (quote < 0) {
        let k = length - 1;
        while (k >= floor && buffer[k] === BACKSLASH) k--;
        this.escapedNext = (length - 1 - k) % 2 === 1;
        return -1;
      }
      let k = quote - 1;
      while (k >= floor && buffer[k] === BACKSLASH) k--;
      if ((quote - 1 - k) % 2 === 0) return quote;
      pos = quote + 1;
    }
  }
}
