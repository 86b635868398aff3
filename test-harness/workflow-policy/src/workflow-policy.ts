// The house rules for workflows and action.yml files that actionlint does not check: pinned
// third-party actions, least permissions, OIDC only where it is used, no expressions in scripts,
// checkouts that do not keep the token.
import { parse } from 'yaml';

export interface Finding {
  file: string;
  where: string;
  problem: string;
}

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

interface WorkflowJob {
  permissions?: unknown;
  steps?: Step[];
  uses?: string;
}

interface Workflow {
  permissions?: unknown;
  jobs?: Record<string, WorkflowJob>;
}

const SHA_PIN = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;
const OIDC_ACTION = './actions/oidc-assume';

const stepName = (step: Step, index: number) =>
  step.name ?? step.id ?? step.uses ?? `step ${index + 1}`;

/** Findings for one `uses:` reference (local and docker-digest references are always fine). */
export function pinProblem(uses: string, line: string | undefined): string | undefined {
  if (uses.startsWith('./') || /^docker:\/\/.+@sha256:[0-9a-f]{64}$/.test(uses)) return undefined;
  if (!SHA_PIN.test(uses)) {
    return `'${uses}' is not pinned to a full 40-character commit SHA; pin it and keep the version in a comment ('owner/repo@<sha> # v1.2.3')`;
  }
  if (line !== undefined && !/#\s*v?\d/.test(line)) {
    return `'${uses}' has no version comment; add '# vX.Y.Z' after the SHA so updates are reviewable`;
  }
  return undefined;
}

function usesLine(source: string, uses: string): string | undefined {
  return source.split('\n').find((line) => line.includes(`uses: ${uses}`));
}

function stepFindings(file: string, source: string, where: string, steps: Step[]): Finding[] {
  const findings: Finding[] = [];
  steps.forEach((step, index) => {
    const at = `${where} › ${stepName(step, index)}`;
    if (step.uses) {
      const problem = pinProblem(step.uses, usesLine(source, step.uses));
      if (problem) findings.push({ file, where: at, problem });
      if (
        step.uses.startsWith('actions/checkout@') &&
        step.with?.['persist-credentials'] !== false
      ) {
        findings.push({
          file,
          where: at,
          problem:
            "checkout must set 'persist-credentials: false' so the token is not left in .git/config",
        });
      }
    }
    if (step.run?.includes('${{')) {
      findings.push({
        file,
        where: at,
        problem:
          "'${{ }}' inside 'run:' is expanded into the script before it runs (script injection); pass the value through 'env:' and use \"$VAR\"",
      });
    }
  });
  return findings;
}

function grantsIdToken(permissions: unknown): boolean {
  return (
    permissions === 'write-all' ||
    (typeof permissions === 'object' &&
      permissions !== null &&
      (permissions as Record<string, unknown>)['id-token'] === 'write')
  );
}

function isReadOnly(permissions: unknown): boolean {
  if (permissions === 'read-all') return true;
  if (typeof permissions !== 'object' || permissions === null) return false;
  return Object.values(permissions).every((level) => level === 'read' || level === 'none');
}

export function checkWorkflow(file: string, source: string): Finding[] {
  const workflow = parse(source) as Workflow;
  const findings: Finding[] = [];
  if (workflow.permissions === undefined) {
    findings.push({
      file,
      where: 'workflow',
      problem:
        "no top-level 'permissions:'; set 'permissions: {}' (or read-only) and grant per job",
    });
  } else if (!isReadOnly(workflow.permissions)) {
    findings.push({
      file,
      where: 'workflow',
      problem: "top-level 'permissions:' grants write access; grant it on the jobs that need it",
    });
  }
  for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
    const where = `jobs.${id}`;
    const effective = job.permissions ?? workflow.permissions;
    if (job.permissions === undefined && !isReadOnly(workflow.permissions)) {
      findings.push({ file, where, problem: "no 'permissions:'; declare the least the job needs" });
    }
    const usesOidc = (job.steps ?? []).some(
      (step) => step.uses === OIDC_ACTION || step.uses?.includes('/actions/oidc-assume@'),
    );
    if (grantsIdToken(effective) && !usesOidc) {
      findings.push({
        file,
        where,
        problem: "'id-token: write' on a job that does not use oidc-assume; remove it",
      });
    }
    if (job.uses) {
      const problem = pinProblem(job.uses, usesLine(source, job.uses));
      if (problem) findings.push({ file, where, problem });
    }
    findings.push(...stepFindings(file, source, where, job.steps ?? []));
  }
  return findings;
}

interface ActionFile {
  name?: string;
  description?: string;
  inputs?: Record<string, { description?: string }>;
  outputs?: Record<string, { description?: string }>;
  runs?: { using?: string; main?: string; post?: string; steps?: Step[] };
}

/** An action.yml: metadata complete, node24 or composite, entry files present, steps safe. */
export function checkActionFile(
  file: string,
  source: string,
  exists: (relative: string) => boolean,
): Finding[] {
  const action = parse(source) as ActionFile;
  const findings: Finding[] = [];
  const add = (where: string, problem: string) => findings.push({ file, where, problem });
  if (!action.name) add('name', "missing 'name'");
  if (!action.description) add('description', "missing 'description'");
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    if (!input?.description) add(`inputs.${name}`, 'input without a description');
  }
  for (const [name, output] of Object.entries(action.outputs ?? {})) {
    if (!output?.description) add(`outputs.${name}`, 'output without a description');
  }
  const using = action.runs?.using;
  if (using === 'node24') {
    for (const entry of ['main', 'post'] as const) {
      const path = action.runs?.[entry];
      if (entry === 'main' && !path) add('runs.main', "node24 action without 'main'");
      if (path && !exists(path))
        add(`runs.${entry}`, `'${path}' does not exist; run 'npm run build' and commit dist/`);
    }
  } else if (using === 'composite') {
    findings.push(...stepFindings(file, source, 'runs.steps', action.runs?.steps ?? []));
  } else {
    add('runs.using', `'${String(using)}' is not supported here; use node24 or composite`);
  }
  return findings;
}

/** The backticked names in the first column of the table under a `## <heading>` of a README. */
export function readmeTableNames(readme: string, heading: string): string[] {
  const section = readme.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  if (!section) return [];
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => /^\|\s*`([^`]+)`/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}
