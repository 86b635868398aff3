// One `resource_changes` (or `resource_drift`) entry, normalised across plan format versions 0.1
// to 1.2. Fields are read when present, never assumed from `format_version`.
import { redact, type PlanValue } from './values.js';

export type ChangeAction =
  'create' | 'update' | 'delete' | 'replace' | 'read' | 'no-op' | 'forget' | 'unrecognised';

export interface ResourceChange {
  address: string;
  /** Set when the resource was moved (`moved` block or `terraform state mv` in config). */
  previousAddress?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  action: ChangeAction;
  /** The raw action list, e.g. ["create","delete"] for a create-before-destroy replace. */
  actions: string[];
  /** Why Terraform chose this action (`replace_because_tainted`, ...), when it says. */
  actionReason?: string;
  /** Import ID (or a note that the import uses an identity) when the plan imports the resource. */
  importId?: string;
  /** Deposed object key, for changes to a deposed object. */
  deposed?: string;
  before: PlanValue;
  after: PlanValue;
}

export class PlanFormatError extends Error {
  override readonly name = 'PlanFormatError';
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PlanFormatError(
      `${what} must be a JSON object, got ${JSON.stringify(value)?.slice(0, 80)}`,
    );
  }
  return value as Record<string, unknown>;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function classifyActions(actions: string[]): ChangeAction {
  const key = actions.join(',');
  switch (key) {
    case 'create':
    case 'update':
    case 'delete':
    case 'read':
    case 'no-op':
    case 'forget':
      return key;
    case 'delete,create':
    case 'create,delete':
      return 'replace';
    default:
      return 'unrecognised';
  }
}

function indexSuffix(index: unknown): string {
  if (index === undefined || index === null) return '';
  return typeof index === 'number' ? `[${index}]` : `[${JSON.stringify(index)}]`;
}

/** Terraform 0.15.4 to 1.0 wrote drift entries without `address`; rebuild it from its parts. */
function addressOf(
  entry: Record<string, unknown>,
  mode: string,
  type: string,
  name: string,
): string {
  const given = text(entry.address);
  if (given) return given;
  const module = text(entry.module_address);
  const local = `${mode === 'data' ? 'data.' : ''}${type}.${name}${indexSuffix(entry.index)}`;
  return module ? `${module}.${local}` : local;
}

export function normaliseChange(raw: unknown, where: string): ResourceChange {
  const entry = record(raw, where);
  const change = record(entry.change, `${where}.change`);
  const actions = change.actions;
  if (!Array.isArray(actions) || actions.some((a) => typeof a !== 'string')) {
    throw new PlanFormatError(`${where}.change.actions must be a list of action names`);
  }
  const mode = entry.mode === 'data' ? 'data' : 'managed';
  const type = text(entry.type) ?? '';
  const name = text(entry.name) ?? '';
  const result: ResourceChange = {
    address: addressOf(entry, mode, type, name),
    mode,
    type,
    name,
    action: classifyActions(actions as string[]),
    actions: actions as string[],
    before: redact(change.before ?? null, change.before_sensitive),
    after: redact(change.after ?? null, change.after_sensitive, change.after_unknown),
  };
  const previous = text(entry.previous_address);
  if (previous && previous !== result.address) result.previousAddress = previous;
  const reason = text(entry.action_reason);
  if (reason) result.actionReason = reason;
  const deposed = text(entry.deposed);
  if (deposed) result.deposed = deposed;
  const importing = change.importing;
  if (typeof importing === 'object' && importing !== null) {
    const id = text((importing as Record<string, unknown>).id);
    result.importId = id ?? '(by identity)';
  }
  return result;
}
