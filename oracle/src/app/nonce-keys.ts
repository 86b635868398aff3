import { NonceInvalidError, NonceUnavailableError } from '../errors.js';
import type { NonceKeys } from '../secrets/nonce.js';
import type { OracleDependencies, RequestScope } from './dependencies.js';

/** The nonce keys, counting and logging (without the value) a failure before it propagates. */
export async function nonceKeys(deps: OracleDependencies, scope: RequestScope): Promise<NonceKeys> {
  try {
    return await deps.nonce.keys();
  } catch (error) {
    if (error instanceof NonceInvalidError || error instanceof NonceUnavailableError) {
      deps.metrics.emit({ NonceFailures: 1 });
      scope.log.error('nonce unusable; failing closed', { code: error.code });
    }
    throw error;
  }
}
