// npm start's pipeline against a started local staging: the Terraform state file the terraform
// stand-in reads, then every step, publishing to local staging's GitHub stand-in.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeState } from '../plan/state.js';
import { RUN_FILES } from '../serve/run-files.js';
import { buildTerraformCli } from '../terraform-cli/bundle.js';
import type { LocalStaging } from '../staging.js';
import { runPipeline, type PipelineProgress, type StepReport } from './run-pipeline.js';
import { pipelineSteps } from './steps.js';

export interface LocalPipelineOptions {
  root: string;
  outDir: string;
  staging: LocalStaging;
  progress: PipelineProgress;
}

export async function runLocalPipeline(options: LocalPipelineOptions): Promise<StepReport[]> {
  mkdirSync(options.outDir, { recursive: true });
  const statePath = join(options.outDir, RUN_FILES.state);
  writeState(statePath, options.staging.state);
  const terraformCli = await buildTerraformCli(join(options.outDir, 'terraform-cli'));
  // The one GitHub stand-in: the Oracle lists files from it, the actions comment on it.
  return runPipeline(
    pipelineSteps(options.root, options.staging),
    { ...options, github: options.staging.github, statePath, terraformCli, results: new Map() },
    options.progress,
  );
}
