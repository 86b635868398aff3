import type { FileFacts } from '../facts/pull-request-facts.js';
import type { Finding, Rule } from './rule.js';
import { isWorkflowFile } from './workflow-files.js';

/** The GITHUB_TOKEN permission scopes; any of them set to `write` is beyond `contents: read`. */
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
const PR_HEAD_REF = /github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref/;

function permissionFindings(file: FileFacts): Finding[] {
  const findings: Finding[] = [];
  for (const line of file.patch?.addedLines() ?? []) {
    const scope = SCOPE_WRITE.exec(line.text)?.[1];
    let message: string | undefined;
    if (WRITE_ALL.test(line.text)) message = 'grants `permissions: write-all`';
    else if (scope && SCOPES.has(scope)) message = `grants \`${scope}: write\``;
    if (message) {
      findings.push({
        message: `Workflow ${file.path} ${message}; grant only what the job needs, starting from \`contents: read\`.`,
        path: file.path,
        content: line.text,
        line: line.line,
        snippet: line.text.trim(),
      });
    }
  }
  return findings;
}

/** `pull_request_target` runs with secrets; checking out the PR head runs the PR's code with them. */
function headCheckoutFindings(file: FileFacts): Finding[] {
  const lines = (file.patch?.lines() ?? []).filter(
    (l) => l.kind === 'added' || l.kind === 'context',
  );
  const trigger = lines.find((l) => PULL_REQUEST_TARGET.test(l.text));
  const checkout = lines.find((l) => PR_HEAD_REF.test(l.text));
  if (!trigger || !checkout || (trigger.kind !== 'added' && checkout.kind !== 'added')) return [];
  return [
    {
      message: `Workflow ${file.path} checks out the pull request head under \`pull_request_target\`, running untrusted code with write access and secrets.`,
      path: file.path,
      content: checkout.text,
      line: checkout.line,
      snippet: checkout.text.trim(),
    },
  ];
}

export const md002WorkflowPermissionEscalation: Rule = {
  id: 'MD-002',
  version: '1.0.0',
  severity: 'high',
  rationale:
    'Write permissions and pull_request_target hand the workflow token (and secrets) to whatever ' +
    'the job runs; an escalation must be a reviewed decision, not a side effect of a PR.',
  evaluate(facts) {
    return facts.files
      .filter((file) => isWorkflowFile(file.path))
      .flatMap((file) => [...permissionFindings(file), ...headCheckoutFindings(file)]);
  },
};
