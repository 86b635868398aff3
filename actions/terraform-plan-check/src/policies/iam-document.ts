// IAM policy documents as Terraform plans them: JSON strings inside resource attributes.
import { isMarker, valueAt, type PlanValue } from '../plan/values.js';
import { fail, unknown, type PolicyVerdict } from './policy.js';

export interface Statement {
  effect: string;
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
  principal: unknown;
  /** operator → condition key → values */
  condition: Record<string, Record<string, string[]>>;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

function conditions(value: unknown): Statement['condition'] {
  const result: Statement['condition'] = {};
  if (typeof value !== 'object' || value === null) return result;
  for (const [operator, keys] of Object.entries(value)) {
    if (typeof keys !== 'object' || keys === null) continue;
    result[operator] = {};
    for (const [key, values] of Object.entries(keys)) result[operator][key] = strings(values);
  }
  return result;
}

/** Two policies read each IAM document in turn: the last one parsed is kept for the second. */
let lastParsed: { text: string; result: Statement[] | { error: string } } | undefined;

/** The statements of a document, or a reason it cannot be read. */
export function parseDocument(text: string): Statement[] | { error: string } {
  if (lastParsed?.text !== text) lastParsed = { text, result: readDocument(text) };
  return lastParsed.result;
}

function readDocument(text: string): Statement[] | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: 'is not valid JSON' };
  }
  const raw = (parsed as { Statement?: unknown } | null)?.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((item: Record<string, unknown>) => ({
    effect: typeof item.Effect === 'string' ? item.Effect : 'Allow',
    actions: strings(item.Action),
    notActions: strings(item.NotAction),
    resources: strings(item.Resource),
    notResources: strings(item.NotResource),
    principal: item.Principal,
    condition: conditions(item.Condition),
  }));
}

/** Resource types that carry permission documents (`policy` or `inline_policy`). */
export const IAM_POLICY_TYPES = [
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_role',
] as const;

export interface NamedDocument {
  /** Where the document sits, e.g. `policy` or `inline_policy[1].policy`. */
  attribute: string;
  value: PlanValue | undefined;
}

/** Both IAM policies read the same resource's documents in turn: the last list is kept. */
let lastDocuments: { after: PlanValue; documents: NamedDocument[] } | undefined;

/** The permission documents a resource carries (trust policies are read separately). */
export function permissionDocuments(after: PlanValue): NamedDocument[] {
  if (lastDocuments?.after !== after) lastDocuments = { after, documents: readDocuments(after) };
  return lastDocuments.documents;
}

function readDocuments(after: PlanValue): NamedDocument[] {
  const documents: NamedDocument[] = [];
  const policy = valueAt(after, 'policy');
  if (policy !== undefined && policy !== null)
    documents.push({ attribute: 'policy', value: policy });
  const inline = valueAt(after, 'inline_policy');
  if (Array.isArray(inline)) {
    inline.forEach((_, index) => {
      const value = valueAt(inline, index, 'policy');
      if (value !== null && value !== '') {
        documents.push({ attribute: `inline_policy[${index}].policy`, value });
      }
    });
  }
  return documents;
}

/**
 * Applies `check` to each statement of each document: any failure fails, then any unreadable
 * document makes the verdict unknown; no documents means the policy does not apply.
 */
export function verdictOverDocuments(
  documents: NamedDocument[],
  check: (statement: Statement) => string | null,
  passed: PolicyVerdict,
): PolicyVerdict | null {
  if (documents.length === 0) return null;
  let problems: string[] | undefined;
  let unreadable: string[] | undefined;
  for (const { attribute, value } of documents) {
    if (value === undefined || isMarker(value)) {
      (unreadable ??= []).push(`${attribute} is ${value === undefined ? 'missing' : value.marker}`);
      continue;
    }
    if (typeof value !== 'string') continue;
    const statements = parseDocument(value);
    if ('error' in statements) {
      (problems ??= []).push(`${attribute} ${statements.error}`);
      continue;
    }
    for (let index = 0; index < statements.length; index++) {
      const problem = check(statements[index] as Statement);
      if (problem) (problems ??= []).push(`${attribute} statement ${index + 1}: ${problem}`);
    }
  }
  if (problems) return fail(problems.join('; '));
  if (unreadable) return unknown(unreadable.join('; '));
  return passed;
}
