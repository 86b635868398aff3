// Checks that a pull request's title and every commit subject in BASE..HEAD follow Conventional
// Commits: `type(scope)!: description`. Prints each offender with what is expected.
import { execFileSync } from 'node:child_process';

const TYPES = [
  'feat',
  'fix',
  'docs',
  'style',
  'refactor',
  'perf',
  'test',
  'build',
  'ci',
  'chore',
  'revert',
];
const PATTERN = new RegExp(`^(${TYPES.join('|')})(\\([a-z0-9./-]+\\))?!?: \\S.{0,98}$`);

export function conventionalProblem(subject) {
  if (PATTERN.test(subject)) return undefined;
  if (/^Merge /.test(subject)) return undefined;
  return `'${subject}' is not a Conventional Commit; expected '<type>(<scope>): <description>' with type one of ${TYPES.join(', ')} (e.g. 'feat(smoke-test): check PITR on every table'), at most 100 characters`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { PR_TITLE, BASE_SHA, HEAD_SHA } = process.env;
  const problems = [];
  if (PR_TITLE) {
    const problem = conventionalProblem(PR_TITLE);
    if (problem) problems.push(`pull request title: ${problem}`);
  }
  if (BASE_SHA && HEAD_SHA) {
    const subjects = execFileSync('git', ['log', '--format=%s', `${BASE_SHA}..${HEAD_SHA}`], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    for (const subject of subjects) {
      const problem = conventionalProblem(subject);
      if (problem) problems.push(`commit: ${problem}`);
    }
  }
  for (const problem of problems) console.log(`::error::${problem}`);
  console.log(
    problems.length === 0 ? 'Conventional Commits: all good' : `${problems.length} problem(s)`,
  );
  process.exit(problems.length === 0 ? 0 : 1);
}
