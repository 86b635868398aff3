// Runs after every smoke-test step, also when the run was cancelled: when main stopped during a
// fault drill, puts back what the drill changed. The AWS clients load only then.
import { errorMessage } from '../../lib/src/errors.js';
import { workflowOutput } from '../../lib/src/workflow-output.js';
import { readPendingRestore } from './drills/pending-restore.js';

const runner = workflowOutput();
try {
  const pending = readPendingRestore((name) => runner.getState(name));
  if (pending) {
    const { restorePending } = await import('./drills/restore-pending.js');
    await restorePending(pending, runner);
  }
} catch (error) {
  runner.setFailed(errorMessage(error));
}
