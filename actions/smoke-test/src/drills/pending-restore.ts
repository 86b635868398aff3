// What a fault drill has changed and not yet put back, kept in the step's state so the post step
// can put it back when the run is cancelled or killed mid-drill. Names, versions and descriptions
// only: the nonce's value is read back from its saved SSM version, never written to the state.
import type { SmokeContext } from '../context.js';

export interface PendingNonce {
  parameter: string;
  /** The SSM version holding the value to restore. */
  version: number;
  keyId: string;
  functionName: string;
  /** The function description to put back (the drill changes it to force new instances). */
  description: string;
}

export interface PendingRestore {
  region: string;
  /** How long one restore may take (the main step's timeout-seconds). */
  timeoutMs: number;
  nonce?: PendingNonce;
  /** Alarms the drill set to ALARM and has not set back to OK. */
  alarms?: string[];
}

export const PENDING_STATE = {
  region: 'drill_region',
  timeout: 'drill_timeout_ms',
  nonce: 'drill_nonce',
  alarms: 'drill_alarms',
} as const;

const DEFAULT_TIMEOUT_MS = 60_000;

/** Saves where a restore must go and how long it may take, before a drill changes anything. */
export function savePendingTarget(context: Pick<SmokeContext, 'settings' | 'saveState'>): void {
  context.saveState(PENDING_STATE.region, context.settings.region);
  context.saveState(PENDING_STATE.timeout, String(context.settings.timeoutMs));
}

/** Reads what the main step left pending; undefined when it put everything back. */
export function readPendingRestore(getState: (name: string) => string): PendingRestore | undefined {
  const nonceText = getState(PENDING_STATE.nonce);
  const alarmsText = getState(PENDING_STATE.alarms);
  if (nonceText === '' && alarmsText === '') return undefined;
  const timeoutMs = Number(getState(PENDING_STATE.timeout));
  const pending: PendingRestore = {
    region: getState(PENDING_STATE.region),
    timeoutMs: timeoutMs > 0 ? timeoutMs : DEFAULT_TIMEOUT_MS,
  };
  if (nonceText !== '') pending.nonce = JSON.parse(nonceText) as PendingNonce;
  if (alarmsText !== '') pending.alarms = JSON.parse(alarmsText) as string[];
  return pending;
}
