export { runAction, runPost, runStep, runnerDefaults } from './run-action.js';
export { Job } from './job.js';
export type { JobStep } from './job.js';
export type { ActionRun, StepResult, RunActionOptions, RawStep } from './run-action.js';
export { findCanaries } from './canaries.js';
export type { CanaryHit, Surface } from './canaries.js';
export { readActionMetadata, inputEnvironment } from './action-metadata.js';
export type { ActionMetadata, InputDeclaration, CompositeStep } from './action-metadata.js';
export { parseKeyValueFile } from './file-commands.js';
export { applyMasks, outputLines, parseWorkflowCommands } from './workflow-commands.js';
export type { Annotation, WorkflowCommand } from './workflow-commands.js';
export { emptyResult, runComposite } from './composite.js';
export type {
  CompositeRun,
  CompositeStepRecord,
  RunCompositeOptions,
  StepOutcome,
} from './composite.js';
export { evaluate, interpolate, shouldRun } from './composite-expressions.js';
export type { ExpressionContext, ExpressionValue } from './composite-expressions.js';
