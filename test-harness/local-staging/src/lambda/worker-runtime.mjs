// The inside of one Lambda function instance (a child process of the emulator): it imports the
// handler once (the init phase), then serves the invocations the emulator sends over IPC one at a
// time, writing logs as the Node.js managed runtime formats them. Plain JavaScript so any Node
// binary can run it without a TypeScript step.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const taskRoot = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
const handlerSpec = process.env._HANDLER ?? 'index.handler';

/** Log text of the running phase: init logs go out with the first invocation. */
let logBuffer = [];
let currentRequestId = 'undefined';

function appendLog(text) {
  logBuffer.push(text);
}

function logLine(level, args) {
  const message = format(...args).replace(/\n/g, '\r');
  appendLog(`${new Date().toISOString()}\t${currentRequestId}\t${level}\t${message}\n`);
}

console.log = (...args) => logLine('INFO', args);
console.info = (...args) => logLine('INFO', args);
console.warn = (...args) => logLine('WARN', args);
console.error = (...args) => logLine('ERROR', args);
console.debug = (...args) => logLine('DEBUG', args);
console.trace = (...args) => logLine('TRACE', args);
for (const stream of [process.stdout, process.stderr]) {
  stream.write = (chunk, encoding, callback) => {
    appendLog(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') done();
    return true;
  };
}

function describeError(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name || 'Error',
      errorMessage: error.message,
      trace: (error.stack ?? '').split('\n'),
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

function takeLog() {
  const text = logBuffer.join('');
  logBuffer = [];
  return text;
}

function maxMemoryUsedMb() {
  return Math.ceil(process.resourceUsage().maxRSS / 1024);
}

async function loadHandler() {
  const dot = handlerSpec.lastIndexOf('.');
  if (dot <= 0) throw new Error(`Bad handler ${handlerSpec}: expected <module>.<export>`);
  const modulePath = handlerSpec.slice(0, dot);
  const exportName = handlerSpec.slice(dot + 1);
  const file = ['.mjs', '.js', '.cjs']
    .map((extension) => join(taskRoot, modulePath + extension))
    .find((candidate) => existsSync(candidate));
  if (!file) {
    const error = new Error(`Cannot find module '${modulePath}'`);
    error.name = 'Runtime.ImportModuleError';
    throw error;
  }
  const module = await import(pathToFileURL(file).href);
  const handler = module[exportName] ?? module.default?.[exportName];
  if (typeof handler !== 'function') {
    const error = new Error(`${handlerSpec} is undefined or not exported`);
    error.name = 'Runtime.HandlerNotFound';
    throw error;
  }
  return handler;
}

function contextFor(message) {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: message.functionVersion,
    invokedFunctionArn: message.invokedFunctionArn,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: message.requestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: message.clientContext,
    identity: undefined,
    getRemainingTimeInMillis: () => Math.max(0, message.deadlineMs - Date.now()),
  };
}

let handler;
try {
  handler = await loadHandler();
  process.send({ type: 'ready', log: takeLog(), maxMemoryUsedMb: maxMemoryUsedMb() });
} catch (error) {
  logLine('ERROR', [`Uncaught Exception \t${JSON.stringify(describeError(error))}`]);
  process.send({ type: 'init-error', error: describeError(error), log: takeLog() }, () =>
    process.exit(1),
  );
}

let invoking;
process.on('uncaughtException', (error) => {
  if (!invoking) process.exit(1);
  logLine('ERROR', [`Uncaught Exception \t${JSON.stringify(describeError(error))}`]);
  invoking.fail(error, 'Runtime.ExitError');
});
process.on('unhandledRejection', (reason) => {
  if (!invoking) process.exit(1);
  logLine('ERROR', [`Unhandled Promise Rejection \t${JSON.stringify(describeError(reason))}`]);
  invoking.fail(reason, 'Runtime.UnhandledPromiseRejection');
});

process.on('message', async (message) => {
  if (message.type !== 'invoke' || !handler) return;
  currentRequestId = message.requestId;
  let settled = false;
  const reply = (body, exit) => {
    if (settled) return;
    settled = true;
    invoking = undefined;
    currentRequestId = 'undefined';
    process.send(
      {
        type: 'result',
        id: message.id,
        ...body,
        log: takeLog(),
        maxMemoryUsedMb: maxMemoryUsedMb(),
      },
      () => exit && process.exit(1),
    );
  };
  invoking = {
    fail: (error, errorType) =>
      reply({ ok: false, error: { ...describeError(error), errorType } }, true),
  };
  try {
    const result = await handler(JSON.parse(message.event), contextFor(message));
    reply({ ok: true, payload: JSON.stringify(result ?? null) });
  } catch (error) {
    const described = describeError(error);
    logLine('ERROR', [`Invoke Error \t${JSON.stringify(described)}`]);
    reply({ ok: false, error: described });
  }
});
