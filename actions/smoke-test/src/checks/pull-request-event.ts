// A realistic pull_request webhook payload: GitHub's `opened` example as published in
// octokit/webhooks (payload-examples/api.github.com/pull_request/opened.payload.json), trimmed to
// the fields a delivery always carries. The smoke test sends it as GitHub would.

export function pullRequestPayload(): Record<string, unknown> {
  const user = {
    login: 'Codertocat',
    id: 21031067,
    node_id: 'MDQ6VXNlcjIxMDMxMDY3',
    type: 'User',
    site_admin: false,
  };
  const repository = {
    id: 186853002,
    node_id: 'MDEwOlJlcG9zaXRvcnkxODY4NTMwMDI=',
    name: 'Hello-World',
    full_name: 'Codertocat/Hello-World',
    private: false,
    owner: user,
    html_url: 'https://github.com/Codertocat/Hello-World',
    default_branch: 'master',
  };
  return {
    action: 'opened',
    number: 2,
    pull_request: {
      url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/2',
      id: 279147437,
      node_id: 'MDExOlB1bGxSZXF1ZXN0Mjc5MTQ3NDM3',
      html_url: 'https://github.com/Codertocat/Hello-World/pull/2',
      number: 2,
      state: 'open',
      locked: false,
      title: 'Update the README with new information.',
      user,
      body: 'This is a pretty simple change that we need to pull into master.',
      created_at: '2019-05-15T15:20:33Z',
      updated_at: '2019-05-15T15:20:33Z',
      requested_reviewers: [],
      requested_teams: [],
      labels: [],
      head: {
        label: 'Codertocat:changes',
        ref: 'changes',
        sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
        user,
        repo: repository,
      },
      base: {
        label: 'Codertocat:master',
        ref: 'master',
        sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
        user,
        repo: repository,
      },
      author_association: 'OWNER',
      draft: false,
      merged: false,
      commits: 1,
      additions: 1,
      deletions: 1,
      changed_files: 1,
    },
    repository,
    sender: user,
  };
}

/** The one-line README change of the example pull request, as the files API lists it. */
export const README_CHANGE = {
  filename: 'README.md',
  status: 'modified',
  patch: '@@ -1 +1 @@\n-# Hello-World\n+# Hello-World with new information',
};
