// Turns a plan file into a PlanAnalysis: counts by action, risky changes, drift, output changes,
// checks, policy results and per-resource diffs. Entries are processed one at a time as the file
// streams past, and only what the report needs is kept.
import {
  normaliseChange,
  PlanFormatError,
  type ChangeAction,
  type ResourceChange,
} from './plan/change.js';
import { diffValues, sideDiff, type AttributeDiff } from './plan/diff.js';
import { FingerprintBuilder, type PlanFingerprint } from './plan/fingerprint.js';
import { changePermissions, type ChangePermissions } from './permissions/required-permissions.js';
import type { AwsScope } from './permissions/terraform-iam-actions.js';
import { readPlanFile, type PlanSink } from './plan/read-plan.js';
import { isMarker, redact, type PlanValue } from './plan/values.js';
import type { Policy, PolicySettings, PolicyStatus } from './policies/policy.js';
import type { ProtectedMatcher } from './protected-resources.js';

export interface ChangeSummary {
  address: string;
  previousAddress?: string;
  type: string;
  action: ChangeAction;
  actions: string[];
  actionReason?: string;
  importId?: string;
  deposed?: string;
  /** A delete or replace of a resource the destroy guard protects. */
  protectedDestroy: boolean;
  /**
   * Changed attributes. A change with one side only (create, read, delete, forget) carries that
   * side as `after` or `before` instead, as `terraform show -json` does: every attribute of it is
   * the diff, listed by diffOf when shown.
   */
  diff?: AttributeDiff[];
  /** The planned values of a change that has no prior object (create, read), redacted. */
  after?: PlanValue;
  /** The values of a change that leaves no object (delete, forget), redacted. */
  before?: PlanValue;
  /** Set when the diff is not kept in memory (the diff budget was spent); the JSON report has it. */
  diffOmitted?: true;
}

export interface OutputChange {
  name: string;
  action: ChangeAction;
  diff: AttributeDiff[];
}

export interface CheckResult {
  address: string;
  status: string;
  problems: string[];
}

export interface PolicyResult {
  policyId: string;
  checkov: string;
  title: string;
  address: string;
  status: PolicyStatus;
  detail: string;
}

export type ActionCounts = Record<ChangeAction, number> & { import: number; move: number };

export interface PlanAnalysis {
  formatVersion?: string;
  terraformVersion?: string;
  counts: ActionCounts;
  /**
   * Resource changes other than no-op, in plan order: every risky one (delete, replace,
   * protected, unrecognised), and the others while the diff budget lasts.
   */
  changes: ChangeSummary[];
  /** Non-risky changes counted but not kept once the diff budget was spent. */
  changesNotKept: number;
  /** Objects changed outside Terraform (resource_drift), unchanged entries left out. */
  drift: ChangeSummary[];
  outputChanges: OutputChange[];
  checks: CheckResult[];
  /** Policy results that need attention: failures and values unknown until apply. */
  policyResults: PolicyResult[];
  /** How many resources passed each policy, by policy id. */
  policyPasses: Record<string, number>;
  errored?: boolean;
  applyable?: boolean;
  complete?: boolean;
  warnings: string[];
  /** What applying the plan would do, as one digest (plan/fingerprint.ts). */
  fingerprint: PlanFingerprint;
  /** The IAM calls each change's apply makes, when AnalysisOptions.permissionScope is given. */
  requiredPermissions?: ChangePermissions[];
}

export interface AnalysisOptions {
  policies: readonly Policy[];
  policySettings: PolicySettings;
  isProtected: ProtectedMatcher;
  /**
   * Characters of diffs kept in memory, counted about as the job summary shows them (markup
   * included); later diffs are dropped. Default 1 Mi: a job summary holds no more.
   */
  diffBudget?: number;
  /** Receives every change and drift entry with its full diff, as it is read (the JSON report). */
  onEntry?: (kind: 'resource-change' | 'drift', entry: ChangeSummary) => void;
  /** The account and region the apply runs in: collect the IAM calls it makes. */
  permissionScope?: AwsScope;
}

export function emptyCounts(): ActionCounts {
  return {
    create: 0,
    update: 0,
    delete: 0,
    replace: 0,
    read: 0,
    'no-op': 0,
    forget: 0,
    unrecognised: 0,
    import: 0,
    move: 0,
  };
}

/** A change's attribute diff, listed from its one side when it has only one (and kept). */
export function diffOf(change: ChangeSummary): AttributeDiff[] {
  if (change.diff === undefined) {
    change.diff =
      change.after !== undefined
        ? sideDiff(change.after, 'after')
        : change.before !== undefined
          ? sideDiff(change.before, 'before')
          : [];
  }
  return change.diff;
}

