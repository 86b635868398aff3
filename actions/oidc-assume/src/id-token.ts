// Fetches the job's OIDC token from the runner, or explains why the job cannot have one.
import * as core from '@actions/core';
import { ConfigurationError, errorMessage } from '../../lib/src/errors.js';

export async function fetchIdToken(audience: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new ConfigurationError(
      "This job cannot request a GitHub OIDC token: ACTIONS_ID_TOKEN_REQUEST_URL is not set. Add 'permissions: id-token: write' to the job (or the workflow). Pull requests from forks never receive an OIDC token; skip this step for them (if: github.event.pull_request.head.repo.full_name == github.repository).",
    );
  }
  try {
    return await core.getIDToken(audience);
  } catch (error) {
    throw new Error(
      `Could not get an OIDC token for audience '${audience}' from the runner: ${errorMessage(error)}`,
    );
  }
}
