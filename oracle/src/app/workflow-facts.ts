// What MD-002 and MD-003 need beyond the patch, added to the facts: the changed workflow and
// action files as YAML documents and, with VERIFY_ACTION_SHAS, the pinned action commits found
// foreign. Answers the files it could not read in full.
import type { DegradedFile } from '../contract.js';
import type { PullRequestFacts } from '../facts/pull-request-facts.js';
import { verifyActionCommits } from './action-commits.js';
import type { OracleDependencies, RequestScope } from './dependencies.js';
import { readWorkflowDocuments } from './workflow-documents.js';

export async function addWorkflowFacts(
  facts: PullRequestFacts,
  deps: OracleDependencies,
  scope: RequestScope,
): Promise<DegradedFile[]> {
  const workflows = await readWorkflowDocuments(facts, deps, scope);
  for (const file of facts.files) {
    const document = workflows.documents.get(file.path);
    if (document) file.document = document;
  }
  if (!deps.config.verifyActionShas) return workflows.degraded;
  const commits = await verifyActionCommits(facts, deps, scope);
  facts.foreignActionCommits = commits.foreign;
  return [...workflows.degraded, ...commits.degraded];
}
