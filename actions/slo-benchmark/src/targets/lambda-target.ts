// Invokes the function with LogType: Tail and reads the REPORT line: the client's wall time is the
// load model's, the server's Duration, Billed Duration and Init Duration are Lambda's.
import { InvokeCommand, type InvokeCommandOutput, type LambdaClient } from '@aws-sdk/client-lambda';
import { reportFromLogTail } from '../../../lib/src/lambda-report.js';
import { failedCall, shortMessage } from './failure.js';
import type { Call } from '../load/load-models.js';
import type { EvaluationFindings } from './evaluation-findings.js';
import type { Payload } from './payloads.js';
import type { CallResult } from '../sample.js';

/** The Oracle answers errors as responses ({ statusCode, error: { code } }); those are errors too. */
function responseError(payload: Uint8Array | undefined): string | undefined {
  if (!payload || payload.length === 0 || payload[0] !== 0x7b) return undefined;
  const text = new TextDecoder().decode(payload);
  if (!text.includes('"statusCode"')) return undefined;
  const body = JSON.parse(text) as { statusCode?: unknown; error?: { code?: unknown } };
  if (typeof body.statusCode !== 'number' || body.statusCode < 300) return undefined;
  const code = typeof body.error?.code === 'string' ? ` ${body.error.code}` : '';
  return `response statusCode ${body.statusCode}${code}`;
}

/** The parts of an Invoke answer a sample is made of. */
export type InvokeAnswer = Pick<InvokeCommandOutput, 'FunctionError' | 'LogResult'> & {
  Payload?: Uint8Array;
};

function functionError(output: InvokeAnswer): string {
  const text = output.Payload ? new TextDecoder().decode(output.Payload) : '';
  let type = output.FunctionError ?? 'Unhandled';
  try {
    const body = JSON.parse(text) as { errorType?: unknown; errorMessage?: unknown };
    if (typeof body.errorType === 'string') type = `${type} ${body.errorType}`;
    if (typeof body.errorMessage === 'string') return shortMessage(`${type}: ${body.errorMessage}`);
  } catch {
    // Not JSON: the error type alone says enough.
  }
  return `function error ${type}`;
}

export function resultOf(output: InvokeAnswer): CallResult {
  const report = reportFromLogTail(output.LogResult);
  const server: CallResult = { outcome: 'ok', cold: report?.initDurationMs !== undefined };
  if (report) {
    server.serverMs = report.durationMs;
    server.billedMs = report.billedDurationMs;
    if (report.initDurationMs !== undefined) server.initMs = report.initDurationMs;
  }
  if (output.FunctionError) return { ...server, outcome: 'error', message: functionError(output) };
  const error = responseError(output.Payload);
  if (error) return { ...server, outcome: 'error', message: error };
  return server;
}

export function invokeOnce(
  client: LambdaClient,
  functionName: string,
  qualifier: string | undefined,
  payload: Payload,
  onAnswer?: (answer: Uint8Array | undefined) => void,
): Promise<CallResult> {
  return client
    .send(
      new InvokeCommand({
        FunctionName: functionName,
        ...(qualifier ? { Qualifier: qualifier } : {}),
        LogType: 'Tail',
        Payload: payload.body,
      }),
    )
    .then((output) => {
      const result = resultOf(output);
      if (result.outcome === 'ok') onAnswer?.(output.Payload);
      return result;
    }, failedCall);
}

/** Request k sends payload k mod the number of payloads; `findings` reads what the Oracle found. */
export function lambdaCall(
  client: LambdaClient,
  functionName: string,
  qualifier: string,
  payloads: readonly Payload[],
  findings?: EvaluationFindings,
): Call {
  return (index) => {
    const which = index % payloads.length;
    return invokeOnce(client, functionName, qualifier, payloads[which]!, (answer) =>
      findings?.observe(which, answer),
    );
  };
}
