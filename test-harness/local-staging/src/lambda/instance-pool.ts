// Execution environments per function configuration: a warm idle instance is reused, otherwise a
// new one is started (a real cold start). A configuration change retires the old instances.
import { FunctionInstance } from './function-instance.js';
import type { FunctionConfig } from './function-config.js';

export interface PoolOptions {
  /** The node binary that plays the managed runtime. */
  nodeBinary: string;
  /** How long an idle instance stays warm. */
  idleTimeoutMs: number;
  /** The process environment of a new instance of this configuration. */
  environmentFor(config: FunctionConfig): Record<string, string>;
}

export interface Acquired {
  instance: FunctionInstance;
  cold: boolean;
}

/** Instances are shared only by invocations of the same function version and revision. */
export function instanceKey(config: FunctionConfig): string {
  return `${config.name}:${config.version}:${config.revisionId}`;
}

export class InstancePool {
  readonly #idle = new Map<string, { instance: FunctionInstance; timer: NodeJS.Timeout }[]>();
  readonly #all = new Set<FunctionInstance>();

  constructor(private readonly options: PoolOptions) {}

  /** A warm instance of this configuration if one is idle, else a new (cold) one. */
  acquire(config: FunctionConfig): Acquired {
    const idle = this.#idle.get(instanceKey(config));
    while (idle && idle.length > 0) {
      const entry = idle.pop()!;
      clearTimeout(entry.timer);
      if (entry.instance.alive) return { instance: entry.instance, cold: false };
      this.#all.delete(entry.instance);
    }
    const instance = new FunctionInstance({
      nodeBinary: this.options.nodeBinary,
      codeDirectory: config.codeDirectory,
      environment: this.options.environmentFor(config),
      memorySizeMb: config.memorySize,
    });
    this.#all.add(instance);
    void instance.exited().then(() => this.#all.delete(instance));
    return { instance, cold: true };
  }

  /** Returns an instance after an invocation; stale or dead instances are ended. */
  release(config: FunctionConfig, instance: FunctionInstance, current: boolean): void {
    if (!current || !instance.alive) {
      instance.kill();
      return;
    }
    const key = instanceKey(config);
    const list = this.#idle.get(key) ?? [];
    const timer = setTimeout(() => {
      const index = list.findIndex((entry) => entry.instance === instance);
      if (index >= 0) list.splice(index, 1);
      instance.kill();
    }, this.options.idleTimeoutMs);
    timer.unref();
    list.push({ instance, timer });
    this.#idle.set(key, list);
  }

  /** Ends the idle instances of a function's superseded configurations. */
  retire(functionName: string, currentKeys: ReadonlySet<string>): void {
    for (const [key, list] of this.#idle) {
      if (!key.startsWith(`${functionName}:`) || currentKeys.has(key)) continue;
      for (const entry of list) {
        clearTimeout(entry.timer);
        entry.instance.kill();
      }
      this.#idle.delete(key);
    }
  }

  /** Number of live instances (idle and busy). */
  get size(): number {
    return this.#all.size;
  }

  async stop(): Promise<void> {
    for (const list of this.#idle.values()) for (const entry of list) clearTimeout(entry.timer);
    this.#idle.clear();
    const all = [...this.#all];
    for (const instance of all) instance.kill();
    await Promise.all(all.map((instance) => instance.exited()));
  }
}
