// The default CloudTrail session name: traceable to the repository and run, and always within
// STS's pattern [\w+=,.@-]{2,64}.

const MAX_LENGTH = 64;

export function sanitiseSessionName(text: string): string {
  return text.replace(/[^\w+=,.@-]/g, '-');
}

export function defaultSessionName(env: NodeJS.ProcessEnv): string {
  const repository = (env.GITHUB_REPOSITORY ?? '').split('/').pop() || 'repository';
  const run = `${env.GITHUB_RUN_ID ?? '0'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`;
  const suffix = sanitiseSessionName(`-${run}`);
  const prefix = sanitiseSessionName(`gha-${repository}`).slice(0, MAX_LENGTH - suffix.length);
  return `${prefix}${suffix}`.slice(0, MAX_LENGTH);
}
