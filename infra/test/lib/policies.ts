// The IAM, KMS, SNS and S3 policy documents of a configuration, evaluated in their module's scope.
import { describeBlock } from './configuration.js';
import { isUnresolved, resolveValue } from './expressions.js';
import type { Scope } from './expressions.js';
import { scopedResources } from './infra.js';

/** Resource arguments that hold a policy document (always written with jsonencode). */
export const POLICY_ARGUMENTS: Record<string, string> = {
  aws_iam_role: 'assume_role_policy',
  aws_iam_role_policy: 'policy',
  aws_iam_policy: 'policy',
  aws_kms_key: 'policy',
  aws_sns_topic_policy: 'policy',
  aws_s3_bucket_policy: 'policy',
};

export interface Statement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export interface PolicyDocument {
  /** Where the document is written, for findings. */
  where: string;
  resourceType: string;
  statements: Statement[];
}

export function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Every policy document in the configuration; a document that does not evaluate is a finding. */
export function policyDocuments(scope: Scope): { documents: PolicyDocument[]; problems: string[] } {
  const documents: PolicyDocument[] = [];
  const problems: string[] = [];
  for (const [resourceType, argument] of Object.entries(POLICY_ARGUMENTS)) {
    for (const { block, scope: inner } of scopedResources(scope, resourceType)) {
      const where = `${describeBlock(block)} ${argument}`;
      const raw = block.body[argument];
      if (raw === undefined) continue;
      const document = resolveValue(inner, raw);
      if (isUnresolved(document) || document === null || typeof document !== 'object') {
        problems.push(`${where}: write the document as jsonencode({...}) so it can be checked`);
        continue;
      }
      const statements = asList((document as { Statement?: unknown }).Statement);
      if (
        statements.some((statement) => isUnresolved(statement) || typeof statement !== 'object')
      ) {
        problems.push(`${where}: every statement must be an object literal the checks can read`);
        continue;
      }
      documents.push({ where, resourceType, statements: statements as Statement[] });
    }
  }
  return { documents, problems };
}
