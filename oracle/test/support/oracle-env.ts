// Loads the real handler module the way Lambda does: environment first, then the import.
import { jest } from '@jest/globals';
import { oracleNames } from '../../src/contract.js';
import type { OracleHandler } from '../../src/oracle.js';
import type { Canaries } from './canaries.js';
import {
  createTables,
  startDynamoDb,
  type LocalDynamoDb,
} from '../../../test-harness/oracle-edge/src/dynamodb.js';
import { FakeSsm } from '../../../test-harness/oracle-edge/src/fake-ssm.js';
import { activateNock, interceptSsm, restoreNock } from './nock-edge.js';
import { oracleEnv } from '../../../test-harness/oracle-edge/src/env.js';

export { GITHUB_API } from '../../../test-harness/oracle-edge/src/env.js';

export interface OracleUnderTest {
  handler: OracleHandler;
  ssm: FakeSsm;
  dynamo: LocalDynamoDb;
  names: ReturnType<typeof oracleNames>;
  /** Every line the handler wrote to stdout (logs and EMF). */
  lines: string[];
  stop(): Promise<void>;
}

/**
 * Starts dynalite, seeds SSM with the canaries, sets the environment and imports the handler.
 * Jest gives each test file its own module registry, so each file gets a fresh Lambda instance.
 */
export async function startOracle(
  canaries: Canaries,
  extraEnv: Record<string, string> = {},
): Promise<OracleUnderTest> {
  const names = oracleNames('staging');
  const dynamo = await startDynamoDb();
  await createTables(dynamo.client, { fpEvents: names.fpEventsTable, consent: names.consentTable });
  const ssm = new FakeSsm();
  ssm.put(names.nonceParameter, canaries.nonce);
  ssm.put(names.githubTokenParameter, canaries.githubApiToken);
  ssm.put(names.webhookSecretParameter, canaries.webhookSecret);
  activateNock();
  interceptSsm(ssm);
  Object.assign(process.env, oracleEnv(dynamo.endpoint, extraEnv));

  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    lines.push(
      ...String(chunk)
        .split('\n')
        .filter((line) => line.length > 0),
    );
    return true;
  });
  const { handler } = await import('../../src/handler.js');
  return {
    handler,
    ssm,
    dynamo,
    names,
    lines,
    async stop() {
      write.mockRestore();
      restoreNock();
      await dynamo.close();
    },
  };
}
