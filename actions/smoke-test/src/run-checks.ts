// The areas in order, then the opt-in drills. An area that throws (e.g. an unreadable scenarios
// file) is recorded as a failed check of that area; the other areas still run.
import { errorMessage } from '../../lib/src/errors.js';
import type { SmokeContext } from './context.js';
import { checkAlarms } from './checks/alarms.js';
import { checkApi } from './checks/api.js';
import { checkCost } from './checks/cost.js';
import { checkDynamoDb } from './checks/dynamodb.js';
import { checkIam } from './checks/iam.js';
import { checkOracle } from './checks/oracle.js';
import { checkSsm } from './checks/ssm.js';
import { drillAlarms } from './drills/alarm-drill.js';
import { drillNonce } from './drills/nonce-drill.js';
import type { CheckArea, FaultDrill } from './settings.js';

const AREAS: Record<CheckArea, (context: SmokeContext) => Promise<void>> = {
  oracle: checkOracle,
  api: checkApi,
  dynamodb: checkDynamoDb,
  ssm: checkSsm,
  iam: checkIam,
  alarms: checkAlarms,
  cost: checkCost,
};

const DRILLS: Record<FaultDrill, (context: SmokeContext) => Promise<void>> = {
  alarms: drillAlarms,
  nonce: drillNonce,
};

/** An area that throws before its own checks could record anything (e.g. a bad scenarios file). */
async function runArea(
  context: SmokeContext,
  area: string,
  body: (context: SmokeContext) => Promise<void>,
): Promise<void> {
  try {
    await body(context);
  } catch (error) {
    context.recorder.fail(area, 'setup', errorMessage(error));
  }
}

export async function runChecks(context: SmokeContext): Promise<void> {
  const { settings, recorder } = context;
  for (const [area, reason] of Object.entries(settings.notApplicable)) {
    recorder.skip(area, 'all', reason);
  }
  for (const area of settings.checks) await runArea(context, area, AREAS[area]);
  for (const drill of settings.drills) await runArea(context, `drill-${drill}`, DRILLS[drill]);
}
