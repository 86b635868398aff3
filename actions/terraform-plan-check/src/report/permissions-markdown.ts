// The permission pre-check in the summary and the comment: what was simulated, and for each
// resource whose calls the role may not make, the statement to add.
import { codeBlock, details, inlineCode, table } from '../../../lib/src/markdown.js';
import { deniedByResource, statementToAdd } from '../permissions/simulate.js';
import type { Report } from './model.js';

export function permissionsSection(report: Pick<Report, 'permissions'>): string {
  const check = report.permissions;
  if (!check) return '';
  const role = inlineCode(check.roleArn);
  const parts: string[] = [];
  if (check.error) {
    parts.push(`#### ❌ IAM permissions of ${role}: not checked`, inlineCode(check.error));
  } else if (check.denied.length === 0) {
    parts.push(
      `#### ✅ IAM permissions of ${role}`,
      `Every call the apply makes is allowed (${check.simulated} action(s) simulated with iam:SimulatePrincipalPolicy).`,
    );
  } else {
    parts.push(
      `#### ❌ IAM permissions of ${role}: ${check.denied.length} call(s) denied`,
      table(
        ['action', 'resource', 'decision', 'needed by'],
        check.denied.map((d) => [
          inlineCode(d.action),
          inlineCode(d.resource),
          d.decision,
          d.changes.map(inlineCode).join(', '),
        ]),
      ),
      'Statements to add to the role:',
      codeBlock(JSON.stringify(deniedByResource(check).map(statementToAdd), null, 2), 'json'),
    );
  }
  if (check.uncoveredTypes.length > 0) {
    parts.push(
      `⚠️ Not checked: resource types the action's table does not cover: ${check.uncoveredTypes.map(inlineCode).join(', ')}.`,
    );
  }
  if (check.notSimulated.length > 0) {
    parts.push(
      details(
        `Not simulated: ${check.notSimulated.length} call group(s) on resources whose ARN is known only after apply`,
        check.notSimulated
          .map((n) => `- ${inlineCode(n.change)}: ${n.actions.join(', ')}`)
          .join('\n'),
      ),
    );
  }
  return parts.join('\n\n');
}
