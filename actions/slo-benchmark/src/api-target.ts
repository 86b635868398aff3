// GET /health on the HTTP API through the benchmark's keep-alive pool. A 429 is a throttle, any
// other 4xx/5xx an error.
import { request as httpRequest, type Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { failedCall } from './failure.js';
import type { Call } from './load-models.js';
import type { CallResult } from './sample.js';

export function healthUrl(apiUrl: string): URL {
  return new URL('health', apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
}

export function apiCall(
  apiUrl: string,
  agents: { httpAgent: HttpAgent; httpsAgent: HttpAgent },
  timeoutMs: number,
): Call {
  const url = healthUrl(apiUrl);
  const secure = url.protocol === 'https:';
  return () =>
    new Promise<CallResult>((resolve) => {
      const options = { method: 'GET', timeout: timeoutMs };
      const done = (response: IncomingMessage) => {
        response.resume();
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status < 400) resolve({ outcome: 'ok', cold: false });
          else
            resolve({
              outcome: status === 429 ? 'throttle' : 'error',
              message: `HTTP ${status} from GET ${url.pathname}`,
              cold: false,
            });
        });
        response.on('error', (error) => resolve(failedCall(error)));
      };
      const req = secure
        ? httpsRequest(url, { ...options, agent: agents.httpsAgent }, done)
        : httpRequest(url, { ...options, agent: agents.httpAgent }, done);
      req.on('timeout', () => {
        req.destroy(
          Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' }),
        );
      });
      req.on('error', (error) => resolve(failedCall(error)));
      req.end();
    });
}
