// The security checklist of infra/README.md, each rule named after the checkov check it mirrors
// so the same finding reads the same here and in checkov. Resources are checked as evaluated for
// each environment (a value only apply knows, such as a key's ARN, counts as set); a finding
// names the block's file:line. A resource may opt out of a rule with checkov's own comment
// inside its block: #checkov:skip=CKV_AWS_119:<reason>.
import {
  describeResource,
  isUnknown,
  nestedBlocks,
  type ResourceInstance,
  skippedChecks,
} from '../lib/configuration.js';
import { grantedOnlyOnEveryResource } from '../../../actions/terraform-plan-check/src/policies/actions-without-resource-types.js';
import { type PolicyDocument, type Statement, asList } from '../lib/policies.js';

/** The resources of a type that do not skip the check. */
function resourcesChecked(
  resources: readonly ResourceInstance[],
  type: string,
  checkId: string,
): ResourceInstance[] {
  return resources.filter(
    (resource) => resource.type === type && !skippedChecks(resource).has(checkId),
  );
}

/** Findings of every evaluation (each environment), each once. */
function once(findings: string[]): string[] {
  return [...new Set(findings)];
}

/** A value set in the configuration: a non-empty string, or one only apply knows (a key's ARN). */
function isSet(value: unknown): boolean {
  return isUnknown(value) || (typeof value === 'string' && value.trim() !== '');
}

/** A key reference that names a customer-managed key: not an AWS managed alias/aws/… key. */
function isCustomerKey(value: unknown): boolean {
  return isSet(value) && !String(value).includes('alias/aws/');
}

/** CKV_AWS_28: point-in-time recovery on every DynamoDB table. */
export function checkPointInTimeRecovery(resources: readonly ResourceInstance[]): string[] {
  return once(
    resourcesChecked(resources, 'aws_dynamodb_table', 'CKV_AWS_28').flatMap((table) =>
      nestedBlocks(table.argument('point_in_time_recovery')).some((pitr) => pitr.enabled === true)
        ? []
        : [
            `${describeResource(table)}: CKV_AWS_28 point_in_time_recovery { enabled = true } is missing`,
          ],
    ),
  );
}

/** CKV_AWS_119: every DynamoDB table encrypted with a customer-managed KMS key. */
export function checkTableEncryption(resources: readonly ResourceInstance[]): string[] {
  return once(
    resourcesChecked(resources, 'aws_dynamodb_table', 'CKV_AWS_119').flatMap((table) => {
      const sse = nestedBlocks(table.argument('server_side_encryption'))[0];
      if (sse?.enabled === true && isCustomerKey(sse.kms_key_arn)) return [];
      return [
        `${describeResource(table)}: CKV_AWS_119 server_side_encryption needs enabled = true and kms_key_arn of a customer-managed key`,
      ];
    }),
  );
}

/** CKV_AWS_337: every SSM parameter a SecureString under a customer-managed KMS key. */
export function checkSecureStrings(resources: readonly ResourceInstance[]): string[] {
  return once(
    resourcesChecked(resources, 'aws_ssm_parameter', 'CKV_AWS_337').flatMap((parameter) => {
      const findings: string[] = [];
      const where = describeResource(parameter);
      const type = parameter.argument('type');
      if (type !== 'SecureString') {
        findings.push(`${where}: CKV_AWS_337 type is ${String(type)}, expected SecureString`);
      }
      if (!isCustomerKey(parameter.argument('key_id'))) {
        findings.push(
          `${where}: CKV_AWS_337 key_id must name the customer-managed key, not the AWS managed alias/aws/ssm`,
        );
      }
      if (parameter.has('value') || parameter.has('insecure_value')) {
        findings.push(
          `${where}: value would be stored in the state; use value_wo and set the secret out of band`,
        );
      }
      return findings;
    }),
  );
}

export const LOG_RETENTION_DAYS = 30;

/** CKV_AWS_66 and CKV_AWS_158: every log group kept 30 days and encrypted with KMS. */
export function checkLogGroups(resources: readonly ResourceInstance[]): string[] {
  return once(
    resources
      .filter((resource) => resource.type === 'aws_cloudwatch_log_group')
      .flatMap((group) => {
        const skipped = skippedChecks(group);
        const findings: string[] = [];
        const retention = group.argument('retention_in_days');
        if (!skipped.has('CKV_AWS_66') && retention !== LOG_RETENTION_DAYS) {
          findings.push(
            `${describeResource(group)}: CKV_AWS_66 retention_in_days is ${String(retention)}, expected ${LOG_RETENTION_DAYS}`,
          );
        }
        if (!skipped.has('CKV_AWS_158') && !isSet(group.argument('kms_key_id'))) {
          findings.push(`${describeResource(group)}: CKV_AWS_158 kms_key_id is missing`);
        }
        return findings;
      }),
  );
}

/** CKV_AWS_7: rotation on for every customer-managed key. */
export function checkKeyRotation(resources: readonly ResourceInstance[]): string[] {
  return once(
    resourcesChecked(resources, 'aws_kms_key', 'CKV_AWS_7').flatMap((key) =>
      key.argument('enable_key_rotation') === true
        ? []
        : [`${describeResource(key)}: CKV_AWS_7 enable_key_rotation must be true`],
    ),
  );
}

const GITHUB_CLAIM = 'token.actions.githubusercontent.com:';

/** repo:owner/repo (or owner@ID/repo@ID) with one exact context; no pattern can match this. */
export const EXACT_GITHUB_SUBJECT =
  /^repo:[A-Za-z0-9](?:-?[A-Za-z0-9])*(?:@\d+)?\/[A-Za-z0-9._-]+(?:@\d+)?:(?:environment:[A-Za-z0-9._-]+|pull_request|ref:refs\/(?:heads|tags)\/[A-Za-z0-9._/-]+)$/;

