// What a test behind the loopback proxy needs around a run: the proxy variables, the host:port
// targets the proxy should see for some URLs, and the targets a run actually sent through it.
import type { LoopbackProxy } from './loopback-proxy.js';

/** Resolves the .test names for a step that must reach them directly (NO_PROXY runs). */
export const TEST_HOSTS = { '*.test': '127.0.0.1' };

export const throughProxy = (proxy: LoopbackProxy): Record<string, string> => ({
  HTTPS_PROXY: proxy.url,
  HTTP_PROXY: proxy.url,
});

/** The host:port targets of these URLs, as the proxy records them. */
export const targetsOf = (...urls: string[]): string[] =>
  [...new Set(urls.map((url) => `${new URL(url).hostname}:${new URL(url).port}`))].sort();

/** Runs `action` and returns its result with the targets it reached through the proxy. */
export async function recorded<T>(
  proxy: LoopbackProxy,
  action: () => Promise<T>,
): Promise<{ result: T; targets: string[] }> {
  proxy.requests.length = 0;
  const result = await action();
  return { result, targets: proxy.targets() };
}
