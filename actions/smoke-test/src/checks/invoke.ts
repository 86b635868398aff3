// One synchronous Invoke of the Oracle with the log tail: the parsed response, the client's
// latency and the server's REPORT line.
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { reportFromLogTail, type LambdaReport } from '../../../lib/src/lambda-report.js';
import { awsCall } from '../aws-errors.js';
import { CheckFailure } from '../recorder.js';

export interface InvokeTarget {
  functionName: string;
  qualifier: string;
  /** Where the function name came from, for "not found". */
  source: string;
}

export interface OracleInvocation {
  /** The Oracle's response object (its own statusCode inside). */
  response: Record<string, unknown>;
  /** The response as returned, to search for things that must not be there. */
  rawResponse: string;
  /** The last 4 KB of the invocation's log. */
  logTail: string;
  report?: LambdaReport;
  clientLatencyMs: number;
}

export async function invokeOracle(
  lambda: LambdaClient,
  target: InvokeTarget,
  event: unknown,
  now: () => number,
): Promise<OracleInvocation> {
  const started = now();
  const output = await awsCall(
    {
      action: 'lambda:InvokeFunction',
      resource: `${target.functionName}:${target.qualifier}`,
      source: target.source,
    },
    () =>
      lambda.send(
        new InvokeCommand({
          FunctionName: target.functionName,
          Qualifier: target.qualifier,
          Payload: Buffer.from(JSON.stringify(event)),
          LogType: 'Tail',
        }),
      ),
  );
  const clientLatencyMs = now() - started;
  const rawResponse = Buffer.from(output.Payload ?? new Uint8Array()).toString('utf8');
  const logTail = output.LogResult ? Buffer.from(output.LogResult, 'base64').toString('utf8') : '';
  const report = reportFromLogTail(output.LogResult);
  if (output.FunctionError) {
    throw new CheckFailure(
      `the function failed (${output.FunctionError}) instead of answering: ${rawResponse.slice(0, 300)}`,
      { functionError: output.FunctionError, reportDurationMs: report?.durationMs },
      clientLatencyMs,
    );
  }
  let response: unknown;
  try {
    response = JSON.parse(rawResponse);
  } catch {
    throw new CheckFailure(
      `the response is not JSON: ${rawResponse.slice(0, 200)}`,
      undefined,
      clientLatencyMs,
    );
  }
  if (typeof response !== 'object' || response === null || Array.isArray(response)) {
    throw new CheckFailure(`the response is not a JSON object: ${rawResponse.slice(0, 200)}`);
  }
  return {
    response: response as Record<string, unknown>,
    rawResponse,
    logTail,
    report,
    clientLatencyMs,
  };
}