/** About how many characters a change takes in the job summary: its diff lines and markup. */
function shownSize(change: ChangeSummary, diff: AttributeDiff[]): number {
  let size = change.address.length + 64;
  for (const line of diff)
    size += line.path.length + (line.before?.length ?? 0) + (line.after?.length ?? 0) + 6;
  return size;
}

function readChecks(value: unknown): CheckResult[] {
  if (!Array.isArray(value)) return [];
  return value.map((check: Record<string, unknown>) => {
    const address =
      (check.address as { to_display?: string } | undefined)?.to_display ?? '(unnamed check)';
    const instances = Array.isArray(check.instances) ? check.instances : [];
    const problems = instances.flatMap((instance: Record<string, unknown>) =>
      Array.isArray(instance.problems)
        ? instance.problems.map((problem: { message?: unknown }) => String(problem.message ?? ''))
        : [],
    );
    return {
      address,
      status: typeof check.status === 'string' ? check.status : 'unknown',
      problems,
    };
  });
}

const DESTRUCTIVE: ReadonlySet<ChangeAction> = new Set(['delete', 'replace']);

class AnalysisSink implements PlanSink {
  readonly wholeMembers = new Set([
    'format_version',
    'terraform_version',
    'errored',
    'applyable',
    'complete',
    'checks',
  ]);
  readonly elementMembers = new Set(['resource_changes', 'resource_drift', 'output_changes']);
  readonly fingerprint = new FingerprintBuilder();
  readonly analysis: PlanAnalysis = {
    fingerprint: { value: '', changes: 0 },
    counts: emptyCounts(),
    changes: [],
    changesNotKept: 0,
    drift: [],
    outputChanges: [],
    checks: [],
    policyResults: [],
    policyPasses: {},
    warnings: [],
  };
  private budget: number;
  private readonly policiesByType = new Map<string, readonly Policy[]>();

  constructor(private readonly options: AnalysisOptions) {
    this.budget = options.diffBudget ?? 1024 * 1024;
  }

  member(key: string, value: unknown): void {
    const analysis = this.analysis;
    switch (key) {
      case 'format_version':
      case 'terraform_version':
        if (typeof value !== 'string') throw new PlanFormatError(`${key} must be a string`);
        if (key === 'format_version') analysis.formatVersion = value;
        else analysis.terraformVersion = value;
        break;
      case 'errored':
      case 'applyable':
      case 'complete':
        if (typeof value === 'boolean') analysis[key] = value;
        break;
      case 'checks':
        analysis.checks = readChecks(value);
        break;
    }
  }

  element(key: string, item: number | string, value: unknown): void {
    if (key === 'output_changes') return this.outputChange(String(item), value);
    const change = normaliseChange(value, `${key}[${item}]`);
    if (key === 'resource_changes') this.resourceChange(change);
    else this.driftEntry(change);
  }

  private summarise(change: ResourceChange, protectedDestroy: boolean): ChangeSummary {
    const summary: ChangeSummary = {
      address: change.address,
      type: change.type,
      action: change.action,
      actions: change.actions,
      protectedDestroy,
    };
    // Most lines of a plan's diff belong to creates: listing them waits until they are shown.
    if (change.before === null && change.after !== null) summary.after = change.after;
    else if (change.after === null && change.before !== null) summary.before = change.before;
    else summary.diff = diffValues(change.before, change.after);
    if (change.previousAddress) summary.previousAddress = change.previousAddress;
    if (change.actionReason) summary.actionReason = change.actionReason;
    if (change.importId) summary.importId = change.importId;
    if (change.deposed) summary.deposed = change.deposed;
    return summary;
  }

  /** The summary as kept in memory: with its diff while the budget lasts. */
  private keep(summary: ChangeSummary): ChangeSummary {
    if (this.budget > 0) {
      this.budget -= shownSize(summary, diffOf(summary));
      return summary;
    }
    const { diff: _diff, before: _before, after: _after, ...rest } = summary;
    return { ...rest, diff: [], diffOmitted: true };
  }

