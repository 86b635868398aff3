// Runs one invocation: concurrency check, injected faults, a warm or cold instance, the function's
// timeout, and the invocation's log with its REPORT line.
import { AwsServiceError } from '../aws/service-error.js';
import type { FaultSwitches } from '../faults/fault-switches.js';
import type { HandlerError } from './function-instance.js';
import type { ResolvedFunction } from './functions.js';
import { instanceKey, type InstancePool } from './instance-pool.js';
import { invocationLog, type ReportFigures } from './invocation-log.js';
import type { LambdaMetrics } from './lambda-metrics.js';

export interface InvocationOutcome {
  requestId: string;
  /** The response payload as JSON text. */
  payload: string;
  /** Unhandled when the function failed (the payload then describes the error). */
  functionError: 'Unhandled' | undefined;
  log: string;
  executedVersion: string;
  coldStart: boolean;
}

export interface InvokerOptions {
  pool: InstancePool;
  faults: FaultSwitches;
  /** Concurrent executions allowed across all functions without reserved concurrency. */
  unreservedConcurrency: number;
  /** Receives every invocation's full log (e.g. to turn embedded metrics into CloudWatch data). */
  onLog?: (functionName: string, log: string) => void;
  /** Where the AWS/Lambda metrics of each invocation go. */
  metrics?: LambdaMetrics;
}

function throttled(): AwsServiceError {
  return new AwsServiceError(
    'TooManyRequestsException',
    'Rate Exceeded.',
    429,
    { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' },
    { 'retry-after': '1' },
  );
}

function errorPayload(error: HandlerError): string {
  return JSON.stringify(error);
}

export class Invoker {
  #unreservedInFlight = 0;

  constructor(private readonly options: InvokerOptions) {}

  async invoke(
    target: ResolvedFunction,
    event: string,
    requestId: string,
    clientContext: unknown = undefined,
  ): Promise<InvocationOutcome> {
    const { fn, config, version } = target;
    const fault = this.options.faults.lambdaFault(fn.name);
    const throttle = () => {
      this.options.metrics?.record(fn.name, target.qualifier, { kind: 'throttled' });
      return throttled();
    };
    if (fault === 'throttle') throw throttle();
    if (fault === 'service-error') {
      throw new AwsServiceError(
        'ServiceException',
        'Lambda was unable to process the request (injected fault).',
        500,
      );
    }
    const reserved = fn.reservedConcurrency;
    if (
      reserved !== undefined
        ? fn.inFlight >= reserved
        : this.#unreservedInFlight >= this.options.unreservedConcurrency
    ) {
      throw throttle();
    }
    fn.inFlight++;
    if (reserved === undefined) this.#unreservedInFlight++;
    try {
      if (fault === 'function-error') {
        return this.#finish(target, requestId, false, {
          durationMs: 0,
          maxMemoryUsedMb: 0,
          functionLog: '',
          error: {
            errorType: 'InjectedFault',
            errorMessage: `Injected by the local stack's fault switches for ${fn.name}`,
            trace: [],
          },
        });
      }
      const { instance, cold } = this.options.pool.acquire(config);
      let initLog = '';
      let initDurationMs: number | undefined;
      if (cold) {
        const init = await instance.ready();
        initDurationMs = init.initDurationMs;
        initLog = init.log;
        if (!init.ok) {
          instance.kill();
          return this.#finish(target, requestId, true, {
            durationMs: 0,
            maxMemoryUsedMb: 0,
            initDurationMs,
            initLog,
            functionLog: '',
            error: init.error,
            status: 'error',
          });
        }
      }
      const started = performance.now();
      const deadlineMs = Date.now() + config.timeout * 1000;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), config.timeout * 1000);
      });
      const result = await Promise.race([
        instance.invoke({
          requestId,
          event,
          deadlineMs,
          functionVersion: version,
          invokedFunctionArn: target.invokedArn,
          clientContext,
        }),
        timedOut,
      ]);
      clearTimeout(timer);
      const durationMs = performance.now() - started;
      if (result === 'timeout') {
        instance.kill();
        const message = `Task timed out after ${config.timeout.toFixed(2)} seconds`;
        return this.#finish(target, requestId, cold, {
          durationMs,
          maxMemoryUsedMb: 0,
          initDurationMs,
          initLog,
          functionLog: `${new Date().toISOString()} ${requestId} ${message}\n`,
          error: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `RequestId: ${requestId} Error: ${message}`,
            trace: [],
          },
          status: 'timeout',
        });
      }
      const current =
        instanceKey(config) === instanceKey(version === '$LATEST' ? fn.latest : config);
      if (!result.ok && result.crashed) instance.kill();
      else this.options.pool.release(config, instance, current);
      return this.#finish(target, requestId, cold, {
        durationMs,
        maxMemoryUsedMb: result.maxMemoryUsedMb,
        initDurationMs,
        initLog,
        functionLog: result.log,
        payload: result.ok ? result.payload : undefined,
        error: result.ok ? undefined : result.error,
        status: !result.ok && result.crashed ? 'error' : undefined,
      });
    } finally {
      fn.inFlight--;
      if (reserved === undefined) this.#unreservedInFlight--;
    }
  }

  #finish(
    target: ResolvedFunction,
    requestId: string,
    coldStart: boolean,
    run: {
      durationMs: number;
      maxMemoryUsedMb: number;
      initDurationMs?: number;
      initLog?: string;
      functionLog: string;
      payload?: string;
      error?: HandlerError;
      status?: ReportFigures['status'];
    },
  ): InvocationOutcome {
    const log = invocationLog(
      {
        requestId,
        version: target.version,
        durationMs: run.durationMs,
        memorySizeMb: target.config.memorySize,
        maxMemoryUsedMb: run.maxMemoryUsedMb,
        initDurationMs: run.initDurationMs,
        status: run.status,
      },
      run.functionLog,
      run.initLog,
    );
    this.options.onLog?.(target.fn.name, log);
    this.options.metrics?.record(target.fn.name, target.qualifier, {
      kind: 'completed',
      durationMs: run.durationMs,
      failed: run.error !== undefined,
    });
    return {
      requestId,
      payload: run.error ? errorPayload(run.error) : (run.payload ?? 'null'),
      functionError: run.error ? 'Unhandled' : undefined,
      log,
      executedVersion: target.version,
      coldStart,
    };
  }
}
