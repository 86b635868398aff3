// The claims of the GitHub jobs the pipeline's roles are made for, as GitHub's token would carry
// them, to mint with the local issuer: a pull request's plan, drift detection on the default
// branch, a deploy in the staging environment (DEFAULT_JOB_CLAIMS).
import type { GitHubJobClaims } from './oidc-issuer.js';

/** A job of `terraform-validate.yml` run for pull request `number`: sub `repo:<o>/<r>:pull_request`. */
export function pullRequestJobClaims(number: number): Partial<GitHubJobClaims> {
  const ref = `refs/pull/${number}/merge`;
  return {
    ref,
    event_name: 'pull_request',
    environment: undefined,
    workflow: 'terraform-validate',
    job_workflow_ref: `acme/mirror-dissonance/.github/workflows/terraform-validate.yml@${ref}`,
  };
}

/** A scheduled run of `drift-detection.yml` on main: sub `repo:<o>/<r>:ref:refs/heads/main`. */
export function driftDetectionJobClaims(): Partial<GitHubJobClaims> {
  return {
    ref: 'refs/heads/main',
    event_name: 'schedule',
    environment: undefined,
    workflow: 'drift-detection',
    job_workflow_ref:
      'acme/mirror-dissonance/.github/workflows/drift-detection.yml@refs/heads/main',
  };
}
