export { runAction, runStep, runnerDefaults } from './run-action.js';
export type { ActionRun, StepResult, RunActionOptions, RawStep } from './run-action.js';
export { findCanaries } from './canaries.js';
export type { CanaryHit, Surface } from './canaries.js';
export { readActionMetadata, inputEnvironment } from './action-metadata.js';
export type { ActionMetadata, InputDeclaration, CompositeStep } from './action-metadata.js';
export { parseKeyValueFile } from './file-commands.js';
export { parseWorkflowCommands } from './workflow-commands.js';
export type { Annotation } from './workflow-commands.js';
