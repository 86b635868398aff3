// Evaluates an IAM role trust policy for sts:AssumeRoleWithWebIdentity the way IAM does for the
// conditions GitHub OIDC trust policies use, and explains which statement or condition failed.

export interface WebIdentityRequest {
  /** ARN of the OIDC provider that issued the token. */
  providerArn: string;
  /** Condition keys and their values, e.g. token.actions.githubusercontent.com:sub. */
  context: Record<string, string | string[]>;
}

export interface TrustDecision {
  allowed: boolean;
  /** Why, in IAM's terms: the statement and condition that decided. */
  reason: string;
}

interface Statement {
  Sid?: string;
  Effect?: string;
  Principal?: { Federated?: string | string[] } | string;
  Action?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

type Comparator = (expected: string, actual: string) => boolean;

const OPERATORS: Record<string, { compare: Comparator; negated: boolean }> = {
  StringEquals: { compare: (e, a) => e === a, negated: false },
  StringNotEquals: { compare: (e, a) => e === a, negated: true },
  StringEqualsIgnoreCase: {
    compare: (e, a) => e.toLowerCase() === a.toLowerCase(),
    negated: false,
  },
  StringNotEqualsIgnoreCase: {
    compare: (e, a) => e.toLowerCase() === a.toLowerCase(),
    negated: true,
  },
  StringLike: { compare: (e, a) => wildcardMatch(e, a), negated: false },
  StringNotLike: { compare: (e, a) => wildcardMatch(e, a), negated: true },
};

function conditionHolds(
  rawOperator: string,
  key: string,
  expectedValues: string[],
  context: WebIdentityRequest['context'],
): boolean {
  let operator = rawOperator;
  let setQualifier: 'ForAnyValue' | 'ForAllValues' | undefined;
  const qualified = /^(ForAnyValue|ForAllValues):(.+)$/.exec(operator);
  if (qualified) {
    setQualifier = qualified[1] as 'ForAnyValue' | 'ForAllValues';
    operator = qualified[2] as string;
  }
  const ifExists = operator.endsWith('IfExists');
  if (ifExists) operator = operator.slice(0, -'IfExists'.length);
  const definition = OPERATORS[operator];
  if (!definition) {
    throw new Error(`Condition operator '${rawOperator}' is not supported by the local STS`);
  }
  const present = key in context;
  if (!present) return ifExists || setQualifier === 'ForAllValues' || definition.negated;
  const actualValues = asArray(context[key]);
  const matchesAny = (actual: string) =>
    expectedValues.some((expected) => definition.compare(expected, actual));
  const single = (actual: string) =>
    definition.negated ? !matchesAny(actual) : matchesAny(actual);
  if (setQualifier === 'ForAllValues') return actualValues.every(single);
  return actualValues.some(single);
}

function actionMatches(patterns: string[], action: string): boolean {
  return patterns.some((pattern) => wildcardMatch(pattern, action, true));
}

function federatedPrincipals(statement: Statement): string[] {
  if (typeof statement.Principal === 'string') return [statement.Principal];
  return asArray(statement.Principal?.Federated);
}

/** Explicit deny wins, then any allow whose principal, action and every condition match. */
export function evaluateTrustPolicy(policy: unknown, request: WebIdentityRequest): TrustDecision {
  const statements = asArray((policy as { Statement?: Statement | Statement[] }).Statement);
  const action = 'sts:AssumeRoleWithWebIdentity';
  const failures: string[] = [];
  let allowedBy: string | undefined;
  for (const [index, statement] of statements.entries()) {
    const name = statement.Sid ?? `Statement[${index}]`;
    const principals = federatedPrincipals(statement);
    if (!principals.some((p) => p === '*' || p === request.providerArn)) {
      failures.push(`${name}: principal is not ${request.providerArn}`);
      continue;
    }
    if (!actionMatches(asArray(statement.Action), action)) {
      failures.push(`${name}: action ${action} not listed`);
      continue;
    }
    const failed = Object.entries(statement.Condition ?? {}).flatMap(([operator, keys]) =>
      Object.entries(keys)
        .filter(([key, values]) => !conditionHolds(operator, key, asArray(values), request.context))
        .map(([key, values]) => `${operator} ${key} ${JSON.stringify(values)}`),
    );
    if (statement.Effect === 'Deny' && failed.length === 0) {
      return { allowed: false, reason: `${name} explicitly denies` };
    }
    if (statement.Effect === 'Allow') {
      if (failed.length === 0) allowedBy ??= name;
      else failures.push(`${name}: condition not met: ${failed.join('; ')}`);
    }
  }
  if (allowedBy) return { allowed: true, reason: `allowed by ${allowedBy}` };
  return { allowed: false, reason: failures.join(' | ') || 'no statement allows it' };
}
