import { valueAt } from '../plan/values.js';
import { verdictOverDocuments, type Statement } from './iam-document.js';
import { pass, type Policy } from './policy.js';

const ISSUER = 'token.actions.githubusercontent.com';
const PASSED = pass('audience and repository are pinned');

function trustsGitHub(statement: Statement): boolean {
  const principal = statement.principal as { Federated?: unknown } | undefined;
  const federated = principal?.Federated;
  const list =
    typeof federated === 'string' ? [federated] : Array.isArray(federated) ? federated : [];
  return list.some((item) => typeof item === 'string' && item.endsWith(ISSUER));
}

function conditionValues(statement: Statement, key: string): string[] {
  const values: string[] = [];
  for (const keys of Object.values(statement.condition)) {
    for (const [name, list] of Object.entries(keys)) {
      if (name.toLowerCase() === `${ISSUER}:${key}`) values.push(...list);
    }
  }
  return values;
}

/** `repo:owner/name:...` and `repo:owner@id/name@id:...`; a wildcard in owner or name is too wide. */
function wildcardRepository(sub: string): boolean {
  const match = /^repo:([^:]*)(?::|$)/.exec(sub);
  if (!match) return /[*?]/.test(sub);
  return /[*?]/.test(match[1] as string) || !(match[1] as string).includes('/');
}

export const oidcTrust: Policy = {
  id: 'oidc-trust',
  checkov: 'CKV_AWS_358',
  title: 'GitHub OIDC trust policies pin the audience and an exact repository in sub',
  resourceTypes: ['aws_iam_role'],
  evaluate(after) {
    const document = valueAt(after, 'assume_role_policy');
    const githubStatements = (check: (s: Statement) => string | null) => (s: Statement) =>
      s.effect === 'Allow' && trustsGitHub(s) ? check(s) : null;
    const verdict = verdictOverDocuments(
      [{ attribute: 'assume_role_policy', value: document }],
      githubStatements((statement) => {
        const problems: string[] = [];
        if (conditionValues(statement, 'aud').length === 0)
          problems.push(`no ${ISSUER}:aud condition`);
        const subs = conditionValues(statement, 'sub');
        if (subs.length === 0) problems.push(`no ${ISSUER}:sub condition`);
        const wide = subs.filter(wildcardRepository);
        if (wide.length > 0) problems.push(`sub allows any repository: ${wide.join(', ')}`);
        return problems.length > 0 ? problems.join(', ') : null;
      }),
      PASSED,
    );
    if (verdict?.status === 'pass' && typeof document === 'string' && !document.includes(ISSUER)) {
      return null;
    }
    return verdict;
  },
};
