// The GitHub client of a run and the account its token acts as, asked for once and only when
// something needs it (only what that account wrote is ours to edit or to trust).
import { errorMessage } from '../../../lib/src/errors.js';
import type { GitHubClient } from '../../../lib/src/github-client.js';
import { tokenIdentity, type TokenIdentity } from '../../../lib/src/token-identity.js';

export interface GitHubSession {
  client: GitHubClient;
  author(): Promise<TokenIdentity>;
}

export function gitHubSession(client: GitHubClient): GitHubSession {
  let identity: Promise<TokenIdentity> | undefined;
  return {
    client,
    author: () =>
      (identity ??= tokenIdentity(client).catch((error: unknown) => {
        throw new Error(
          `could not tell which account github-token acts as (GraphQL viewer query): ${errorMessage(error)}. Nothing is edited or trusted that this account may not have written`,
        );
      })),
  };
}
