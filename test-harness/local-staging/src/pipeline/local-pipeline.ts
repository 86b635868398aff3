// npm start's pipeline against a started local staging: the GitHub API stand-in the actions
// publish to, the Terraform state file the terraform stand-in reads, then every step.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeGitHub } from '../../../github/fake-github.js';
import { writeState } from '../plan/state.js';
import { RUN_FILES } from '../serve/run-files.js';
import { buildTerraformCli } from '../terraform-cli/bundle.js';
import { LOCAL_REPOSITORY, type LocalStaging } from '../staging.js';
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
  const github = await startFakeGitHub(`${LOCAL_REPOSITORY.org}/${LOCAL_REPOSITORY.repository}`);
  try {
    return await runPipeline(
      pipelineSteps(options.root, options.staging),
      { ...options, github, statePath, terraformCli, results: new Map() },
      options.progress,
    );
  } finally {
    await github.close();
  }
}
