// A pull_request webhook payload in GitHub's full shape for a `synchronize` delivery (the objects
// and URL templates GitHub documents for the event): users, repositories, the organization and
// the links in full, so a benchmark delivery costs what a real one costs to sign, send, parse and
// validate (about 20 KB), not what a trimmed stand-in costs.

export interface PullRequestShape {
  number: number;
  title: string;
  body: string;
  headRef: string;
  headSha: string;
  baseSha: string;
  commits: number;
  additions: number;
  deletions: number;
  changedFiles: number;
  updatedAt: string;
}

export interface RepositoryShape {
  owner: string;
  name: string;
  id: number;
  ownerId: number;
}

const API = 'https://api.github.com';
const WEB = 'https://github.com';

function user(login: string, id: number, type: 'User' | 'Organization' = 'User') {
  const url = `${API}/users/${login}`;
  return {
    login,
    id,
    node_id: Buffer.from(`04:${type}${id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${WEB}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false,
  };
}

function repository(repo: RepositoryShape) {
  const fullName = `${repo.owner}/${repo.name}`;
  const url = `${API}/repos/${fullName}`;
  return {
    id: repo.id,
    node_id: Buffer.from(`010:Repository${repo.id}`).toString('base64'),
    name: repo.name,
    full_name: fullName,
    private: true,
    owner: user(repo.owner, repo.ownerId, 'Organization'),
    html_url: `${WEB}/${fullName}`,
    description: 'Governance checks for pull requests.',
    fork: false,
    url,
    forks_url: `${url}/forks`,
    keys_url: `${url}/keys{/key_id}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    teams_url: `${url}/teams`,
    hooks_url: `${url}/hooks`,
    issue_events_url: `${url}/issues/events{/number}`,
    events_url: `${url}/events`,
    assignees_url: `${url}/assignees{/user}`,
    branches_url: `${url}/branches{/branch}`,
    tags_url: `${url}/tags`,
    blobs_url: `${url}/git/blobs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    trees_url: `${url}/git/trees{/sha}`,
    statuses_url: `${url}/statuses/{sha}`,
    languages_url: `${url}/languages`,
    stargazers_url: `${url}/stargazers`,
    contributors_url: `${url}/contributors`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    commits_url: `${url}/commits{/sha}`,
    git_commits_url: `${url}/git/commits{/sha}`,
    comments_url: `${url}/comments{/number}`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    contents_url: `${url}/contents/{+path}`,
    compare_url: `${url}/compare/{base}...{head}`,
    merges_url: `${url}/merges`,
    archive_url: `${url}/{archive_format}{/ref}`,
    downloads_url: `${url}/downloads`,
    issues_url: `${url}/issues{/number}`,
    pulls_url: `${url}/pulls{/number}`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    labels_url: `${url}/labels{/name}`,
    releases_url: `${url}/releases{/id}`,
    deployments_url: `${url}/deployments`,
    created_at: '2025-03-04T09:12:41Z',
    updated_at: '2026-01-05T16:02:11Z',
    pushed_at: '2026-01-06T08:30:00Z',
    git_url: `git://github.com/${fullName}.git`,
    ssh_url: `git@github.com:${fullName}.git`,
    clone_url: `${WEB}/${fullName}.git`,
    svn_url: `${WEB}/${fullName}`,
    homepage: null,
    size: 4862,
    stargazers_count: 12,
    watchers_count: 12,
    language: 'TypeScript',
    has_issues: true,
    has_projects: false,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: 7,
    license: null,
    allow_forking: false,
    is_template: false,
    web_commit_signoff_required: false,
    topics: ['governance', 'github-actions'],
    visibility: 'private',
    forks: 0,
    open_issues: 7,
    watchers: 12,
    default_branch: 'main',
    allow_squash_merge: true,
    allow_merge_commit: false,
    allow_rebase_merge: false,
    allow_auto_merge: true,
    delete_branch_on_merge: true,
    allow_update_branch: true,
    use_squash_pr_title_as_default: true,
    squash_merge_commit_message: 'PR_BODY',
    squash_merge_commit_title: 'PR_TITLE',
    merge_commit_message: 'PR_TITLE',
    merge_commit_title: 'MERGE_MESSAGE',
  };
}

function branch(repo: RepositoryShape, ref: string, sha: string, owner: ReturnType<typeof user>) {
  return { label: `${repo.owner}:${ref}`, ref, sha, user: owner, repo: repository(repo) };
}

/** The `synchronize` delivery of a pull request: new commits were pushed to its head branch. */
export function pullRequestWebhook(
  repo: RepositoryShape,
  pr: PullRequestShape,
): Record<string, unknown> {
  const fullName = `${repo.owner}/${repo.name}`;
  const url = `${API}/repos/${fullName}/pulls/${pr.number}`;
  const issue = `${API}/repos/${fullName}/issues/${pr.number}`;
  const author = user('octo-developer', 583231);
  const reviewer = user('octo-reviewer', 1024025);
  const organization = user(repo.owner, repo.ownerId, 'Organization');
  return {
    action: 'synchronize',
    number: pr.number,
    before: pr.baseSha,
    after: pr.headSha,
    pull_request: {
      url,
      id: 2_000_000_000 + pr.number,
      node_id: Buffer.from(`011:PullRequest${pr.number}`).toString('base64'),
      html_url: `${WEB}/${fullName}/pull/${pr.number}`,
      diff_url: `${WEB}/${fullName}/pull/${pr.number}.diff`,
      patch_url: `${WEB}/${fullName}/pull/${pr.number}.patch`,
      issue_url: issue,
      number: pr.number,
      state: 'open',
      locked: false,
      title: pr.title,
      user: author,
      body: pr.body,
      created_at: '2026-01-05T10:00:00Z',
      updated_at: pr.updatedAt,
      closed_at: null,
      merged_at: null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: [reviewer],
      requested_teams: [],
      labels: [
        {
          id: 7_500_000_001,
          node_id: 'LA_kwDOLabel0001',
          url: `${API}/repos/${fullName}/labels/infrastructure`,
          name: 'infrastructure',
          color: '0e8a16',
          default: false,
          description: 'Changes to CI or infrastructure',
        },
      ],
      milestone: null,
      draft: false,
      commits_url: `${url}/commits`,
      review_comments_url: `${url}/comments`,
      review_comment_url: `${API}/repos/${fullName}/pulls/comments{/number}`,
      comments_url: `${issue}/comments`,
      statuses_url: `${API}/repos/${fullName}/statuses/${pr.headSha}`,
      head: branch(repo, pr.headRef, pr.headSha, author),
      base: branch(repo, 'main', pr.baseSha, organization),
      _links: {
        self: { href: url },
        html: { href: `${WEB}/${fullName}/pull/${pr.number}` },
        issue: { href: issue },
        comments: { href: `${issue}/comments` },
        review_comments: { href: `${url}/comments` },
        review_comment: { href: `${API}/repos/${fullName}/pulls/comments{/number}` },
        commits: { href: `${url}/commits` },
        statuses: { href: `${API}/repos/${fullName}/statuses/${pr.headSha}` },
      },
      author_association: 'MEMBER',
      auto_merge: null,
      active_lock_reason: null,
      merged: false,
      mergeable: null,
      rebaseable: null,
      mergeable_state: 'unknown',
      merged_by: null,
      comments: 2,
      review_comments: 1,
      maintainer_can_modify: false,
      commits: pr.commits,
      additions: pr.additions,
      deletions: pr.deletions,
      changed_files: pr.changedFiles,
    },
    repository: repository(repo),
    organization: {
      login: repo.owner,
      id: repo.ownerId,
      node_id: organization.node_id,
      url: `${API}/orgs/${repo.owner}`,
      repos_url: `${API}/orgs/${repo.owner}/repos`,
      events_url: `${API}/orgs/${repo.owner}/events`,
      hooks_url: `${API}/orgs/${repo.owner}/hooks`,
      issues_url: `${API}/orgs/${repo.owner}/issues`,
      members_url: `${API}/orgs/${repo.owner}/members{/member}`,
      public_members_url: `${API}/orgs/${repo.owner}/public_members{/member}`,
      avatar_url: organization.avatar_url,
      description: '',
    },
    sender: author,
  };
}
