// The IAM, KMS, SNS and S3 policy documents of a configuration, as evaluated before apply: a
// document whose parts only apply knows (an ARN) is still read, with those parts Unknown.
import { describeResource, isUnknown, type ModuleInstance, type Value } from './configuration.js';

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

/** A JSON document as written: decoded text, or what jsonencode() encodes when only apply knows parts of it. */
export function documentOf(value: Value | undefined): unknown {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (isUnknown(value)) return value.encodes;
  return undefined;
}

/** Every policy document in the configuration; a document that cannot be read is a finding. */
export function policyDocuments(root: ModuleInstance): {
  documents: PolicyDocument[];
  problems: string[];
} {
  const documents: PolicyDocument[] = [];
  const problems: string[] = [];
  for (const resource of root.resources()) {
    const argument = POLICY_ARGUMENTS[resource.type];
    if (!argument || !resource.has(argument)) continue;
    const where = `${describeResource(resource)} ${argument}`;
    const document = documentOf(resource.argument(argument));
    if (document === null || typeof document !== 'object') {
      problems.push(`${where}: write the document as jsonencode({...}) so it can be checked`);
      continue;
    }
    const statements = asList((document as { Statement?: unknown }).Statement);
    if (
      statements.some(
        (statement) => isUnknown(statement) || statement === null || typeof statement !== 'object',
      )
    ) {
      problems.push(`${where}: every statement must be an object literal the checks can read`);
      continue;
    }
    documents.push({ where, resourceType: resource.type, statements: statements as Statement[] });
  }
  return { documents, problems };
}
