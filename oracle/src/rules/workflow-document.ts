// A workflow or action file as MD-002 and MD-003 read it: the YAML's jobs, steps, triggers and
// `permissions`, aliases resolved, each value with the source lines it came from, plus the lines
// the pull request touched. Built by facts/workflow-yaml.ts; nothing here parses YAML.

/** Lines `line`…`endLine` (1-based, inclusive) of the file at the head commit. */
export interface Site {
  line: number;
  endLine: number;
}

/**
 * A value and where it came from: the aliases that led to it (outermost first), the value node
 * itself (a block scalar's text, below its header), then its key. A value reached through an
 * alias is the PR's doing when the alias line was touched, even if the anchored text was not.
 */
export interface Located<T> {
  value: T;
  sites: Site[];
}

export interface StepModel {
  uses?: Located<string>;
  run?: Located<string>;
  /** The step's `with:` inputs that are scalars. */
  with: Map<string, Located<string>>;
}

/** A `permissions:` value: `read-all`/`write-all`/`{}` and each scope's level. */
export interface PermissionsModel {
  /** `read-all` or `write-all` (any other scalar is kept as is). */
  all?: Located<string>;
  scopes: Map<string, Located<string>>;
}

export interface JobModel {
  id: string;
  /** From the job's key to the end of its value. */
  site: Site;
  permissions?: PermissionsModel;
  /** A reusable workflow call (`jobs.<id>.uses`). */
  uses?: Located<string>;
  steps: StepModel[];
}

export interface WorkflowDocument {
  kind: 'workflow' | 'action';
  /** Event names under `on:` (scalar, list or mapping keys). */
  triggers: Located<string>[];
  permissions?: PermissionsModel;
  jobs: JobModel[];
  /** A composite action's `runs.steps`. */
  steps: StepModel[];
  /** The file's lines, for evidence snippets. */
  lines: string[];
}

/** The lines the pull request added or changed, or `all` for a new file. */
export type TouchedLines = ReadonlySet<number> | 'all';

/** A changed workflow or action file read as YAML: at the head, and at the base when compared. */
export interface DocumentFacts {
  head: WorkflowDocument;
  touched: TouchedLines;
  /** Where the patch removed lines: the head's line that now follows each removal. */
  removedAt: ReadonlySet<number>;
  /**
   * The file at the base commit: a document, `absent` (new there), or `unknown` (not fetched, or
   * could not be); rules that compare before and after treat `unknown` as absent (the stricter).
   */
  base: WorkflowDocument | 'absent' | 'unknown';
}

/** The first touched line of the first site that has one, in the order the sites are listed. */
export function touchedLine(sites: readonly Site[], touched: TouchedLines): number | undefined {
  for (const site of sites) {
    if (touched === 'all') return site.line;
    for (let line = site.line; line <= site.endLine; line += 1) if (touched.has(line)) return line;
  }
  return undefined;
}

/** Every step of the document: the jobs' steps and a composite action's steps. */
export function allSteps(document: WorkflowDocument): StepModel[] {
  return [...document.jobs.flatMap((job) => job.steps), ...document.steps];
}

/** What a finding at `line` is identified by (its findingId): the line, and the value when the
 * line does not show it (an alias line, a block scalar's header). */
export function findingContent(document: WorkflowDocument, line: number, value: string): string {
  const text = document.lines[line - 1] ?? '';
  return text.includes(value) ? text : `${text} ${value}`;
}

/** Every `uses:` value (jobs' and steps') on a line the PR touched, with that line. */
export function touchedUses(facts: DocumentFacts): Array<{ value: string; line: number }> {
  const uses = [
    ...facts.head.jobs.map((job) => job.uses),
    ...allSteps(facts.head).map((step) => step.uses),
  ];
  const touchedOnes: Array<{ value: string; line: number }> = [];
  for (const use of uses) {
    const line = use && touchedLine(use.sites, facts.touched);
    if (use && line !== undefined) touchedOnes.push({ value: use.value.trim(), line });
  }
  return touchedOnes;
}
