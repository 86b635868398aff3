// Fetches the job's OIDC token from the runner's token service (what core.getIDToken does), or
// explains why the job cannot have one. The token is masked as soon as it arrives.
import { ConfigurationError, errorMessage } from '../../lib/src/errors.js';
import { withRetry, type RetryClock } from '../../lib/src/retry.js';
import type { WorkflowOutput } from '../../lib/src/workflow-output.js';
import { httpRequest, NetworkError } from './http-request.js';

class TokenServiceError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const retryable = (error: unknown) =>
  error instanceof NetworkError ||
  (error instanceof TokenServiceError && (error.status >= 500 || error.status === 429));

export async function fetchIdToken(
  audience: string,
  env: NodeJS.ProcessEnv,
  out: WorkflowOutput,
  clock: RetryClock,
): Promise<string> {
  const requestUrl = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!requestUrl || !requestToken) {
    throw new ConfigurationError(
      "This job cannot request a GitHub OIDC token: ACTIONS_ID_TOKEN_REQUEST_URL is not set. Add 'permissions: id-token: write' to the job (or the workflow). Pull requests from forks never receive an OIDC token; skip this step for them (if: github.event.pull_request.head.repo.full_name == github.repository).",
    );
  }
  const url = new URL(requestUrl);
  url.searchParams.set('audience', audience);
  try {
    const response = await withRetry(
      async () => {
        const result = await httpRequest(
          'GET',
          url,
          '',
          { authorization: `Bearer ${requestToken}`, accept: 'application/json' },
          10_000,
        );
        if (result.status !== 200)
          throw new TokenServiceError(
            result.status,
            `the token service answered HTTP ${result.status}`,
          );
        return result.body;
      },
      {
        maxAttempts: 4,
        baseDelayMs: 500,
        maxDelayMs: 4_000,
        totalBudgetMs: 20_000,
        isRetryable: retryable,
      },
      clock,
    );
    const token = (JSON.parse(response) as { value?: unknown }).value;
    if (typeof token !== 'string' || token === '')
      throw new Error('the token service answered without a token');
    out.setSecret(token);
    return token;
  } catch (error) {
    throw new Error(
      `Could not get an OIDC token for audience '${audience}' from the runner: ${errorMessage(error)}`,
    );
  }
}
