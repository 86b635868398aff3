// The inputs a deploy workflow gives: the reviewed-plan guard, the overrides (each needs a
// reason, which the summary and the pull request comment show), and, in mode apply-report,
// what happened after the apply.
import { ConfigurationError } from '../../lib/src/errors.js';
import type { InputReader } from '../../lib/src/inputs.js';
import { parseBoolean, parseChoice, parseHttpUrl, parseInteger } from '../../lib/src/parse.js';

export interface Override {
  /** Protected resources may be deleted or replaced in this run (no pull request label needed). */
  allowDestroy: boolean;
  /** A plan that differs from the reviewed one, or has none, may be applied. */
  allowUnreviewedPlan: boolean;
  /** Why, as given: one line, at most MAX_REASON_CHARS. Empty when nothing is overridden. */
  reason: string;
  /** Who ran the workflow (GITHUB_ACTOR). */
  actor: string;
}

export const MAX_REASON_CHARS = 500;

/** A step's outcome as `steps.<id>.outcome` gives it; empty when the step is not reported. */
export const STEP_OUTCOMES = ['success', 'failure', 'cancelled', 'skipped'] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];

export interface ApplyResult {
  apply: StepOutcome;
  smokeTest?: StepOutcome;
  sloBenchmark?: StepOutcome;
  /** Named links shown with the result (the deployment, a dashboard). */
  links: Array<{ name: string; url: string }>;
}

export interface DeploySettings {
  /** Compare the plan's fingerprint with the one reviewed on the commit's pull request. */
  requireReviewedPlan: boolean;
  override: Override;
  /** apply-report: the pull request to report on; undefined finds it from the commit. */
  pullRequest?: number;
  /** apply-report only. */
  applyResult?: ApplyResult;
  /** The commit being planned or deployed (GITHUB_SHA). */
  commit: string;
}

function parseReason(text: string): string {
  const reason = text.replace(/\s+/g, ' ').trim();
  if (reason.length > MAX_REASON_CHARS) {
    throw new ConfigurationError(
      `Input 'override-reason' is ${reason.length} characters; keep it to ${MAX_REASON_CHARS} (a sentence saying why, e.g. a link to the incident or ticket).`,
    );
  }
  return reason;
}

function parseOutcome(name: string, text: string): StepOutcome | undefined {
  return text === '' ? undefined : parseChoice(name, text, STEP_OUTCOMES);
}

/** `name=URL` lines; a line with nothing after `=` (a URL not known in this run) is left out. */
function parseLinks(text: string): ApplyResult['links'] {
  const entries = text.split('\n').map((line) => line.trim());
  return entries
    .filter((entry) => entry !== '' && !/=\s*$/.test(entry))
    .map((entry) => {
      const match = /^([^=]+?)\s*=\s*(\S+)$/.exec(entry);
      if (!match) {
        throw new ConfigurationError(
          `Input 'links' has '${entry}'; expected lines of <name>=<URL>, e.g. dashboard=https://console.aws.amazon.com/cloudwatch/home#dashboards.`,
        );
      }
      const url = parseHttpUrl(
        'links',
        match[2]!,
        `the URL of '${match[1]}'`,
        'https://example.com/x',
      );
      return { name: match[1]!, url: url! };
    });
}

export function readDeploySettings(
  inputs: InputReader,
  env: NodeJS.ProcessEnv,
  mode: string,
): DeploySettings {
  const allowDestroy = parseBoolean('allow-destroy', inputs.optional('allow-destroy') || 'false');
  const allowUnreviewedPlan = parseBoolean(
    'allow-unreviewed-plan',
    inputs.optional('allow-unreviewed-plan') || 'false',
  );
  const reason = parseReason(inputs.optional('override-reason'));
  if ((allowDestroy || allowUnreviewedPlan) && reason === '') {
    const which = [allowDestroy && 'allow-destroy', allowUnreviewedPlan && 'allow-unreviewed-plan']
      .filter(Boolean)
      .join(' and ');
    throw new ConfigurationError(
      `Input 'override-reason' is required with ${which}: say why this run may do what the checks would refuse (it is shown in the job summary and the pull request comment).`,
    );
  }
  const pullRequestText = inputs.optional('pull-request');
  const settings: DeploySettings = {
    requireReviewedPlan: parseBoolean(
      'require-reviewed-plan',
      inputs.optional('require-reviewed-plan') || 'false',
    ),
    override: { allowDestroy, allowUnreviewedPlan, reason, actor: env.GITHUB_ACTOR ?? '' },
    ...(pullRequestText === ''
      ? {}
      : { pullRequest: parseInteger('pull-request', pullRequestText, { min: 1, max: 1e9 }) }),
    commit: env.GITHUB_SHA ?? '',
  };
  if (mode === 'apply-report') {
    settings.applyResult = {
      apply: parseChoice('apply-outcome', inputs.required('apply-outcome'), STEP_OUTCOMES),
      smokeTest: parseOutcome('smoke-test-outcome', inputs.optional('smoke-test-outcome')),
      sloBenchmark: parseOutcome('slo-benchmark-outcome', inputs.optional('slo-benchmark-outcome')),
      links: parseLinks(inputs.optional('links')),
    };
  }
  if (
    (settings.requireReviewedPlan || mode === 'apply-report') &&
    !/^[0-9a-f]{40}$/.test(settings.commit)
  ) {
    throw new ConfigurationError(
      `GITHUB_SHA is '${settings.commit}', not a commit SHA; require-reviewed-plan and apply-report find the pull request from the commit the workflow runs on.`,
    );
  }
  return settings;
}
