// The post step: blanks the credentials this action exported, so steps that run after the job's
// last use of them (other actions' post steps) cannot pick them up.
import * as core from '@actions/core';
import { EXPORTED_STATE } from './publish.js';

export function clearExportedCredentials(): void {
  const names = core.getState(EXPORTED_STATE).split(',').filter(Boolean);
  for (const name of names) core.exportVariable(name, '');
  if (names.length > 0) core.info(`Cleared ${names.join(', ')} from the job environment.`);
}
