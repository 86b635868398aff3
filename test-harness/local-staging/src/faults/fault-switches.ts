// Switches that make the local services fail the way AWS does under stress, for failure-scenario
// tests: DynamoDB throttling, added latency, SSM outage, a corrupted parameter value (e.g. an
// invalid nonce), and Lambda errors.

export const SERVICE_NAMES = [
  'lambda',
  'dynamodb',
  'ssm',
  'cloudwatch',
  'sns',
  'sqs',
  'budgets',
  'iam',
  'http-api',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const LAMBDA_FAULT_KINDS = ['function-error', 'service-error', 'throttle'] as const;
export type LambdaFaultKind = (typeof LAMBDA_FAULT_KINDS)[number];

export interface LambdaFault {
  /** Share of invocations that fail, 0..1. */
  rate: number;
  /** function-error: the handler "throws" (X-Amz-Function-Error: Unhandled); service-error: 500
   * ServiceException; throttle: 429 TooManyRequestsException. */
  kind: LambdaFaultKind;
}

export interface FaultState {
  /** Share of DynamoDB data-plane calls answered with ProvisionedThroughputExceededException, 0..1. */
  dynamoDbThrottleRate: number;
  /** Milliseconds added before each response, per service. */
  latencyMs: Partial<Record<ServiceName, number>>;
  /** SSM answers every call with 503 ServiceUnavailable. */
  ssmUnavailable: boolean;
  /** Parameter name → the value SSM serves instead of the stored one (e.g. an invalid nonce). */
  parameterOverrides: Record<string, string>;
  /** Function name (or '*' for all) → injected failure. */
  lambdaFaults: Record<string, LambdaFault>;
}

export type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function emptyState(): FaultState {
  return {
    dynamoDbThrottleRate: 0,
    latencyMs: {},
    ssmUnavailable: false,
    parameterOverrides: {},
    lambdaFaults: {},
  };
}

function checkRate(what: string, rate: unknown): number {
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
    throw new RangeError(`${what} must be a number from 0 to 1, got ${JSON.stringify(rate)}`);
  }
  return rate;
}

export class FaultSwitches {
  #state = emptyState();

  constructor(
    private readonly random: () => number = Math.random,
    private readonly sleep: Sleep = realSleep,
  ) {}

  /** Throttles this share (0..1) of DynamoDB data-plane calls; 0 turns throttling off. */
  throttleDynamoDb(rate: number): void {
    this.#state.dynamoDbThrottleRate = checkRate('DynamoDB throttle rate', rate);
  }

  /** Adds this many milliseconds before every response of the service; 0 removes it. */
  addLatency(service: ServiceName, ms: number): void {
    if (!SERVICE_NAMES.includes(service)) {
      throw new RangeError(
        `unknown service ${JSON.stringify(service)}; expected one of ${SERVICE_NAMES.join(', ')}`,
      );
    }
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`latency for ${service} must be a non-negative number of ms, got ${ms}`);
    }
    if (ms === 0) delete this.#state.latencyMs[service];
    else this.#state.latencyMs[service] = ms;
  }

  setSsmUnavailable(unavailable: boolean): void {
    this.#state.ssmUnavailable = unavailable;
  }

  /** Makes SSM serve `value` for the parameter (e.g. an invalid nonce); undefined restores it. */
  overrideParameter(name: string, value: string | undefined): void {
    if (value === undefined) delete this.#state.parameterOverrides[name];
    else this.#state.parameterOverrides[name] = value;
  }

  /** Fails this share of the function's invocations ('*' for every function); rate 0 removes it. */
  failLambda(functionName: string, fault: LambdaFault): void {
    checkRate(`Lambda fault rate for ${functionName}`, fault.rate);
    if (!LAMBDA_FAULT_KINDS.includes(fault.kind)) {
      throw new RangeError(
        `unknown Lambda fault kind ${JSON.stringify(fault.kind)}; expected one of ${LAMBDA_FAULT_KINDS.join(', ')}`,
      );
    }
    if (fault.rate === 0) delete this.#state.lambdaFaults[functionName];
    else this.#state.lambdaFaults[functionName] = { rate: fault.rate, kind: fault.kind };
  }

  reset(): void {
    this.#state = emptyState();
  }

  /** A copy of every switch. */
  state(): FaultState {
    return structuredClone(this.#state);
  }

  /** Sets the switches named in `changes` (the admin API's body), validating each. */
  apply(changes: Partial<FaultState>): void {
    if (changes.dynamoDbThrottleRate !== undefined)
      this.throttleDynamoDb(changes.dynamoDbThrottleRate);
    for (const [service, ms] of Object.entries(changes.latencyMs ?? {})) {
      this.addLatency(service as ServiceName, ms);
    }
    if (changes.ssmUnavailable !== undefined) {
      if (typeof changes.ssmUnavailable !== 'boolean') {
        throw new RangeError(
          `ssmUnavailable must be true or false, got ${JSON.stringify(changes.ssmUnavailable)}`,
        );
      }
      this.setSsmUnavailable(changes.ssmUnavailable);
    }
    for (const [name, value] of Object.entries(changes.parameterOverrides ?? {})) {
      this.overrideParameter(name, value ?? undefined);
    }
    for (const [name, fault] of Object.entries(changes.lambdaFaults ?? {})) {
      this.failLambda(name, fault ?? { rate: 0, kind: 'function-error' });
    }
  }

  /** Whether this DynamoDB call is to be throttled. */
  dynamoDbThrottled(): boolean {
    return this.#state.dynamoDbThrottleRate > 0 && this.random() < this.#state.dynamoDbThrottleRate;
  }

  /** Waits the latency configured for the service, if any. */
  async delay(service: ServiceName): Promise<void> {
    const ms = this.#state.latencyMs[service];
    if (ms) await this.sleep(ms);
  }

  get ssmUnavailable(): boolean {
    return this.#state.ssmUnavailable;
  }

  parameterOverride(name: string): string | undefined {
    return this.#state.parameterOverrides[name];
  }

  /** The injected failure for this invocation of the function, if one is due. */
  lambdaFault(functionName: string): LambdaFaultKind | undefined {
    const fault = this.#state.lambdaFaults[functionName] ?? this.#state.lambdaFaults['*'];
    if (!fault || this.random() >= fault.rate) return undefined;
    return fault.kind;
  }
}
