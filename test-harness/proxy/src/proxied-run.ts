// The loopback proxy of one test file, with what its tests ask of it: the proxy variables for a
// step, the host:port targets the proxy should see for some URLs, and the targets a run actually
// sent through it.
import { afterAll, beforeAll } from '@jest/globals';
import { startLoopbackProxy, type LoopbackProxy } from './loopback-proxy.js';

/** Resolves the .test names for a step that must reach them directly (NO_PROXY runs). */
export const TEST_HOSTS = { '*.test': '127.0.0.1' };

/** The host:port targets of these URLs, as the proxy records them. */
export const targetsOf = (...urls: string[]): string[] =>
  [...new Set(urls.map((url) => `${new URL(url).hostname}:${new URL(url).port}`))].sort();

export interface TestProxy {
  url(): string;
  /** HTTPS_PROXY and HTTP_PROXY pointing at the proxy. */
  throughProxy(): Record<string, string>;
  /** Runs `action` and returns its result with the targets it reached through the proxy. */
  recorded<T>(action: () => Promise<T>): Promise<{ result: T; targets: string[] }>;
}

/** A proxy started before the file's tests and closed after them. */
export function proxyForTests(): TestProxy {
  let proxy: LoopbackProxy | undefined;
  beforeAll(async () => {
    proxy = await startLoopbackProxy();
  });
  afterAll(async () => {
    await proxy?.close();
  });
  const started = (): LoopbackProxy => {
    if (!proxy) throw new Error('The test proxy starts in beforeAll: use it inside a test.');
    return proxy;
  };
  return {
    url: () => started().url,
    throughProxy: () => ({ HTTPS_PROXY: started().url, HTTP_PROXY: started().url }),
    recorded: async (action) => {
      const current = started();
      current.requests.length = 0;
      const result = await action();
      return { result, targets: current.targets() };
    },
  };
}
