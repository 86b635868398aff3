// The post step: blanks the credentials this action exported, so steps that run after the job's
// last use of them (other actions' post steps) cannot pick them up.
import { workflowOutput } from '../../lib/src/workflow-output.js';
import { EXPORTED_STATE } from './publish.js';

export function clearExportedCredentials(out = workflowOutput()): void {
  const names = out.getState(EXPORTED_STATE).split(',').filter(Boolean);
  for (const name of names) out.exportVariable(name, '');
  if (names.length > 0) out.info(`Cleared ${names.join(', ')} from the job environment.`);
}
