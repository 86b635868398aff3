// Paging as AWS list operations do it: at most a page size of items (the caller's, within the
// operation's bounds, or the operation's default), and an opaque token to ask for the rest.
import { AwsServiceError } from './service-error.js';

export interface PagingRules<T> {
  /** The size member as AWS's validation messages name it, e.g. maxRecords. */
  sizeMember: string;
  defaultSize: number;
  maxSize: number;
  /** The error codes of this service for a size out of bounds and a token it did not issue. */
  sizeError: string;
  tokenError: string;
  /**
   * A stable key of each item, for lists that grow at the front while a caller pages (alarm
   * history, newest first): the token then names the last item given, not a position.
   */
  keyOf?: (item: T) => string;
}

export interface Page<T> {
  items: T[];
  /** Present when more items follow. */
  nextToken?: string;
}

const TOKEN_PREFIX = 'local-page:';

const encode = (cursor: string) => Buffer.from(`${TOKEN_PREFIX}${cursor}`).toString('base64');

function start<T>(items: readonly T[], token: string, rules: PagingRules<T>): number {
  const text = Buffer.from(token, 'base64').toString('utf8');
  const cursor = text.startsWith(TOKEN_PREFIX) ? text.slice(TOKEN_PREFIX.length) : undefined;
  const index =
    cursor === undefined
      ? -1
      : rules.keyOf
        ? items.findIndex((item) => rules.keyOf!(item) === cursor) + 1
        : /^\d+$/.test(cursor)
          ? Number(cursor)
          : -1;
  if (index <= 0) throw new AwsServiceError(rules.tokenError, 'The NextToken is not valid.');
  return index;
}

/** One page of `items`, from where `token` left off (the start when there is none). */
export function pageOf<T>(
  items: readonly T[],
  size: unknown,
  token: unknown,
  rules: PagingRules<T>,
): Page<T> {
  const pageSize = size === undefined || size === null ? rules.defaultSize : size;
  if (
    typeof pageSize !== 'number' ||
    !Number.isInteger(pageSize) ||
    pageSize < 1 ||
    pageSize > rules.maxSize
  ) {
    throw new AwsServiceError(
      rules.sizeError,
      `1 validation error detected: Value '${String(size)}' at '${rules.sizeMember}' failed to satisfy constraint: Member must have value between 1 and ${rules.maxSize}`,
    );
  }
  const first = typeof token === 'string' && token !== '' ? start(items, token, rules) : 0;
  const end = first + pageSize;
  const page = items.slice(first, end);
  if (end >= items.length) return { items: page };
  const last = page.at(-1) as T;
  return { items: page, nextToken: encode(rules.keyOf ? rules.keyOf(last) : String(end)) };
}
