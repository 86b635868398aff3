// Which resources the destroy guard protects: resource types (`aws_kms_key`) or address globs
// (`module.data.aws_dynamodb_table.*`, `*.aws_ssm_parameter.nonce`), where `*` matches any run
// of characters, dots and brackets included.
import type { ResourceChange } from './plan/change.js';

export const DEFAULT_PROTECTED_RESOURCES = [
  'aws_dynamodb_table',
  'aws_ssm_parameter',
  'aws_kms_key',
];

export type ProtectedMatcher = (change: Pick<ResourceChange, 'address' | 'type'>) => boolean;

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export function protectedMatcher(patterns: string[]): ProtectedMatcher {
  const types = new Set(patterns.filter((p) => /^[a-z0-9_]+$/.test(p)));
  const globs = patterns.filter((p) => !types.has(p)).map(globToRegExp);
  return (change) => types.has(change.type) || globs.some((glob) => glob.test(change.address));
}
