// Reads a pull request's changed workflow and action files as YAML for MD-002 and MD-003: at the
// head commit (a new file's patch is the whole file, so it needs no request) and, for modified
// workflows, at the base commit too (MD-002 compares grants before and after). A file that cannot
// be read is left to the rules' patch fallback and listed, with the reason, as degraded.
import {
  MAX_WORKFLOW_FILES_READ,
  type DegradedFile,
  type WorkflowFileDegradation,
} from '../contract.js';
import type { FileFacts, PullRequestFacts } from '../facts/pull-request-facts.js';
import { UnreadableDocumentError } from '../facts/unreadable-document.js';
import { GITHUB_CONCURRENCY, GitHubUnavailableError } from '../github/api-request.js';
import type { FileAtCommit } from '../github/file-contents.js';
import type { DocumentFacts, WorkflowDocument } from '../rules/workflow-document.js';
import { isActionMetadata, isWorkflowFile } from '../rules/workflow-files.js';
import type { OracleDependencies, RequestScope } from './dependencies.js';
import { logDegraded } from './degraded-files.js';
import { pooled } from './pooled.js';

const NEW_FILE_HUNK = /^@@ -0,0 \+1(?:,(\d+))? @@/;

export interface WorkflowDocuments {
  documents: Map<string, DocumentFacts>;
  degraded: DegradedFile[];
}

type Parse = (text: string, kind: WorkflowDocument['kind']) => WorkflowDocument;

class Degradation extends Error {
  constructor(readonly reason: WorkflowFileDegradation) {
    super(reason);
  }
}

function kindOf(path: string): WorkflowDocument['kind'] | undefined {
  if (isWorkflowFile(path)) return 'workflow';
  return isActionMetadata(path) ? 'action' : undefined;
}

/** A new file's patch is the whole file: one hunk from line 1 holding only added lines. */
function newFileText(file: FileFacts): string | undefined {
  if (file.status !== 'added' || !file.patch) return undefined;
  const header = NEW_FILE_HUNK.exec(file.patch.text);
  if (!header) return undefined;
  const lines = file.patch.lines().slice(1);
  const added = lines.filter((line) => line.kind === 'added');
  const onlyAdded = lines.every(
    (line) => line.kind === 'added' || (line.kind === 'other' && line.text.startsWith('\\')),
  );
  if (!onlyAdded || added.length !== Number(header[1] ?? 1)) return undefined;
  return added.map((line) => line.text).join('\n');
}

/** The patch's added and context lines must be the content's lines at the same numbers. */
function matchesPatch(text: string, file: FileFacts): boolean {
  const lines = text.split(/\r?\n/);
  return (file.patch?.lines() ?? []).every(
    (line) =>
      (line.kind !== 'added' && line.kind !== 'context') || lines[line.line - 1] === line.text,
  );
}

function touchedLines(file: FileFacts): DocumentFacts['touched'] {
  if (!file.patch) return 'all';
  return new Set(file.patch.addedLines().map((line) => line.line));
}

function parseOrDegrade(parse: Parse, text: string, kind: WorkflowDocument['kind']) {
  try {
    return parse(text, kind);
  } catch (error) {
    if (error instanceof UnreadableDocumentError) throw new Degradation(error.reason);
    throw error;
  }
}

class Reader {
  private exhausted: GitHubUnavailableError | undefined;
  private readonly signal: AbortSignal;

  constructor(
    private readonly facts: PullRequestFacts,
    private readonly deps: OracleDependencies,
  ) {
    this.signal = AbortSignal.timeout(deps.config.githubApiTimeoutMs);
  }

  /** The file at `ref`, or undefined when that commit has no such file. */
  async read(path: string, ref: string | undefined): Promise<string | undefined> {
    if (!ref) throw new Degradation('no_head_sha');
    if (this.exhausted) throw new Degradation(this.exhausted.reason);
    if (this.signal.aborted) throw new Degradation('timeout');
    const file: FileAtCommit = { repository: this.facts.repository, path, ref };
    try {
      return await this.deps.readFile(file, this.signal);
    } catch (error) {
      if (!(error instanceof GitHubUnavailableError)) throw error;
      // One exhausted rate limit or missing token stands for every later request.
      if (error.reason === 'rate_limited' || error.reason === 'no_token') this.exhausted = error;
      throw new Degradation(error.reason);
    }
  }

  async head(file: FileFacts): Promise<string> {
    const text = newFileText(file) ?? (await this.read(file.path, this.facts.headSha));
    if (text === undefined) throw new Degradation('not_found');
    if (!matchesPatch(text, file)) throw new Degradation('stale_patch');
    return text;
  }

  async base(file: FileFacts, parse: Parse): Promise<DocumentFacts['base']> {
    if (file.status !== 'modified' || !isWorkflowFile(file.path)) return 'absent';
    if (!this.facts.baseSha) throw new Degradation('base_unavailable');
    const text = await this.read(file.path, this.facts.baseSha);
    return text === undefined ? 'absent' : parseOrDegrade(parse, text, 'workflow');
  }
}

/** Reads every changed workflow and action file it can; the rest are listed as degraded. */
export async function readWorkflowDocuments(
  facts: PullRequestFacts,
  deps: OracleDependencies,
  scope: RequestScope,
): Promise<WorkflowDocuments> {
  const documents = new Map<string, DocumentFacts>();
  const degradedBy = new Map<string, WorkflowFileDegradation[]>();
  const degrade = (file: FileFacts, reason: WorkflowFileDegradation) =>
    degradedBy.set(file.path, [...(degradedBy.get(file.path) ?? []), reason]);
  const candidates = facts.files.filter(
    (file) => file.status !== 'removed' && kindOf(file.path) !== undefined,
  );
  if (candidates.length === 0) return { documents, degraded: [] };

  const { readWorkflowDocument: parse } = await import('../facts/workflow-yaml.js');
  const reader = new Reader(facts, deps);
  const readOne = async (file: FileFacts) => {
    const kind = kindOf(file.path)!;
    let head: WorkflowDocument;
    try {
      head = parseOrDegrade(parse, await reader.head(file), kind);
    } catch (error) {
      if (!(error instanceof Degradation)) throw error;
      degrade(file, error.reason);
      return;
    }
    let base: DocumentFacts['base'];
    try {
      base = await reader.base(file, parse);
    } catch (error) {
      if (!(error instanceof Degradation)) throw error;
      base = 'unknown';
      degrade(file, 'base_unavailable');
    }
    if (!file.patch && file.status !== 'added') degrade(file, 'patch_unavailable');
    const removedAt = new Set(
      (file.patch?.lines() ?? []).filter((l) => l.kind === 'removed').map((l) => l.line),
    );
    documents.set(file.path, { head, touched: touchedLines(file), removedAt, base });
  };
  // New files come whole in their patch; only the others cost requests, and only so many may.
  const fetched = candidates.filter((file) => newFileText(file) === undefined);
  const tooMany = new Set(fetched.slice(MAX_WORKFLOW_FILES_READ));
  for (const file of tooMany) degrade(file, 'too_many_files');
  await pooled(
    candidates.filter((file) => !tooMany.has(file)).map((file) => () => readOne(file)),
    GITHUB_CONCURRENCY,
  );

  const degraded = candidates.flatMap((file) =>
    (degradedBy.get(file.path) ?? []).map((reason) => ({ path: file.path, reason })),
  );
  logDegraded(scope, 'workflow files not read in full as YAML', degraded);
  return { documents, degraded };
}