  private resourceChange(change: ResourceChange): void {
    const { counts } = this.analysis;
    counts[change.action]++;
    this.fingerprint.add(change);
    if (this.options.permissionScope) {
      const needed = changePermissions(change, this.options.permissionScope);
      if (needed) (this.analysis.requiredPermissions ??= []).push(needed);
    }
    if (change.importId) counts.import++;
    if (change.previousAddress) counts.move++;
    if (change.action === 'unrecognised') {
      this.analysis.warnings.push(
        `${change.address}: unrecognised actions ${JSON.stringify(change.actions)}; counted apart`,
      );
    }
    if (change.mode === 'managed' && change.action !== 'delete' && change.after !== null) {
      this.evaluatePolicies(change);
    }
    const moved = change.previousAddress !== undefined || change.importId !== undefined;
    if (change.action === 'no-op' && !moved) return;
    const protectedDestroy =
      change.mode === 'managed' &&
      DESTRUCTIVE.has(change.action) &&
      this.options.isProtected(change);
    const summary = this.summarise(change, protectedDestroy);
    this.options.onEntry?.('resource-change', summary);
    const risky =
      protectedDestroy || DESTRUCTIVE.has(change.action) || change.action === 'unrecognised';
    if (risky || this.budget > 0) this.analysis.changes.push(this.keep(summary));
    else this.analysis.changesNotKept++;
  }

  private driftEntry(change: ResourceChange): void {
    if (change.action === 'no-op' || change.action === 'read') return;
    const summary = this.summarise(change, false);
    if (change.action === 'update' && diffOf(summary).length === 0) return;
    this.options.onEntry?.('drift', summary);
    this.analysis.drift.push(this.keep(summary));
  }

  private outputChange(name: string, value: unknown): void {
    const change = (value ?? {}) as Record<string, unknown>;
    const actions = Array.isArray(change.actions) ? (change.actions as string[]) : [];
    const action = normaliseChange(
      { address: name, change: { actions } },
      `output_changes.${name}`,
    ).action;
    if (action === 'no-op') return;
    const before = redact(change.before ?? null, change.before_sensitive);
    const after = redact(change.after ?? null, change.after_sensitive, change.after_unknown);
    let diff = diffValues(before, after);
    if (diff.length === 0 && isMarker(after)) {
      // Both sides hidden: the values may differ, so say it changed without showing either.
      diff = [
        { path: '', ...(isMarker(before) ? { before: before.marker } : {}), after: after.marker },
      ];
    }
    this.analysis.outputChanges.push({ name, action, diff });
  }

  private policiesFor(type: string): readonly Policy[] {
    let policies = this.policiesByType.get(type);
    if (policies === undefined) {
      policies = this.options.policies.filter((policy) => policy.resourceTypes.includes(type));
      this.policiesByType.set(type, policies);
    }
    return policies;
  }

  private evaluatePolicies(change: ResourceChange): void {
    for (const policy of this.policiesFor(change.type)) {
      const verdict = policy.evaluate(change.after, this.options.policySettings);
      if (!verdict) continue;
      if (verdict.status === 'pass') {
        const passes = this.analysis.policyPasses;
        passes[policy.id] = (passes[policy.id] ?? 0) + 1;
        continue;
      }
      this.analysis.policyResults.push({
        policyId: policy.id,
        checkov: policy.checkov,
        title: policy.title,
        address: change.address,
        ...verdict,
      });
    }
  }
}

export function analysePlanFile(path: string, options: AnalysisOptions): PlanAnalysis {
  const sink = new AnalysisSink(options);
  const keys = readPlanFile(path, sink);
  const analysis = sink.analysis;
  analysis.fingerprint = sink.fingerprint.finish();
  if (keys.has('values') && !keys.has('planned_values')) {
    throw new PlanFormatError(
      `${path} is Terraform state JSON, not a plan: run \`terraform show -json <planfile>\` with the plan saved by \`terraform plan -out\`.`,
    );
  }
  if (analysis.formatVersion === undefined) {
    throw new PlanFormatError(
      `${path} is JSON but not a Terraform plan: it has no format_version. Expected the output of \`terraform show -json <planfile>\`.`,
    );
  }
  if (!/^[01]\./.test(analysis.formatVersion)) {
    analysis.warnings.push(
      `Plan format_version ${analysis.formatVersion} is newer than this action knows (0.1 to 1.2); fields were read as far as they are recognised.`,
    );
  }
  return analysis;
}

/** Terraform's own "Plan: X to add, Y to change, Z to destroy" arithmetic. */
export function headlineCounts(counts: ActionCounts): {
  add: number;
  change: number;
  destroy: number;
  replace: number;
} {
  return {
    add: counts.create + counts.replace,
    change: counts.update,
    destroy: counts.delete + counts.replace,
    replace: counts.replace,
  };
}
