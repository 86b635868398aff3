// One execution environment of a function: a child Node process running worker-runtime.mjs, which
// imports the handler once and then serves invocations one at a time over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WORKER_RUNTIME = fileURLToPath(new URL('./worker-runtime.mjs', import.meta.url));

export interface HandlerError {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

export interface InstanceInvokeRequest {
  requestId: string;
  /** The event as JSON text. */
  event: string;
  deadlineMs: number;
  functionVersion: string;
  invokedFunctionArn: string;
  clientContext: unknown;
}

export type InstanceInvokeResult =
  | { ok: true; payload: string; log: string; maxMemoryUsedMb: number }
  | { ok: false; error: HandlerError; log: string; maxMemoryUsedMb: number; crashed: boolean };

export type InitResult =
  | { ok: true; initDurationMs: number; log: string }
  | { ok: false; initDurationMs: number; log: string; error: HandlerError };

type WorkerMessage =
  | { type: 'ready'; log: string }
  | { type: 'init-error'; error: HandlerError; log: string }
  | ({ type: 'result'; id: number; log: string; maxMemoryUsedMb: number } & (
      { ok: true; payload: string } | { ok: false; error: HandlerError }
    ));

export interface InstanceOptions {
  /** The node binary that plays the managed runtime. */
  nodeBinary: string;
  codeDirectory: string;
  environment: Record<string, string>;
  /** The function's memory size: the V8 heap is capped below it, as the Node runtime's bootstrap does. */
  memorySizeMb: number;
}

export class FunctionInstance {
  readonly #child: ChildProcess;
  readonly #startedAt = performance.now();
  readonly #ready: Promise<InitResult>;
  #pending: { id: number; resolve: (r: InstanceInvokeResult) => void } | undefined;
  #nextId = 1;
  #exited = false;
  #stderr = '';

  constructor(options: InstanceOptions) {
    this.#child = fork(WORKER_RUNTIME, [], {
      execPath: options.nodeBinary,
      execArgv: [`--max-old-space-size=${Math.floor(options.memorySizeMb * 0.9)}`],
      cwd: options.codeDirectory,
      env: options.environment,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.#child.on('error', (error) => {
      this.#stderr += `\n${error.message}`;
    });
    this.#child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-4096);
    });
    this.#ready = new Promise<InitResult>((resolve) => {
      const onMessage = (message: WorkerMessage) => {
        if (message.type === 'ready' || message.type === 'init-error') {
          this.#child.off('message', onMessage);
          const initDurationMs = performance.now() - this.#startedAt;
          resolve(
            message.type === 'ready'
              ? { ok: true, initDurationMs, log: message.log }
              : { ok: false, initDurationMs, log: message.log, error: message.error },
          );
        }
      };
      this.#child.on('message', onMessage);
      this.#child.once('exit', (code, signal) => {
        resolve({
          ok: false,
          initDurationMs: performance.now() - this.#startedAt,
          log: this.#stderr,
          error: {
            errorType: 'Runtime.ExitError',
            errorMessage: `RequestId: init Error: Runtime exited with error: ${signal ?? `exit status ${code}`}`,
            trace: [],
          },
        });
      });
    });
    this.#child.on('message', (message: WorkerMessage) => {
      if (message.type !== 'result' || this.#pending?.id !== message.id) return;
      const pending = this.#pending;
      this.#pending = undefined;
      pending.resolve(
        message.ok
          ? {
              ok: true,
              payload: message.payload,
              log: message.log,
              maxMemoryUsedMb: message.maxMemoryUsedMb,
            }
          : {
              ok: false,
              error: message.error,
              log: message.log,
              maxMemoryUsedMb: message.maxMemoryUsedMb,
              crashed: message.error.errorType.startsWith('Runtime.'),
            },
      );
    });
    this.#child.once('exit', (code, signal) => {
      this.#exited = true;
      const pending = this.#pending;
      this.#pending = undefined;
      pending?.resolve({
        ok: false,
        error: {
          errorType: 'Runtime.ExitError',
          errorMessage: `Runtime exited with error: ${signal ?? `exit status ${code}`}`,
          trace: [],
        },
        log: this.#stderr,
        maxMemoryUsedMb: 0,
        crashed: true,
      });
    });
  }

  /** Resolves when the handler module is loaded (or failed to load). */
  ready(): Promise<InitResult> {
    return this.#ready;
  }

  get alive(): boolean {
    return !this.#exited;
  }

  invoke(request: InstanceInvokeRequest): Promise<InstanceInvokeResult> {
    if (this.#pending) throw new Error('function instance is busy: one invocation at a time');
    if (this.#exited) {
      return Promise.resolve({
        ok: false,
        error: { errorType: 'Runtime.ExitError', errorMessage: 'Runtime exited', trace: [] },
        log: this.#stderr,
        maxMemoryUsedMb: 0,
        crashed: true,
      });
    }
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending = { id, resolve };
      this.#child.send({ type: 'invoke', id, ...request });
    });
  }

  kill(): void {
    if (!this.#exited) this.#child.kill('SIGKILL');
  }

  /** Resolves once the process has exited. */
  exited(): Promise<void> {
    if (this.#exited || this.#child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => this.#child.once('exit', () => resolve()));
  }
}
