// Pauses one request of a service at a point a test chooses, until the test lets it go: before it
// is handled (nothing happened yet) or after (it took effect, the answer is held back). A client
// blocked on a paused request stays where it is for as long as the test needs, so a test can
// cancel a run "between these two calls" without racing a timer.
import type { ServiceName } from './faults/fault-switches.js';
import type { ServiceHandler, ServiceRequest, ServiceResponse } from './http-service.js';

export type PausePoint = 'before' | 'after';

export interface RequestPause {
  /** A matching request arrived and is paused. */
  readonly reached: boolean;
  // Let go before any request reached it (release or drop), a pause is withdrawn: no later
  // request is paused or dropped by it.
  /** Resolves with the request when one matching arrives. */
  whenReached(): Promise<ServiceRequest>;
  /** Lets the request go on: handled (paused before) or answered (paused after). */
  release(): void;
  /**
   * Paused before: answers 503 without handling it, as if it had never reached the service.
   * Paused after: the same as release (the request already took effect).
   */
  drop(): void;
}

class Pause implements RequestPause {
  reached = false;
  #request: ServiceRequest | undefined;
  #decision: 'release' | 'drop' | undefined;
  #decide: ((decision: 'release' | 'drop') => void) | undefined;
  #waiters: Array<(request: ServiceRequest) => void> = [];

  constructor(
    readonly service: ServiceName,
    readonly point: PausePoint,
    readonly matches: (request: ServiceRequest) => boolean,
    private readonly withdraw: () => void,
  ) {}

  whenReached(): Promise<ServiceRequest> {
    if (this.#request) return Promise.resolve(this.#request);
    return new Promise((wake) => this.#waiters.push(wake));
  }

  release(): void {
    this.#settle('release');
  }

  drop(): void {
    this.#settle('drop');
  }

  #settle(decision: 'release' | 'drop'): void {
    if (!this.reached) {
      this.withdraw();
      return;
    }
    this.#decision ??= decision;
    this.#decide?.(this.#decision);
  }

  /** Marks the pause reached and waits for the test's decision. */
  wait(request: ServiceRequest): Promise<'release' | 'drop'> {
    this.reached = true;
    this.#request = request;
    for (const wake of this.#waiters.splice(0)) wake(request);
    return new Promise((decide) => {
      this.#decide = decide;
    });
  }
}

const DROPPED: ServiceResponse = {
  status: 503,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    __type: 'ServiceUnavailableException',
    message: 'The request was dropped by a test pause before it was handled.',
  }),
};

export class RequestPauses {
  #pending: Pause[] = [];

  /** Pauses the next request to `service` that `matches`, before or after it is handled. */
  pause(
    service: ServiceName,
    matches: (request: ServiceRequest) => boolean,
    point: PausePoint = 'before',
  ): RequestPause {
    const pause: Pause = new Pause(service, point, matches, () => {
      this.#pending = this.#pending.filter((pending) => pending !== pause);
    });
    this.#pending.push(pause);
    return pause;
  }

  /** The handler with this service's pauses applied. */
  wrap(service: ServiceName, handler: ServiceHandler): ServiceHandler {
    return async (request) => {
      const index = this.#pending.findIndex(
        (pause) => pause.service === service && pause.matches(request),
      );
      if (index < 0) return handler(request);
      const [pause] = this.#pending.splice(index, 1) as [Pause];
      if (pause.point === 'after') {
        const response = await handler(request);
        await pause.wait(request);
        return response;
      }
      return (await pause.wait(request)) === 'drop' ? DROPPED : handler(request);
    };
  }
}

/** The AWS JSON protocol's operation of a request (`X-Amz-Target: <service>.<Operation>`). */
export function jsonOperation(request: ServiceRequest): string | undefined {
  const target = request.headers['x-amz-target'];
  const value = Array.isArray(target) ? target[0] : target;
  return value?.split('.').pop();
}
