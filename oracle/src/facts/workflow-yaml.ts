// Reads a workflow or action file's YAML into the model MD-002 and MD-003 share
// (rules/workflow-document.ts). The `yaml` library keeps each node's source range and resolves
// aliases; this module is loaded with import() only when a pull request changes such a file.
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import type {
  JobModel,
  Located,
  PermissionsModel,
  Site,
  StepModel,
  WorkflowDocument,
} from '../rules/workflow-document.js';
import { UnreadableDocumentError } from './unreadable-document.js';

/** Nodes visited per document; aliases can multiply a small file into a huge tree. */
const MAX_VISITS = 100_000;

interface Reached {
  node: unknown;
  /** Sites of the aliases followed to reach the node, outermost first. */
  via: Site[];
}

interface Entry {
  name: string;
  keySite: Site;
  value: Reached;
}

class DocumentReader {
  private visits = 0;

  constructor(
    private readonly document: Document.Parsed,
    private readonly lineCounter: LineCounter,
  ) {}

  site(node: unknown): Site {
    const range = (node as { range?: [number, number, number] | null }).range;
    if (!range) return { line: 1, endLine: 1 };
    const [start, end] = range;
    const line = this.lineCounter.linePos(start).line;
    const endLine = this.lineCounter.linePos(Math.max(start, end - 1)).line;
    // A block scalar's range starts at its `|` or `>` header, on its key's line; its text is below.
    const block = isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
    return { line: block ? Math.min(line + 1, endLine) : line, endLine };
  }

  /** The node behind any aliases, with the alias sites that led to it. */
  resolve({ node, via }: Reached): Reached {
    let current = node;
    let path = via;
    for (;;) {
      this.visits += 1;
      if (this.visits > MAX_VISITS) {
        throw new UnreadableDocumentError(
          'too_complex',
          `more than ${MAX_VISITS} nodes once aliases are expanded`,
        );
      }
      if (!isAlias(current)) return { node: current, via: path };
      path = [...path, this.site(current)];
      current = current.resolve(this.document);
    }
  }

  entries(reached: Reached): Entry[] {
    const { node, via } = this.resolve(reached);
    if (!isMap(node)) return [];
    const entries: Entry[] = [];
    for (const pair of node.items) {
      const key = this.resolve({ node: pair.key, via });
      if (!isScalar(key.node) || key.node.value === null) continue;
      entries.push({
        name: String(key.node.value),
        keySite: this.site(pair.key),
        value: { node: pair.value, via },
      });
    }
    return entries;
  }

  items(reached: Reached): Reached[] {
    const { node, via } = this.resolve(reached);
    return isSeq(node) ? node.items.map((item) => ({ node: item, via })) : [];
  }

  /** A scalar value with its sites: aliases on the way, its own lines, then its key (if any). */
  scalar(reached: Reached, keySite?: Site): Located<string> | undefined {
    const before = reached.via.length;
    const { node, via } = this.resolve(reached);
    if (!isScalar(node) || node.value === null || typeof node.value === 'object') return undefined;
    const outer = via.slice(0, before);
    const valueAliases = via.slice(before);
    return {
      value: String(node.value),
      sites: [...outer, ...valueAliases, this.site(node), ...(keySite ? [keySite] : [])],
    };
  }

  field(entries: Entry[], name: string): Entry | undefined {
    return entries.find((entry) => entry.name === name);
  }
}

function readPermissions(
  reader: DocumentReader,
  entry: Entry | undefined,
): PermissionsModel | undefined {
  if (!entry) return undefined;
  const all = reader.scalar(entry.value, entry.keySite);
  const scopes = new Map<string, Located<string>>();
  for (const scope of reader.entries(entry.value)) {
    const level = reader.scalar(scope.value, scope.keySite);
    if (level) scopes.set(scope.name, level);
  }
  // A scalar `permissions:` is read-all/write-all; a mapping lists scopes (`{}` grants none).
  return all ? { all, scopes } : { scopes };
}

function readStep(reader: DocumentReader, step: Reached): StepModel {
  const fields = reader.entries(step);
  const scalarField = (name: string) => {
    const entry = reader.field(fields, name);
    return entry && reader.scalar(entry.value, entry.keySite);
  };
  const inputs = new Map<string, Located<string>>();
  const withEntry = reader.field(fields, 'with');
  for (const input of withEntry ? reader.entries(withEntry.value) : []) {
    const value = reader.scalar(input.value, input.keySite);
    if (value) inputs.set(input.name, value);
  }
  const model: StepModel = { with: inputs };
  const uses = scalarField('uses');
  const run = scalarField('run');
  if (uses) model.uses = uses;
  if (run) model.run = run;
  return model;
}

function readSteps(reader: DocumentReader, entry: Entry | undefined): StepModel[] {
  return entry ? reader.items(entry.value).map((step) => readStep(reader, step)) : [];
}

function readTriggers(reader: DocumentReader, entry: Entry | undefined): Located<string>[] {
  if (!entry) return [];
  const single = reader.scalar(entry.value, entry.keySite);
  if (single) return [single];
  const listed = reader
    .items(entry.value)
    .map((item) => reader.scalar(item))
    .filter((item): item is Located<string> => item !== undefined);
  const keyed = reader.entries(entry.value).map((event) => ({
    value: event.name,
    sites: [...event.value.via, event.keySite],
  }));
  return [...listed, ...keyed];
}

function readJob(reader: DocumentReader, job: Entry): JobModel {
  const fields = reader.entries(job.value);
  const value = reader.site(job.value.node);
  const model: JobModel = {
    id: job.name,
    site: { line: job.keySite.line, endLine: Math.max(job.keySite.endLine, value.endLine) },
    steps: readSteps(reader, reader.field(fields, 'steps')),
  };
  const permissions = readPermissions(reader, reader.field(fields, 'permissions'));
  if (permissions) model.permissions = permissions;
  const usesEntry = reader.field(fields, 'uses');
  const uses = usesEntry && reader.scalar(usesEntry.value, usesEntry.keySite);
  if (uses) model.uses = uses;
  return model;
}

/**
 * Reads `text` as a workflow (`kind: 'workflow'`) or an action's metadata (`'action'`).
 * Throws UnreadableDocumentError when it is not YAML, or not a mapping at the top.
 */
export function readWorkflowDocument(
  text: string,
  kind: WorkflowDocument['kind'],
): WorkflowDocument {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const error = document.errors[0];
  if (error) {
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new UnreadableDocumentError('not_yaml', `${error.code} at line ${line}`);
  }
  const reader = new DocumentReader(document, lineCounter);
  const root: Reached = { node: document.contents, via: [] };
  const model: WorkflowDocument = {
    kind,
    triggers: [],
    jobs: [],
    steps: [],
    lines: text.split(/\r?\n/),
  };
  if (reader.resolve(root).node === null) return model;
  if (!isMap(reader.resolve(root).node)) {
    throw new UnreadableDocumentError(
      'not_a_workflow',
      'the top level is not a mapping of workflow or action keys',
    );
  }
  const top = reader.entries(root);
  if (kind === 'action') {
    const runs = reader.field(top, 'runs');
    model.steps = runs ? readSteps(reader, reader.field(reader.entries(runs.value), 'steps')) : [];
    return model;
  }
  model.triggers = readTriggers(reader, reader.field(top, 'on'));
  const permissions = readPermissions(reader, reader.field(top, 'permissions'));
  if (permissions) model.permissions = permissions;
  const jobs = reader.field(top, 'jobs');
  model.jobs = (jobs ? reader.entries(jobs.value) : []).map((job) => readJob(reader, job));
  return model;
}
