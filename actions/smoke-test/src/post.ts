// Runs after every smoke-test step, also when the run was cancelled: when main stopped during a
// fault drill, puts back what the drill changed. The AWS clients load only then.
import { getState } from '@actions/core';
import { failStep } from '../../lib/src/fail-step.js';
import { inputReader } from '../../lib/src/inputs.js';
import { readRequestTimeoutMs } from '../../lib/src/request-timeout.js';
import { readPendingRestore } from './drills/pending-restore.js';

try {
  const pending = readPendingRestore(getState);
  if (pending) {
    const { restorePending } = await import('./drills/restore-pending.js');
    await restorePending(pending, readRequestTimeoutMs(inputReader()));
  }
} catch (error) {
  failStep(error);
}
