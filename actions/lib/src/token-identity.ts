// The GitHub account a token acts as, so that only what that account wrote counts as ours: the
// GitHub Actions bot for GITHUB_TOKEN, the app's bot user for a GitHub App installation token,
// the user for a personal access token. REST `GET /user` cannot tell: it answers 403 ("Resource
// not accessible by integration") to GITHUB_TOKEN and every installation token, and `GET /app`
// needs the app's JWT. GraphQL `viewer` answers all three kinds of token and needs no permission.
import type { GitHubClient } from './github-client.js';

export interface TokenIdentity {
  /** e.g. `github-actions[bot]`, `my-app[bot]`, `octocat`: the REST `user.login` of what it writes. */
  login: string;
  /** The account's REST `user.id` (GraphQL `databaseId`): logins can be renamed, ids never are. */
  id: number | null;
}

/** A comment's or issue's author, as the REST API gives it. */
export interface Author {
  login?: string;
  id?: number;
}

export async function tokenIdentity(github: GitHubClient): Promise<TokenIdentity> {
  const { viewer } = await github.graphql<{ viewer: { login: string; databaseId: number | null } }>(
    'query { viewer { login databaseId } }',
  );
  if (typeof viewer?.login !== 'string' || viewer.login === '') {
    throw new Error('GitHub answered the GraphQL viewer query without a login');
  }
  return {
    login: viewer.login,
    id: typeof viewer.databaseId === 'number' ? viewer.databaseId : null,
  };
}

/** True when `author` is the account the token acts as (by id when GitHub gave one, else login). */
export function isWrittenBy(author: Author | null | undefined, identity: TokenIdentity): boolean {
  if (!author) return false;
  if (identity.id !== null && typeof author.id === 'number') return author.id === identity.id;
  return author.login?.toLowerCase() === identity.login.toLowerCase();
}
