// The headers every Oracle request to the GitHub REST API carries.

/** `accept` defaults to JSON; the contents API answers raw bytes to `application/vnd.github.raw+json`. */
export function githubHeaders(
  token: string,
  accept = 'application/vnd.github+json',
): Record<string, string> {
  return {
    accept,
    authorization: `Bearer ${token}`,
    'user-agent': 'mirror-dissonance-oracle',
    'x-github-api-version': '2022-11-28',
  };
}