function assumesWithWebIdentity(statement: Statement): boolean {
  return asList(statement.Action).includes('sts:AssumeRoleWithWebIdentity');
}

/** CKV_AWS_358: GitHub OIDC trust pins the audience and an exact subject, with StringEquals. */
export function checkGithubTrust(documents: PolicyDocument[]): string[] {
  const findings: string[] = [];
  for (const document of documents) {
    for (const statement of document.statements.filter(assumesWithWebIdentity)) {
      const where = `${document.where} ${statement.Sid ?? '(no Sid)'}`;
      const federated = (statement.Principal as { Federated?: unknown } | undefined)?.Federated;
      if (federated === undefined)
        findings.push(`${where}: CKV_AWS_358 Principal.Federated (the OIDC provider) is missing`);
      const conditions = statement.Condition ?? {};
      for (const [operator, keys] of Object.entries(conditions)) {
        const githubKeys = Object.keys(keys).filter((key) => key.startsWith(GITHUB_CLAIM));
        if (operator !== 'StringEquals' && githubKeys.length > 0) {
          findings.push(
            `${where}: CKV_AWS_358 ${operator} on ${githubKeys.join(', ')}; use StringEquals with exact values`,
          );
        }
      }
      const equals = conditions.StringEquals ?? {};
      const audiences = asList(equals[`${GITHUB_CLAIM}aud`]);
      if (audiences.length !== 1 || audiences[0] !== 'sts.amazonaws.com') {
        findings.push(
          `${where}: CKV_AWS_358 StringEquals ${GITHUB_CLAIM}aud must be exactly "sts.amazonaws.com"`,
        );
      }
      const subjects = asList(equals[`${GITHUB_CLAIM}sub`]);
      if (subjects.length === 0)
        findings.push(`${where}: CKV_AWS_358 StringEquals ${GITHUB_CLAIM}sub is missing`);
      for (const subject of subjects) {
        if (isUnknown(subject)) {
          findings.push(
            `${where}: CKV_AWS_358 the sub condition ${String(subject)} does not evaluate before apply`,
          );
        } else if (typeof subject !== 'string' || !EXACT_GITHUB_SUBJECT.test(subject)) {
          findings.push(
            `${where}: CKV_AWS_358 sub "${String(subject)}" is not one exact repo:<org>/<repo>:<context> subject`,
          );
        }
      }
    }
  }
  return findings;
}

function allowStatements(document: PolicyDocument): Statement[] {
  return document.statements.filter((statement) => statement.Effect === 'Allow');
}

/** CKV_AWS_63 (and CKV_AWS_62, CKV_AWS_289): no Allow with a wildcard action or NotAction. */
export function checkNoWildcardActions(documents: PolicyDocument[]): string[] {
  const findings: string[] = [];
  for (const document of documents) {
    for (const statement of allowStatements(document)) {
      const where = `${document.where} ${statement.Sid ?? '(no Sid)'}`;
      if (statement.NotAction !== undefined)
        findings.push(`${where}: CKV_AWS_63 NotAction allows everything else; list the actions`);
      for (const action of asList(statement.Action)) {
        if (typeof action !== 'string') {
          findings.push(
            `${where}: an action does not evaluate before apply (${String(action)}); list actions literally`,
          );
        } else if (action.includes('*')) {
          findings.push(
            `${where}: CKV_AWS_63 action "${action}" is a wildcard; list the actions needed`,
          );
        }
      }
    }
  }
  return findings;
}

const IDENTITY_POLICY_TYPES = new Set(['aws_iam_role_policy', 'aws_iam_policy']);

/** CKV_AWS_355: Resource "*" only for actions AWS cannot scope to a resource. */
export function checkUnscopedResources(documents: PolicyDocument[]): string[] {
  const findings: string[] = [];
  for (const document of documents.filter((doc) => IDENTITY_POLICY_TYPES.has(doc.resourceType))) {
    for (const statement of allowStatements(document)) {
      if (!asList(statement.Resource).includes('*')) continue;
      const scopable = asList(statement.Action).filter(
        (action) => typeof action !== 'string' || !grantedOnlyOnEveryResource(action),
      );
      if (scopable.length > 0) {
        findings.push(
          `${document.where} ${statement.Sid ?? '(no Sid)'}: CKV_AWS_355 Resource "*" for ${scopable.map(String).join(', ')}, which can be scoped to ARNs`,
        );
      }
    }
  }
  return findings;
}

/** What a secret looks like in text, after checkov's secrets framework (CKV_SECRET_*). */
export const SECRET_PATTERNS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'AWS secret access key', pattern: /aws_secret_access_key\s*[=:]\s*"?[A-Za-z0-9/+]{40}/i },
  {
    name: 'GitHub token',
    pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{40,}/,
  },
  { name: 'private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { name: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { name: '64-hex value (a nonce or key)', pattern: /\b[0-9a-fA-F]{64}\b/ },
  {
    name: 'secret-named argument with a literal value',
    pattern:
      /^\s*"?[\w-]*(?:password|secret|token|nonce|private_key|api_key|access_key)"?\s*=\s*"(?!\$\{)[^"]+"/im,
  },
];

/** CKV_SECRET_*: no secret-looking literal in any file. */
export function checkSecretLiterals(
  files: ReadonlyArray<{ path: string; text: string }>,
): string[] {
  const findings: string[] = [];
  for (const file of files) {
    const lines = file.text.split('\n');
    lines.forEach((line, index) => {
      for (const { name, pattern } of SECRET_PATTERNS) {
        if (pattern.test(line))
          findings.push(`${file.path}:${index + 1}: CKV_SECRET looks like a ${name}`);
      }
    });
  }
  return findings;
}
