// dynamodb: each table's settings (ACTIVE, on-demand, KMS encryption, PITR, TTL on expiresAt)
// and a write/read/delete probe of a marked item, always deleted.
import {
  DeleteItemCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { errorMessage } from '../../../lib/src/errors.js';
import { awsCall } from '../aws-errors.js';
import type { SmokeContext } from '../context.js';
import { CheckFailure } from '../recorder.js';
import type { TableTarget } from '../settings.js';

async function settingsProblems(
  context: SmokeContext,
  table: TableTarget,
): Promise<{ problems: string[]; description: TableDescription }> {
  const { dynamodb } = context.clients;
  const step = (action: string) => ({ action, resource: table.name, source: table.source });
  const { Table: description = {} } = await awsCall(step('dynamodb:DescribeTable'), () =>
    dynamodb.send(new DescribeTableCommand({ TableName: table.name })),
  );
  const backups = await awsCall(step('dynamodb:DescribeContinuousBackups'), () =>
    dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: table.name })),
  );
  const ttl = await awsCall(step('dynamodb:DescribeTimeToLive'), () =>
    dynamodb.send(new DescribeTimeToLiveCommand({ TableName: table.name })),
  );
  const problems: string[] = [];
  if (description.TableStatus !== 'ACTIVE')
    problems.push(`status is ${description.TableStatus}, expected ACTIVE`);
  const billing = description.BillingModeSummary?.BillingMode ?? 'PROVISIONED';
  if (billing !== 'PAY_PER_REQUEST')
    problems.push(`billing mode is ${billing}, expected PAY_PER_REQUEST`);
  const sse = description.SSEDescription;
  if (sse?.Status !== 'ENABLED' || sse.SSEType !== 'KMS' || !sse.KMSMasterKeyArn)
    problems.push(
      `server-side encryption is ${sse?.Status ?? 'the AWS-owned default'}${sse?.SSEType ? ` (${sse.SSEType})` : ''}, expected ENABLED with a KMS key`,
    );
  const pitr =
    backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription
      ?.PointInTimeRecoveryStatus ?? 'DISABLED';
  if (pitr !== 'ENABLED') problems.push(`point-in-time recovery is ${pitr}, expected ENABLED`);
  const ttlDescription = ttl.TimeToLiveDescription;
  if (
    table.ttlAttribute &&
    (ttlDescription?.TimeToLiveStatus !== 'ENABLED' ||
      ttlDescription.AttributeName !== table.ttlAttribute)
  ) {
    problems.push(
      `TTL is ${ttlDescription?.TimeToLiveStatus ?? 'DISABLED'}${ttlDescription?.AttributeName ? ` on ${ttlDescription.AttributeName}` : ''}, expected ENABLED on ${table.ttlAttribute}`,
    );
  }
  return { problems, description };
}

/** The probe item's key: every key attribute marked with the run id, typed as the table says. */
function probeKey(description: TableDescription, runId: string): Record<string, AttributeValue> {
  const types = new Map(
    (description.AttributeDefinitions ?? []).map((d) => [d.AttributeName, d.AttributeType]),
  );
  const key: Record<string, AttributeValue> = {};
  for (const element of description.KeySchema ?? []) {
    const name = element.AttributeName ?? '';
    const type = types.get(name);
    if (type === 'S') key[name] = { S: `smoke-test#${runId}` };
    else if (type === 'N') key[name] = { N: String(Date.now()) };
    else key[name] = { B: Buffer.from(`smoke-test#${runId}`) };
  }
  return key;
}

async function probe(
  context: SmokeContext,
  table: TableTarget,
  description: TableDescription,
): Promise<number> {
  const { dynamodb } = context.clients;
  const step = (action: string) => ({ action, resource: table.name, source: table.source });
  const key = probeKey(description, context.runId);
  // Where the table has a TTL, it removes the item should the delete below ever fail.
  const expiresAt = String(Math.floor(Date.now() / 1000) + 3600);
  const started = context.now();
  let failure: unknown;
  try {
    await awsCall(step('dynamodb:PutItem'), () =>
      dynamodb.send(
        new PutItemCommand({
          TableName: table.name,
          Item: {
            ...key,
            smokeTest: { S: context.runId },
            ...(table.ttlAttribute ? { [table.ttlAttribute]: { N: expiresAt } } : {}),
          },
        }),
      ),
    );
    const read = await awsCall(step('dynamodb:GetItem'), () =>
      dynamodb.send(new GetItemCommand({ TableName: table.name, Key: key, ConsistentRead: true })),
    );
    if (read.Item?.smokeTest?.S !== context.runId) {
      throw new CheckFailure('the probe item written was not read back');
    }
  } catch (error) {
    failure = error;
  }
  const latencyMs = context.now() - started;
  const cleanup = await awsCall(step('dynamodb:DeleteItem'), () =>
    dynamodb.send(new DeleteItemCommand({ TableName: table.name, Key: key })),
  ).then(
    () => undefined,
    (error: unknown) =>
      `the probe item (smokeTest=${context.runId}) was not deleted${table.ttlAttribute ? ', its TTL removes it within days' : '; delete it by hand'}: ${errorMessage(error)}`,
  );
  if (failure !== undefined) {
    throw new CheckFailure(
      cleanup ? `${errorMessage(failure)}; ${cleanup}` : errorMessage(failure),
    );
  }
  if (cleanup) throw new CheckFailure(cleanup);
  return latencyMs;
}

export async function checkDynamoDb(context: SmokeContext): Promise<void> {
  for (const table of context.settings.tables) {
    let description: TableDescription | undefined;
    await context.recorder.check('dynamodb', `${table.name}/settings`, async () => {
      const found = await settingsProblems(context, table);
      description = found.description;
      if (found.problems.length > 0) throw new CheckFailure(found.problems.join('; '));
      const ttl = table.ttlAttribute ? `, TTL on ${table.ttlAttribute}` : '';
      return { detail: `ACTIVE, PAY_PER_REQUEST, KMS-encrypted, PITR on${ttl}` };
    });
    await context.recorder.check('dynamodb', `${table.name}/probe`, async () => {
      if (!description?.KeySchema) {
        return { skipped: true, detail: 'the table could not be described' };
      }
      const latencyMs = await probe(context, table, description);
      return { detail: 'put, consistent get and delete of a marked item', latencyMs };
    });
  }
}
