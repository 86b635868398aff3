import type { FileFacts } from '../facts/pull-request-facts.js';
import type { Finding, Rule } from './rule.js';
import { isWorkflowFile } from './workflow-files.js';
import {
  allSteps,
  findingContent,
  touchedLine,
  type DocumentFacts,
  type Located,
  type PermissionsModel,
  type Site,
  type WorkflowDocument,
} from './workflow-document.js';

/** The GITHUB_TOKEN permission scopes the patch fallback knows; YAML reads any key of `permissions`. */
const SCOPES = new Set([
  'actions',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'id-token',
  'issues',
  'models',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'security-events',
  'statuses',
]);
const WRITE_ALL = /^\s*permissions\s*:\s*["']?write-all["']?\s*(#.*)?$/;
const SCOPE_WRITE = /^\s*([a-z-]+)\s*:\s*["']?write["']?\s*(#.*)?$/;
const PULL_REQUEST_TARGET = /\bpull_request_target\b/;
/** What checks out or fetches the pull request's own code. */
const PR_HEAD =
  /github\.event\.pull_request\.head\.(?:sha|ref|repo\.full_name)|github\.head_ref|github\.event\.pull_request\.merge_commit_sha|refs\/pull\/|gh\s+pr\s+checkout/;

const ADVICE = 'grant only what the job needs, starting from `contents: read`.';
const HEAD_CHECKOUT =
  'checks out the pull request head under `pull_request_target`, running untrusted code with write access and secrets.';

interface Grant {
  /** `*` for write-all. */
  scope: string;
  text: string;
  located: Located<string>;
}

function writeGrants(permissions: PermissionsModel | undefined): Grant[] {
  if (!permissions) return [];
  const grants: Grant[] = [];
  if (permissions.all?.value === 'write-all') {
    grants.push({ scope: '*', text: 'permissions: write-all', located: permissions.all });
  }
  for (const [scope, level] of permissions.scopes) {
    if (level.value === 'write') grants.push({ scope, text: `${scope}: write`, located: level });
  }
  return grants;
}

function grantsWrite(permissions: PermissionsModel | undefined, scope: string): boolean {
  if (!permissions) return false;
  if (permissions.all?.value === 'write-all') return true;
  return scope !== '*' && permissions.scopes.get(scope)?.value === 'write';
}

/** What the base gave the same place: the workflow level, or a job's own or inherited grants. */
function basePermissions(
  base: DocumentFacts['base'],
  jobId: string | undefined,
): PermissionsModel | undefined {
  if (typeof base === 'string') return undefined;
  if (jobId === undefined) return base.permissions;
  const job = base.jobs.find((j) => j.id === jobId);
  return job && (job.permissions ?? base.permissions);
}

function grantFindings(path: string, facts: DocumentFacts): Finding[] {
  const { head, touched, base } = facts;
  const levels = [
    { jobId: undefined, to: 'every job', permissions: head.permissions },
    ...head.jobs.map((job) => ({
      jobId: job.id,
      to: `job \`${job.id}\``,
      permissions: job.permissions,
    })),
  ];
  const findings: Finding[] = [];
  for (const level of levels) {
    const before = basePermissions(base, level.jobId);
    for (const grant of writeGrants(level.permissions)) {
      const line = touchedLine(grant.located.sites, touched);
      if (line === undefined || grantsWrite(before, grant.scope)) continue;
      findings.push({
        message: `Workflow ${path} grants \`${grant.text}\` to ${level.to}; ${ADVICE}`,
        path,
        content: findingContent(head, line, grant.located.value),
        line,
        snippet: (head.lines[line - 1] ?? '').trim(),
      });
    }
  }
  return findings;
}

/**
 * A job whose own `permissions` the PR removed now inherits the workflow level's: each write
 * grant it gains is reported at the job's key, since the removed lines are gone from the head.
 */
function inheritedFindings(path: string, facts: DocumentFacts): Finding[] {
  const { head, base, removedAt } = facts;
  if (typeof base === 'string') return [];
  const findings: Finding[] = [];
  for (const job of head.jobs) {
    const before = base.jobs.find((j) => j.id === job.id)?.permissions;
    if (job.permissions || !before) continue;
    let removedHere = false;
    for (let line = job.site.line; line <= job.site.endLine + 1; line += 1)
      removedHere ||= removedAt.has(line);
    if (!removedHere) continue;
    for (const grant of writeGrants(head.permissions)) {
      if (grantsWrite(before, grant.scope)) continue;
      const text = head.lines[job.site.line - 1] ?? '';
      findings.push({
        message: `Workflow ${path} lets job \`${job.id}\` inherit \`${grant.text}\` from the workflow level: the pull request removed the job's own \`permissions\`; ${ADVICE}`,
        path,
        content: `${text} inherits ${grant.text}`,
        line: job.site.line,
        snippet: text.trim(),
      });
    }
  }
  return findings;
}

/** Each site narrowed to its first line that shows the PR head, when one line does. */
function headSites(document: WorkflowDocument, located: Located<string>): Site[] {
  return located.sites.map((site) => {
    for (let line = site.line; line <= site.endLine; line += 1) {
      if (PR_HEAD.test(document.lines[line - 1] ?? '')) return { line, endLine: line };
    }
    return site;
  });
}

/** `pull_request_target` runs with secrets; checking out the PR head runs the PR's code with them. */
function headCheckoutFindings(path: string, facts: DocumentFacts): Finding[] {
  const { head, touched } = facts;
  const triggers = head.triggers.filter((t) => t.value === 'pull_request_target');
  if (triggers.length === 0) return [];
  const findings = new Map<number, Finding>();
  for (const step of allSteps(head)) {
    const checkouts = [step.with.get('ref'), step.with.get('repository'), step.run].filter(
      (value): value is Located<string> => value !== undefined && PR_HEAD.test(value.value),
    );
    for (const checkout of checkouts) {
      const sites = [...headSites(head, checkout), ...triggers.flatMap((t) => t.sites)];
      const line = touchedLine(sites, touched);
      if (line === undefined || findings.has(line)) continue;
      findings.set(line, {
        message: `Workflow ${path} ${HEAD_CHECKOUT}`,
        path,
        content: head.lines[line - 1] ?? '',
        line,
        snippet: (head.lines[line - 1] ?? '').trim(),
      });
    }
  }
  return [...findings.values()];
}

/** Without the file's YAML: added lines that look like a write grant. */
function patchGrantFindings(file: FileFacts): Finding[] {
  const findings: Finding[] = [];
  for (const line of file.patch?.addedLines() ?? []) {
    const scope = SCOPE_WRITE.exec(line.text)?.[1];
    let grant: string | undefined;
    if (WRITE_ALL.test(line.text)) grant = 'permissions: write-all';
    else if (scope && SCOPES.has(scope)) grant = `${scope}: write`;
    if (grant) {
      findings.push({
        message: `Workflow ${file.path} grants \`${grant}\`; ${ADVICE}`,
        path: file.path,
        content: line.text,
        line: line.line,
        snippet: line.text.trim(),
      });
    }
  }
  return findings;
}

/** Without the file's YAML: the trigger and a head reference among the patch's lines, one added. */
function patchHeadCheckoutFindings(file: FileFacts): Finding[] {
  const lines = (file.patch?.lines() ?? []).filter(
    (l) => l.kind === 'added' || l.kind === 'context',
  );
  const trigger = lines.find((l) => PULL_REQUEST_TARGET.test(l.text));
  const checkout = lines.find((l) => PR_HEAD.test(l.text));
  if (!trigger || !checkout || (trigger.kind !== 'added' && checkout.kind !== 'added')) return [];
  return [
    {
      message: `Workflow ${file.path} ${HEAD_CHECKOUT}`,
      path: file.path,
      content: checkout.text,
      line: checkout.line,
      snippet: checkout.text.trim(),
    },
  ];
}

export const md002WorkflowPermissionEscalation: Rule = {
  id: 'MD-002',
  version: '2.0.0',
  severity: 'high',
  rationale:
    'Write permissions and pull_request_target hand the workflow token (and secrets) to whatever ' +
    'the job runs; an escalation must be a reviewed decision, not a side effect of a PR.',
  evaluate(facts) {
    return facts.files
      .filter((file) => isWorkflowFile(file.path))
      .flatMap((file) =>
        file.document
          ? [
              ...grantFindings(file.path, file.document),
              ...inheritedFindings(file.path, file.document),
              ...headCheckoutFindings(file.path, file.document),
            ]
          : [...patchGrantFindings(file), ...patchHeadCheckoutFindings(file)],
      );
  },
};
