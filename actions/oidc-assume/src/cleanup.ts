// The post step: blanks the credentials this action exported, so steps that run after the job's
// last use of them (other actions' post steps) cannot pick them up.
import { exportVariable, getState } from '@actions/core';
import { info } from '../../lib/src/log.js';
import { EXPORTED_STATE } from './publish.js';

export function clearExportedCredentials(): void {
  const names = getState(EXPORTED_STATE).split(',').filter(Boolean);
  for (const name of names) exportVariable(name, '');
  if (names.length > 0) info(`Cleared ${names.join(', ')} from the job environment.`);
}
