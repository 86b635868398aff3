// The nonce: read from SSM, validated, cached, and rotated with a grace period in which the
// previous version still verifies what was derived from it (finding ids, org hashes).
import { createSecretKey } from 'node:crypto';
import { errorName } from '../../../actions/lib/src/errors.js';
import { NonceInvalidError, NonceUnavailableError } from '../errors.js';
import type { NonceKey } from '../keyed-hash.js';
import { CachedParameter, type Clock } from './cached-parameter.js';
import type { ParameterReader, ParameterValue } from './parameter-reader.js';

const NONCE_FORMAT = /^[0-9a-fA-F]{64}$/;

export interface NonceKeys {
  /** Derives everything new. */
  current: NonceKey;
  /** `current`, then the previous version while its grace period lasts. */
  accepted: NonceKey[];
}

export interface NonceOptions {
  ttlMs: number;
  graceMs: number;
  now: Clock;
}

function toKey(parameter: ParameterValue): NonceKey | undefined {
  const value = parameter.value.trim();
  if (!NONCE_FORMAT.test(value)) return undefined;
  return { version: parameter.version, key: createSecretKey(Buffer.from(value, 'hex')) };
}

export class NonceProvider {
  private readonly current: CachedParameter;
  private previous: { forVersion: number; key: NonceKey | undefined } | undefined;
  /** The key made from the cached parameter value: one KeyObject per read, not per request. */
  private currentKey: { from: ParameterValue; key: NonceKey | undefined } | undefined;

  constructor(
    private readonly parameterName: string,
    private readonly reader: ParameterReader,
    private readonly options: NonceOptions,
  ) {
    this.current = new CachedParameter(parameterName, reader, options.ttlMs, options.now);
  }

  /** Throws NonceUnavailableError or NonceInvalidError: no decision is made without a nonce. */
  async keys(): Promise<NonceKeys> {
    let parameter: ParameterValue;
    try {
      parameter = await this.current.get();
    } catch (error) {
      throw new NonceUnavailableError(
        `Could not read the nonce parameter ${this.parameterName} from SSM (${errorName(error)}); retry later.`,
      );
    }
    if (this.currentKey?.from !== parameter)
      this.currentKey = { from: parameter, key: toKey(parameter) };
    const current = this.currentKey.key;
    if (!current) {
      this.current.invalidate();
      throw new NonceInvalidError(
        `The nonce parameter ${this.parameterName} (version ${parameter.version}) is not 64 hexadecimal ` +
          'characters; put a new version with `openssl rand -hex 32` (see docs/ops/deployment-guide.md).',
      );
    }
    const graceEnds = parameter.lastModified.getTime() + this.options.graceMs;
    if (parameter.version <= 1 || this.options.now() >= graceEnds) {
      return { current, accepted: [current] };
    }
    const previous = await this.previousKey(parameter.version);
    return { current, accepted: previous ? [current, previous] : [current] };
  }

  /** The version before `version`; a missing or invalid previous version just is not accepted. */
  private async previousKey(version: number): Promise<NonceKey | undefined> {
    if (this.previous?.forVersion === version) return this.previous.key;
    let parameter: ParameterValue;
    try {
      parameter = await this.reader.read(`${this.parameterName}:${version - 1}`);
    } catch {
      return undefined; // not remembered: the next request tries again
    }
    const key = toKey(parameter);
    this.previous = { forVersion: version, key };
    return key;
  }
}
