// A Terraform source file and positions in it: every node of the parsed tree keeps the offsets it
// came from, so anything that fails or is found names file:line.

export interface Span {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

export class SourceFile {
  readonly #lineStarts: number[];

  constructor(
    /** The path errors and findings print (repository-relative where the reader gave a root). */
    readonly path: string,
    readonly text: string,
  ) {
    this.#lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.#lineStarts.push(i + 1);
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.#lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.#lineStarts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (this.#lineStarts[low] as number) + 1 };
  }

  /** `path:line` of an offset. */
  at(offset: number): string {
    return `${this.path}:${this.position(offset).line}`;
  }

  /** The source text of a span, as written. */
  slice(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
}

/** A failure in a Terraform file, named by file:line. */
export class TerraformError extends Error {
  override readonly name = 'TerraformError';
}

/**
 * A failure located in a file: the innermost expression that failed, what was being evaluated
 * (local.x in module.y), and whether it is a limit of this evaluator (never caught by try()).
 */
export class LocatedError extends TerraformError {
  constructor(
    /** file:line */
    readonly location: string,
    readonly detail: string,
    readonly unsupported: boolean,
    readonly context?: string,
  ) {
    super(`${location}: ${context ? `${context}: ` : ''}${detail}`);
  }

  /** The same error saying what was being evaluated, unless an inner evaluation said it already. */
  within(context: string): LocatedError {
    return this.context
      ? this
      : new LocatedError(this.location, this.detail, this.unsupported, context);
  }
}

/** A syntax error of our HCL reader, at file:line:column. */
export class HclSyntaxError extends Error {
  override readonly name = 'HclSyntaxError';

  constructor(
    readonly offset: number,
    readonly detail: string,
  ) {
    super(`${detail} at offset ${offset}`);
  }

  /** The same error named by the file it is in. */
  locate(source: SourceFile): TerraformError {
    const { line, column } = source.position(this.offset);
    return new TerraformError(`${source.path}:${line}:${column}: ${this.detail}`);
  }
}
