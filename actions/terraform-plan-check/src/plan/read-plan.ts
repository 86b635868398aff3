// Reads a `terraform show -json` file in chunks and hands its parts to a PlanSink. Rejects what
// is not one JSON object, with a specific message for the common mistakes: the setup-terraform
// wrapper's log lines around the JSON, a binary plan file, and an empty file.
import { closeSync, openSync, readSync } from 'node:fs';
import { JsonScanError, JsonScanner, type CaptureMode } from './json-scanner.js';
import { PlanFormatError } from './change.js';

export interface PlanSink {
  /** Top-level members wanted whole (small ones: format_version, errored, checks, ...). */
  readonly wholeMembers: ReadonlySet<string>;
  /** Top-level members wanted one element at a time (resource_changes, resource_drift, ...). */
  readonly elementMembers: ReadonlySet<string>;
  member(key: string, value: unknown): void;
  element(key: string, item: number | string, value: unknown): void;
}

const CHUNK_BYTES = 1024 * 1024;
const WRAPPER_HINT =
  'It looks like output of the hashicorp/setup-terraform wrapper (log lines such as "[command]…" or "::debug::" around the JSON). Set `terraform_wrapper: false` on setup-terraform, or run `terraform show -json` without the wrapper.';

function explain(head: string, error: JsonScanError, path: string): PlanFormatError {
  const trimmed = head.trimStart();
  if (trimmed === '') {
    return new PlanFormatError(
      `The plan file ${path} is empty; expected the output of terraform show -json.`,
    );
  }
  if (trimmed.startsWith('PK')) {
    return new PlanFormatError(
      `The plan file ${path} is a binary plan (saved with -out); convert it with \`terraform show -json ${path}\` and pass that file instead.`,
    );
  }
  if (/^\[command\]|::debug::|::set-output|::set-env/m.test(head)) {
    return new PlanFormatError(`The plan file ${path} is not plain JSON. ${WRAPPER_HINT}`);
  }
  return new PlanFormatError(
    `The plan file ${path} is not a single JSON document: ${error.message}. Expected exactly the output of \`terraform show -json <planfile>\`.`,
  );
}

/** Streams the file into the sink; returns the names of all top-level members seen. */
export function readPlanFile(path: string, sink: PlanSink): Set<string> {
  const keys = new Set<string>();
  const modeFor = (key: string): CaptureMode => {
    keys.add(key);
    return sink.wholeMembers.has(key)
      ? 'value'
      : sink.elementMembers.has(key)
        ? 'elements'
        : 'skip';
  };
  const scanner = new JsonScanner({
    modeFor,
    onValue: (key, value) => sink.member(key, value),
    onElement: (key, item, value) => sink.element(key, item, value),
  });
  const fd = openSync(path, 'r');
  let head = '';
  let tail = '';
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const read = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      const data = chunk.subarray(0, read);
      if (head.length < 4096) head += data.toString('utf8', 0, Math.min(read, 4096));
      tail = data.toString('utf8', Math.max(0, read - 4096), read);
      scanner.push(data);
    }
    scanner.end();
    return keys;
  } catch (error) {
    if (error instanceof JsonScanError) throw explain(`${head}\n${tail}`, error, path);
    throw error;
  } finally {
    closeSync(fd);
  }
}
