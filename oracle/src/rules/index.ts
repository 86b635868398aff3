// Every rule the Oracle evaluates, in id order.
import { md001SecretInDiff } from './md-001-secret-in-diff.js';
import { md002WorkflowPermissionEscalation } from './md-002-workflow-permission-escalation.js';
import { md003UnpinnedAction } from './md-003-unpinned-action.js';
import { md004AutonomousChange } from './md-004-autonomous-change.js';
import { md005MissingAuditTrail } from './md-005-missing-audit-trail.js';
import { md006ModelChangeWithoutEvaluation } from './md-006-model-change-without-evaluation.js';
import { md007GovernanceChangeByOutsider } from './md-007-governance-change-by-outsider.js';
import type { Rule } from './rule.js';

export const RULES: readonly Rule[] = [
  md001SecretInDiff,
  md002WorkflowPermissionEscalation,
  md003UnpinnedAction,
  md004AutonomousChange,
  md005MissingAuditTrail,
  md006ModelChangeWithoutEvaluation,
  md007GovernanceChangeByOutsider,
];
