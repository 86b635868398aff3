// `terraform plan`: refresh (unless -refresh=false) by reading the state's objects back through
// the AWS API with the job's credentials, plan the configuration against it, save the plan with
// -out and answer -detailed-exitcode as Terraform does (0 no changes, 2 changes).
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { makeLocalPlan, rootVariables } from '../plan/local-plan.js';
import { PLAN_FILE_FORMAT, writePlanFile } from '../plan/plan-file.js';
import { refreshState, type Refreshed } from '../plan/refresh.js';
import type { RefreshClients } from '../plan/refresh-readers.js';
import { readState } from '../plan/state.js';
import { booleanFlag, parseArguments, UsageError } from './arguments.js';
import { awsContext, LOCAL_PLAN_LABEL, statePath, variableOverrides } from './environment.js';
import { planText } from './plan-text.js';

const FLAGS = {
  input: true,
  'no-color': false,
  'detailed-exitcode': false,
  'lock-timeout': true,
  // The state is a file only this job writes; locking changes nothing locally.
  lock: true,
  out: true,
  'refresh-only': false,
  refresh: true,
  'var-file': true,
  parallelism: true,
} as const;

function refreshClients(region: string): RefreshClients {
  const config = { region, maxAttempts: 2 };
  return {
    dynamodb: new DynamoDBClient(config),
    ssm: new SSMClient(config),
    cloudwatch: new CloudWatchClient(config),
    lambda: new LambdaClient(config),
    sns: new SNSClient(config),
  };
}

export async function planCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
): Promise<number> {
  const parsed = parseArguments('plan', args, FLAGS);
  if (parsed.positional.length > 0) {
    throw new UsageError(
      `terraform plan takes no positional arguments, got ${parsed.positional.join(' ')}`,
    );
  }
  const refreshOnly = booleanFlag(parsed, 'refresh-only', false);
  const refresh = booleanFlag(parsed, 'refresh', true);
  if (refreshOnly && !refresh) {
    throw new UsageError('The -refresh=false option cannot be used together with -refresh-only.');
  }
  const dir = process.cwd();
  const varFiles = parsed.flags.get('var-file') ?? [];
  const overrides = variableOverrides(env);
  const variables = rootVariables(dir, varFiles, overrides);
  const region =
    typeof variables.region === 'string' ? variables.region : (env.AWS_REGION ?? 'us-east-1');
  const aws = await awsContext(region);
  const previous = readState(statePath(env));
  let refreshed: Refreshed | undefined;
  if (refresh) {
    const clients = refreshClients(region);
    try {
      refreshed = await refreshState(previous, clients);
    } finally {
      for (const client of Object.values(clients)) client.destroy();
    }
  }
  const mode = refreshOnly ? 'refresh-only' : 'normal';
  const plan = makeLocalPlan({
    dir,
    varFiles,
    overrides,
    aws,
    previous,
    refreshed: refreshed?.state ?? previous,
    mode,
  });
  const outPath = parsed.flags.get('out')?.at(-1);
  if (outPath) {
    writePlanFile(outPath, {
      format: PLAN_FILE_FORMAT,
      label: LOCAL_PLAN_LABEL,
      mode,
      state: { lineage: previous.lineage, serial: previous.serial },
      counts: plan.counts,
      hasChanges: plan.hasChanges,
      plan: plan.json,
    });
  }
  out(planText(plan, mode, refreshed));
  if (outPath) out(`\nSaved the plan to: ${outPath}\n`);
  return booleanFlag(parsed, 'detailed-exitcode', false) && plan.hasChanges ? 2 : 0;
}
