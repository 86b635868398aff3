// The job's OIDC token from the runner's token service through core.getIDToken (which masks it),
// within the request timeout; or why this job cannot have one.
import { getIDToken } from '@actions/core';
import { withDeadline } from '../../lib/src/deadline.js';
import { ConfigurationError, errorMessage } from '../../lib/src/errors.js';

export async function fetchIdToken(audience: string, timeoutMs: number): Promise<string> {
  if (!process.env.ACTIONS_ID_TOKEN_REQUEST_URL || !process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new ConfigurationError(
      "This job cannot request a GitHub OIDC token: ACTIONS_ID_TOKEN_REQUEST_URL is not set. Add 'permissions: id-token: write' to the job (or the workflow). Pull requests from forks never receive an OIDC token; skip this step for them (if: github.event.pull_request.head.repo.full_name == github.repository).",
    );
  }
  try {
    return await withDeadline(getIDToken(audience), timeoutMs, "the runner's token service");
  } catch (error) {
    throw new Error(
      `Could not get an OIDC token for audience '${audience}' from the runner: ${errorMessage(error)}`,
    );
  }
}
