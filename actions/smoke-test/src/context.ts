// What every check area gets: the settings, the resolved targets, the clients and the recorder.
import type { AwsClients } from './aws-clients.js';
import type { CheckRecorder } from './recorder.js';
import type { SmokeSettings } from './settings.js';
import type { Targets } from './targets.js';

export interface SmokeContext {
  settings: SmokeSettings;
  targets: Targets;
  clients: AwsClients;
  recorder: CheckRecorder;
  /** Masks a value in every later log line (an add-mask workflow command). */
  maskSecret(value: string): void;
  /** A run-unique id marking what the smoke test writes (probe items, drill descriptions). */
  runId: string;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Saves a value for the post step (what a drill must put back if the run stops mid-drill). */
  saveState(name: string, value: string): void;
}
