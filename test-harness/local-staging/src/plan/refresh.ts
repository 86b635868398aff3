// Terraform's refresh: read every object of the state back through the AWS API and keep what
// AWS says now. Only attributes the state records are taken from the answer (the configuration's
// arguments and what the provider computes), matched into nested blocks and, for blocks named
// by a `name`, by that name rather than by position (AWS does not keep their order).
import type { Json } from './plan-values.js';
import { REFRESH_READERS, type Reader, type RefreshClients } from './refresh-readers.js';
import { stateObjects, withObjects, type TerraformState } from './state.js';

export interface Refreshed {
  state: TerraformState;
  /** Addresses read back from the emulators. */
  read: string[];
  /** Addresses kept as recorded: their type has no reader (its service is not emulated). */
  kept: string[];
  /** Addresses AWS says no longer exist (removed from the state, as the provider does). */
  gone: string[];
}

type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function restrict(shape: Json | undefined, read: Json): Json {
  if (!isObject(shape) || !isObject(read)) return read;
  return Object.fromEntries(
    Object.keys(shape)
      .filter((key) => key in read)
      .map((key) => [key, read[key] as Json]),
  );
}

/** The recorded value with what was read laid over it, keeping the recorded shape. */
export function overlay(recorded: Json | undefined, read: Json): Json {
  if (Array.isArray(recorded) && Array.isArray(read)) {
    const named = (items: Json[]) => items.every((item) => isObject(item) && 'name' in item);
    const shape = recorded[0];
    if (recorded.length > 0 && named(recorded) && named(read)) {
      const byName = new Map(read.map((item) => [(item as JsonObject).name, item]));
      const aligned = recorded.flatMap((item) => {
        const match = byName.get((item as JsonObject).name);
        byName.delete((item as JsonObject).name);
        return match === undefined ? [] : [overlay(item, match)];
      });
      return [...aligned, ...[...byName.values()].map((item) => restrict(shape, item))];
    }
    if (recorded.length === read.length) return read.map((item, i) => overlay(recorded[i], item));
    return read.map((item) => restrict(shape, item));
  }
  if (isObject(recorded) && isObject(read)) {
    const result: JsonObject = { ...recorded };
    for (const key of Object.keys(recorded)) {
      if (key in read) result[key] = overlay(recorded[key], read[key] as Json);
    }
    return result;
  }
  return read;
}

export async function refreshState(
  state: TerraformState,
  clients: RefreshClients,
  readers: Readonly<Record<string, Reader>> = REFRESH_READERS,
): Promise<Refreshed> {
  const changed = new Map<string, JsonObject | null>();
  const result: Omit<Refreshed, 'state'> = { read: [], kept: [], gone: [] };
  const objects = [...stateObjects(state).values()].filter((object) => object.mode === 'managed');
  await Promise.all(
    objects.map(async (object) => {
      const reader = readers[object.type];
      if (!reader) {
        result.kept.push(object.address);
        return;
      }
      const answer = await reader(object, clients);
      if (answer === 'gone') {
        result.gone.push(object.address);
        changed.set(object.address, null);
        return;
      }
      result.read.push(object.address);
      changed.set(object.address, overlay(object.values, answer) as JsonObject);
    }),
  );
  for (const list of Object.values(result)) list.sort();
  return { state: withObjects(state, changed), ...result };
}
