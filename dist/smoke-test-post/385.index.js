export const id = 385;
export const ids = [385];
export const modules = {

/***/ 8385:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  restorePending: () => (/* binding */ restorePending)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch/dist-cjs/index.js
var dist_cjs = __webpack_require__(4085);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-lambda/dist-cjs/index.js
var client_lambda_dist_cjs = __webpack_require__(1696);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ssm/dist-cjs/index.js
var client_ssm_dist_cjs = __webpack_require__(4736);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 17 modules
var core = __webpack_require__(410);
// EXTERNAL MODULE: ./actions/lib/src/errors.ts
var errors = __webpack_require__(9404);
;// CONCATENATED MODULE: ./actions/lib/src/log.ts
// Log lines that no input can turn into a workflow command. The runner reads a command from any
// stdout or stderr line that starts with `::` after white space (U+2028, U+2029 and NEL count as
// white space there) and from `##[` anywhere in a line; lines end at \n, \r and \r\n. Untrusted
// text (inputs, paths, names from AWS, error messages) goes into a line through `printable`, and
// every line this package logs goes through `info`, which also guards whole lines.

/** Characters that end a line somewhere (the runner, the log viewer, an editor), shown escaped. */
const LINE_BREAKS = {
    '\n': '\\n',
    '\r': '\\r',
    '\v': '\\v',
    '\f': '\\f',
    '\u0085': '\\u0085',
    '\u2028': '\\u2028',
    '\u2029': '\\u2029',
};
const LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/g;
/** .NET's Char.IsWhiteSpace, which the runner's TrimStart removes before looking for `::`. */
const LEADING_WHITE_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;
/** Breaks up what would start a command: `::` at the start (after white space), `##[` anywhere. */
function defuse(line) {
    const indent = LEADING_WHITE_SPACE.exec(line)?.[0] ?? '';
    const rest = line.slice(indent.length);
    const start = rest.startsWith('::') ? `${indent}\\${rest}` : line;
    return start.includes('##[') ? start.split('##[').join('##\\[') : start;
}
/**
 * Untrusted text made safe to put anywhere in one log line: line breaks shown as `\n`, `\r`,
 * `\u2028`, … and command openers broken up, so it can neither end the line nor start a command.
 */
function printable(text) {
    return defuse(text.replace(LINE_BREAK, (c) => LINE_BREAKS[c]));
}
/** A whole log line (or several, split at real line breaks) with no line the runner reads as a command. */
function commandSafe(message) {
    return message
        .split(/\r\n|\r|\n/)
        .map((line) => defuse(line.replace(/[\u0085\u2028\u2029]/g, (c) => LINE_BREAKS[c])))
        .join('\n');
}
/** Writes a log line (core.info) that cannot be read as a workflow command. */
function info(message) {
    (0,core/* info */.pq)(commandSafe(message));
}

;// CONCATENATED MODULE: ./actions/lib/src/retry.ts
// Retries an operation with capped exponential backoff and full jitter, within a total time
// budget. Time is injected so tests never sleep.
const realClock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
};
async function withRetry(operation, policy, clock = realClock) {
    const started = clock.now();
    for (let attempt = 1;; attempt++) {
        try {
            return await operation(attempt);
        }
        catch (error) {
            if (attempt >= policy.maxAttempts || !policy.isRetryable(error))
                throw error;
            const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
            const delay = Math.floor(clock.random() * ceiling);
            if (clock.now() + delay - started > policy.totalBudgetMs)
                throw error;
            policy.onRetry?.(error, attempt, delay);
            await clock.sleep(delay);
        }
    }
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
;// CONCATENATED MODULE: ./actions/lib/src/aws-client-config.ts
// One configuration for every AWS SDK client of every action: region, attempts, a timeout on every
// request, a keep-alive pool, the proxy the environment names (HTTPS_PROXY, HTTP_PROXY, NO_PROXY;
// the SDK's own handler ignores them), and the request ids of failed calls in the debug log.
// Endpoints and credentials stay the SDK's: AWS_ENDPOINT_URL_<SERVICE>, AWS_ACCESS_KEY_ID, ….



const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
/** The client configuration; the proxy-aware agent is loaded only when a proxy variable is set. */
async function awsClientConfig(options) {
    const connections = options.connections ?? 50;
    const pool = { keepAlive: true, maxSockets: connections, maxFreeSockets: connections };
    const direct = { http: new external_node_http_.Agent(pool), https: new external_node_https_.Agent(pool) };
    let agents = direct;
    if (PROXY_VARIABLES.some((name) => process.env[name])) {
        const { EnvironmentProxyAgent } = await Promise.all(/* import() */[__webpack_require__.e(40), __webpack_require__.e(515)]).then(__webpack_require__.bind(__webpack_require__, 5515));
        const agent = new EnvironmentProxyAgent({ direct, maxSockets: connections });
        agents = { http: agent, https: agent };
    }
    return {
        ...(options.region ? { region: options.region } : {}),
        maxAttempts: options.maxAttempts,
        requestHandler: {
            httpAgent: agents.http,
            httpsAgent: agents.https,
            requestTimeout: options.requestTimeoutMs,
            connectionTimeout: Math.min(options.requestTimeoutMs, 10_000),
        },
        destroy() {
            for (const agent of new Set([agents.http, agents.https, direct.http, direct.https]))
                agent.destroy();
        },
    };
}
const MAX_LOGGED_FAILURES = 100;
let loggedFailures = 0;
/** What the debug log says about a failed call: the ids AWS support asks for. */
function describeFailedCall(service, command, error) {
    const meta = error.$metadata ?? {};
    const ids = [
        meta.httpStatusCode === undefined ? 'no HTTP answer' : `HTTP ${meta.httpStatusCode}`,
        `request id ${meta.requestId ?? 'none'}`,
        ...(meta.extendedRequestId ? [`extended request id ${meta.extendedRequestId}`] : []),
    ];
    return `${service} ${command} failed (${error.name ?? 'Error'}): ${ids.join(', ')}`;
}
/** Adds to a client a debug line with the request ids of every call that fails. */
function logFailedRequestIds(client) {
    client.middlewareStack.add((next, context) => async (args) => {
        try {
            return await next(args);
        }
        catch (error) {
            if (loggedFailures < MAX_LOGGED_FAILURES) {
                loggedFailures += 1;
                const service = (context.clientName ?? 'AWS').replace(/Client$/, '');
                const command = (context.commandName ?? 'call').replace(/Command$/, '');
                debug(describeFailedCall(service, command, error));
                if (loggedFailures === MAX_LOGGED_FAILURES)
                    debug(`Further failed AWS calls are not logged (${MAX_LOGGED_FAILURES} were).`);
            }
            throw error;
        }
    }, { step: 'initialize', name: 'mirrorDissonanceFailedRequestIds' });
    return client;
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/aws-client-config.ts
// How the smoke test's AWS clients behave: few retries (a smoke test reports trouble, it does not
// hide it), every request bounded by request-timeout, proxies from the environment.

function smokeClientConfig(region, requestTimeoutMs) {
    return awsClientConfig({ region, maxAttempts: 2, requestTimeoutMs, connections: 8 });
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/recorder.ts
// Runs checks one at a time, times them, turns any thrown error into a failed result, and writes
// a progress line per check so a long run shows where it is.


/** Thrown by a check to fail with data for the JSON report. */
class recorder_CheckFailure extends Error {
    data;
    latencyMs;
    name = 'CheckFailure';
    constructor(message, data, latencyMs) {
        super(message);
        this.data = data;
        this.latencyMs = latencyMs;
    }
}
const MARKS = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' };
class CheckRecorder {
    log;
    now;
    results = [];
    constructor(log, now = () => performance.now()) {
        this.log = log;
        this.now = now;
    }
    async check(area, name, body, options = {}) {
        const started = this.now();
        let result;
        try {
            const outcome = await body();
            result = {
                area,
                name,
                status: outcome.skipped ? 'skipped' : 'passed',
                detail: outcome.detail,
                durationMs: Math.round(this.now() - started),
                ...(outcome.latencyMs !== undefined ? { latencyMs: Math.round(outcome.latencyMs) } : {}),
                ...(outcome.data ? { data: outcome.data } : {}),
                ...(outcome.warning ? { warning: outcome.warning } : {}),
            };
        }
        catch (error) {
            const failure = error instanceof recorder_CheckFailure ? error : undefined;
            result = {
                area,
                name,
                status: 'failed',
                detail: errorMessage(error),
                durationMs: Math.round(this.now() - started),
                ...(failure?.latencyMs !== undefined ? { latencyMs: Math.round(failure.latencyMs) } : {}),
                ...(failure?.data ? { data: failure.data } : {}),
                ...(options.critical ? { critical: true } : {}),
            };
        }
        return this.#record(result);
    }
    fail(area, name, reason) {
        return this.#record({ area, name, status: 'failed', detail: reason, durationMs: 0 });
    }
    skip(area, name, reason) {
        return this.#record({ area, name, status: 'skipped', detail: reason, durationMs: 0 });
    }
    #record(result) {
        this.results.push(result);
        const latency = result.latencyMs !== undefined ? ` (${result.latencyMs} ms)` : '';
        this.log(`${MARKS[result.status]} ${checkId(result)}: ${result.detail}${latency}`);
        return result;
    }
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/aws-errors.ts
// Turns an AWS SDK error into a sentence a person can act on: which action on which resource was
// denied, or which name was expected and from which input.


const DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|AuthorizationError|AuthorizationErrorException|UnrecognizedClientException|InvalidClientTokenId|ExpiredToken|ExpiredTokenException)$/;
const NOT_FOUND = /^(ResourceNotFoundException|ResourceNotFound|ParameterNotFound|NoSuchEntity|NoSuchEntityException|DashboardNotFoundError|NotFoundException|QueueDoesNotExist)$/;
function explainAwsError(error, step) {
    const name = (0,errors/* errorName */.Is)(error);
    const message = (0,errors/* errorMessage */.gJ)(error);
    if (DENIED.test(name)) {
        // AWS names the action actually refused, which may be another service's (kms:Decrypt for SSM).
        const refused = /not authorized to perform: (\S+) on resource: (\S+)/.exec(message);
        const action = refused?.[1] ?? step.action;
        const resource = refused?.[2] ?? step.resource;
        const credentials = /token|client/i.test(name)
            ? ' The credentials are invalid or expired: run oidc-assume (or configure credentials) earlier in the job.'
            : ` Allow ${action} on ${resource} for the role this step runs as (the deploy role's policy in infra/terraform/modules/iam/policies.tf).`;
        return `Not allowed to call ${step.action} on ${step.resource} (${name}: ${message}).${credentials}`;
    }
    if (NOT_FOUND.test(name)) {
        const from = step.source ? ` The name comes from ${step.source}.` : '';
        return `${step.resource} was not found (${step.action}: ${name}).${from} Check that the environment is deployed and the name is right.`;
    }
    return `${step.action} on ${step.resource} failed: ${name}: ${message}`;
}
/** Runs one SDK call; a failure becomes a CheckFailure with the explanation. */
async function aws_errors_awsCall(step, call) {
    try {
        return await call();
    }
    catch (error) {
        throw new recorder_CheckFailure(explainAwsError(error, step));
    }
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/drills/alarm-reset.ts
// Sets a drilled alarm back to OK. A failed SetAlarmState is not the verdict: the alarm is read
// back, and it counts as back unless it is still in ALARM for the drill's reason (a real
// evaluation may have moved it on already).




/** The StateReason of every state the drill sets starts with this. */
const DRILL_REASON = 'smoke-test alarm drill';
function setState(cloudwatch, name, value, reason) {
    return aws_errors_awsCall({ action: 'cloudwatch:SetAlarmState', resource: name }, () => cloudwatch.send(new dist_cjs/* SetAlarmStateCommand */.C3l({ AlarmName: name, StateValue: value, StateReason: reason })));
}
function setAlarm(cloudwatch, name, runId) {
    return setState(cloudwatch, name, 'ALARM', `${DRILL_REASON} ${runId}`);
}
async function stillDrilled(cloudwatch, name) {
    const output = await aws_errors_awsCall({ action: 'cloudwatch:DescribeAlarms', resource: name }, () => cloudwatch.send(new dist_cjs/* DescribeAlarmsCommand */.zWD({ AlarmNames: [name] })));
    const alarm = output.MetricAlarms?.[0] ?? output.CompositeAlarms?.[0];
    return alarm?.StateValue === 'ALARM' && (alarm.StateReason ?? '').startsWith(DRILL_REASON);
}
/**
 * Sets the alarm back to OK; throws a CheckFailure only when it is verifiably still drilled.
 * Returns a note when SetAlarmState failed but the alarm reads back as no longer drilled.
 */
async function resetAlarm(cloudwatch, name, reason) {
    let failure;
    try {
        await setState(cloudwatch, name, 'OK', reason);
        return undefined;
    }
    catch (error) {
        failure = error;
    }
    let drilled;
    try {
        drilled = await stillDrilled(cloudwatch, name);
    }
    catch (error) {
        throw new recorder_CheckFailure(`could not set it back to OK (${(0,errors/* errorMessage */.gJ)(failure)}) nor read its state (${(0,errors/* errorMessage */.gJ)(error)}); it returns to its real state at the next evaluation`);
    }
    if (drilled) {
        throw new recorder_CheckFailure(`could not set it back to OK (it returns to its real state at the next evaluation): ${(0,errors/* errorMessage */.gJ)(failure)}`);
    }
    return `it reads OK; SetAlarmState failed: ${(0,errors/* errorMessage */.gJ)(failure)}`;
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/drills/nonce-parameter.ts
// The nonce parameter during the drill: its current value saved (masked at once), values
// written as new SecureString versions under the same key, and the by-hand restore commands.



async function saveNonce(context) {
    const { ssm } = context.clients;
    const parameter = context.settings.parameters.nonce;
    const current = await awsCall({
        action: 'ssm:GetParameter (with decryption)',
        resource: parameter.name,
        source: parameter.source,
    }, () => ssm.send(new GetParameterCommand({ Name: parameter.name, WithDecryption: true })));
    const value = current.Parameter?.Value ?? '';
    if (value)
        context.maskSecret(value);
    const described = await awsCall({ action: 'ssm:DescribeParameters', resource: parameter.name }, () => ssm.send(new DescribeParametersCommand({
        ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: [parameter.name] }],
    })));
    const keyId = described.Parameters?.[0]?.KeyId ?? '';
    if (!value || !keyId) {
        throw new CheckFailure(`${parameter.name} has no value or no KMS key; nothing was changed`);
    }
    return { value, version: current.Parameter?.Version ?? 0, keyId };
}
/** Writes a value as a new SecureString version of the parameter under the same key. */
function putNonceValue(ssm, name, value, keyId) {
    return aws_errors_awsCall({ action: 'ssm:PutParameter', resource: name }, () => ssm.send(new client_ssm_dist_cjs/* PutParameterCommand */.ihh({
        Name: name,
        Value: value,
        Type: 'SecureString',
        KeyId: keyId,
        Overwrite: true,
    })));
}
/** The commands that put the saved version back by hand; they never print the value. */
function restoreCommands(parameter, saved, functionName, description) {
    const query = `Parameters[?Version==\`${saved.version}\`].Value | [0]`;
    return [
        `aws ssm put-parameter --name '${parameter}' --type SecureString --key-id '${saved.keyId}' --overwrite --value "$(aws ssm get-parameter-history --name '${parameter}' --with-decryption --query '${query}' --output text)"`,
        `aws lambda update-function-configuration --function-name '${functionName}' --description '${description.replace(/'/g, "'\\''")}'`,
    ].join('\n');
}

;// CONCATENATED MODULE: ./actions/lib/src/function-instances.ts
// New execution environments for $LATEST: a configuration change (a description, an environment
// variable) retires its warm instances, so the next invocation starts new ones; published
// versions keep theirs. Lambda refuses an update while the previous one is InProgress
// (ResourceConflictException), and on AWS an update stays in progress for seconds; a cancelled
// run may leave one in flight. So every change waits until LastUpdateStatus leaves InProgress,
// retries a conflict with backoff, and waits for its own update to finish, within a time budget.
// Failures name the Lambda call and keep the SDK's error, for each action to explain its way.



/** A Lambda call failed; `cause` is the SDK's error. */
class LambdaCallError extends Error {
    action;
    functionName;
    cause;
    name = 'LambdaCallError';
    constructor(action, functionName, cause) {
        super(`${action} on ${functionName} failed: ${(0,errors/* errorName */.Is)(cause)}: ${(0,errors/* errorMessage */.gJ)(cause)}`);
        this.action = action;
        this.functionName = functionName;
        this.cause = cause;
    }
}
/** An update that did not finish well: still InProgress at the deadline, or ended Failed. */
class UpdateNotDoneError extends Error {
    status;
    name = 'UpdateNotDoneError';
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}
const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 2000;
async function readConfiguration(lambda, functionName) {
    try {
        return await lambda.send(new client_lambda_dist_cjs/* GetFunctionConfigurationCommand */.qA6({ FunctionName: functionName }));
    }
    catch (error) {
        throw new LambdaCallError('lambda:GetFunctionConfiguration', functionName, error);
    }
}
/** The configuration once no update is InProgress; fails when one still is at the deadline. */
async function settledConfiguration(lambda, functionName, timing, deadline) {
    for (let pollMs = FIRST_POLL_MS;; pollMs = Math.min(MAX_POLL_MS, pollMs * 2)) {
        const configuration = await readConfiguration(lambda, functionName);
        if (configuration.LastUpdateStatus !== 'InProgress')
            return configuration;
        const left = deadline - timing.now();
        if (left <= 0) {
            throw new UpdateNotDoneError('InProgress', `${functionName} was still updating (LastUpdateStatus InProgress) when the timeout ran out`);
        }
        await timing.sleep(Math.min(pollMs, left));
    }
}
/**
 * Starts a change of $LATEST: waits for any update in progress, then updates (a conflict is
 * retried). Resolves once Lambda accepted the update, which may still be InProgress.
 */
async function startUpdate(lambda, functionName, change, timing) {
    const deadline = timing.now() + timing.budgetMs;
    const conflict = (error) => error instanceof LambdaCallError && (0,errors/* errorName */.Is)(error.cause) === 'ResourceConflictException';
    await withRetry(async () => {
        await settledConfiguration(lambda, functionName, timing, deadline);
        try {
            await lambda.send(new client_lambda_dist_cjs/* UpdateFunctionConfigurationCommand */.Zlw({ FunctionName: functionName, ...change }));
        }
        catch (error) {
            throw new LambdaCallError('lambda:UpdateFunctionConfiguration', functionName, error);
        }
    }, {
        maxAttempts: Number.POSITIVE_INFINITY,
        baseDelayMs: 500,
        maxDelayMs: 4000,
        totalBudgetMs: timing.budgetMs,
        isRetryable: conflict,
    }, timing);
}
/** Waits, with a whole budget of its own, until the accepted update is done; fails if it Failed. */
async function finishUpdate(lambda, functionName, timing) {
    const after = await settledConfiguration(lambda, functionName, timing, timing.now() + timing.budgetMs);
    if (after.LastUpdateStatus === 'Failed') {
        throw new UpdateNotDoneError('Failed', `the configuration update of ${functionName} ended ${after.LastUpdateStatus}: ${after.LastUpdateStatusReason ?? 'no reason given'}`);
    }
}
/** Changes $LATEST and waits until the change is done: the next invocation starts new instances. */
async function updateLatest(lambda, functionName, change, timing) {
    await startUpdate(lambda, functionName, change, timing);
    await finishUpdate(lambda, functionName, timing);
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/drills/function-updates.ts



function asCheckFailure(error) {
    if (error instanceof LambdaCallError) {
        const step = { action: error.action, resource: error.functionName };
        return new recorder_CheckFailure(explainAwsError(error.cause, step));
    }
    if (error instanceof UpdateNotDoneError) {
        const raise = error.status === 'InProgress'
            ? '; raise timeout-seconds if updates of this function take longer'
            : '';
        return new recorder_CheckFailure(`${error.message}${raise}`);
    }
    return error;
}
async function checked(call) {
    try {
        return await call();
    }
    catch (error) {
        throw asCheckFailure(error);
    }
}
function function_updates_readConfiguration(lambda, functionName) {
    return checked(() => readConfiguration(lambda, functionName));
}
async function functionDescription(lambda, functionName) {
    return (await function_updates_readConfiguration(lambda, functionName)).Description ?? '';
}
/** The configuration once no update is InProgress; fails when one still is at the deadline. */
function function_updates_settledConfiguration(lambda, functionName, timing, deadline) {
    return checked(() => settledConfiguration(lambda, functionName, timing, deadline));
}
/** Sets $LATEST's description (a harmless change that starts new instances) and waits it out. */
function setDescription(lambda, functionName, description, timing) {
    return checked(() => updateLatest(lambda, functionName, { Description: description }, timing));
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/drills/nonce-restore.ts
// Puts the nonce drill's changes back: the nonce's saved value, then $LATEST's description (the
// drill changed it to start new instances; putting it back starts new ones again, which read the
// restored nonce). Each part is done only if it is not already back, so the same restore serves the
// drill's own finally and the post step after a cancel at any point. An error on the way is not
// the verdict: the restore fails only when a read-back shows the nonce or the function not back.






/** The value of the saved version (`name:version`), which the post step restores from. */
async function savedNonceValue(ssm, pending) {
    const selector = `${pending.parameter}:${pending.version}`;
    const value = await currentValue(ssm, selector);
    if (value === '') {
        throw new recorder_CheckFailure(`version ${pending.version} of ${pending.parameter} has no value`);
    }
    return value;
}
async function currentValue(ssm, parameter) {
    const output = await aws_errors_awsCall({ action: 'ssm:GetParameter (with decryption)', resource: parameter }, () => ssm.send(new client_ssm_dist_cjs/* GetParameterCommand */.lhy({ Name: parameter, WithDecryption: true })));
    return output.Parameter?.Value ?? '';
}
/** What is not back, read from AWS; empty when the nonce and the function are as they were. */
async function notBack(clients, pending, saved) {
    const missing = [];
    if ((await currentValue(clients.ssm, pending.parameter)) !== saved) {
        missing.push(`${pending.parameter} does not hold the value of version ${pending.version} (the Oracle fails closed until it does)`);
    }
    const configuration = await function_updates_readConfiguration(clients.lambda, pending.functionName);
    if ((configuration.Description ?? '') !== pending.description) {
        missing.push(`${pending.functionName} still has the drill's description`);
    }
    if (configuration.LastUpdateStatus !== 'Successful') {
        missing.push(`${pending.functionName}'s last configuration update is ${configuration.LastUpdateStatus ?? 'unknown'}`);
    }
    return missing;
}
/**
 * Restores the saved nonce value and the function's description; returns what it did. Throws a
 * CheckFailure starting "RESTORE FAILED", with the commands that fix it, when a read-back shows
 * either not back (or cannot be made).
 */
async function restoreNonce(clients, pending, saved, timing) {
    const done = [];
    const trouble = [];
    // The two parts are independent: each is put back even when the other cannot be.
    try {
        if ((await currentValue(clients.ssm, pending.parameter)) === saved) {
            done.push(`${pending.parameter} already held the value of version ${pending.version}`);
        }
        else {
            await putNonceValue(clients.ssm, pending.parameter, saved, pending.keyId);
            done.push(`wrote back the value of version ${pending.version} of ${pending.parameter}`);
        }
    }
    catch (error) {
        trouble.push(error);
    }
    try {
        const configuration = await function_updates_readConfiguration(clients.lambda, pending.functionName);
        if ((configuration.Description ?? '') === pending.description) {
            // Back already, but an update still in progress (the restore's own, cancelled) must finish.
            await function_updates_settledConfiguration(clients.lambda, pending.functionName, timing, timing.now() + timing.budgetMs);
            done.push(`${pending.functionName} already had its description`);
        }
        else {
            await setDescription(clients.lambda, pending.functionName, pending.description, timing);
            done.push(`put back the description of ${pending.functionName} (new instances started)`);
        }
    }
    catch (error) {
        trouble.push(error);
    }
    let missing;
    try {
        missing = await notBack(clients, pending, saved);
    }
    catch (error) {
        missing = [`the restore could not be read back: ${(0,errors/* errorMessage */.gJ)(error)}`];
    }
    if (missing.length > 0) {
        const why = trouble.map((error) => ` ${(0,errors/* errorMessage */.gJ)(error)}`).join('');
        throw new recorder_CheckFailure(`RESTORE FAILED: ${missing.join('; ')}.${why}\nRun:\n${restoreCommands(pending.parameter, pending, pending.functionName, pending.description)}`);
    }
    const after = trouble.length === 0
        ? ''
        : ` (read back after: ${trouble.map((error) => (0,errors/* errorMessage */.gJ)(error)).join('; ')})`;
    return `${done.join('; ')}${after}`;
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/drills/restore-pending.ts
// The post step's half of the fault drills: when main stopped mid-drill (the run was cancelled,
// the runner killed it, or it crashed), put back what the drill changed, whatever point it had
// reached. The nonce is written back from its saved SSM version and $LATEST's description put
// back (waiting out any update still in progress); alarms go back to OK.











const REASON = 'restored by the smoke-test post step: the run stopped during the alarm drill';
async function putBackNonce(clients, nonce, timeoutMs) {
    let saved;
    try {
        saved = await savedNonceValue(clients.ssm, nonce);
    }
    catch (error) {
        throw new Error(`RESTORE FAILED: the value to put back (version ${nonce.version} of ${nonce.parameter}) could not be read, so ${nonce.parameter} may still hold the invalid drill value and the Oracle fails closed until it is fixed. ${(0,errors/* errorMessage */.gJ)(error)}\nRun:\n${restoreCommands(nonce.parameter, nonce, nonce.functionName, nonce.description)}`);
    }
    (0,core/* setSecret */.Pq)(saved);
    return restoreNonce(clients, nonce, saved, { ...realClock, budgetMs: timeoutMs });
}
/**
 * Puts back what main left pending; fails the step, with the commands to run, if it cannot. Each
 * request is bounded by request-timeout, each restore by main's timeout-seconds.
 */
async function restorePending(pending, requestTimeoutMs) {
    (0,core/* warning */.$e)('The smoke test stopped during a fault drill (cancelled, killed or crashed); putting back what the drill changed.');
    const config = await smokeClientConfig(pending.region, requestTimeoutMs);
    const clients = {
        ssm: new client_ssm_dist_cjs/* SSMClient */.jBj(config),
        lambda: new client_lambda_dist_cjs/* LambdaClient */.Nox(config),
        cloudwatch: new dist_cjs/* CloudWatchClient */.WBn(config),
    };
    const failures = [];
    try {
        if (pending.nonce) {
            try {
                const done = await putBackNonce(clients, pending.nonce, pending.timeoutMs);
                info(`Nonce drill restored: ${done}.`);
            }
            catch (error) {
                failures.push((0,errors/* errorMessage */.gJ)(error));
            }
        }
        for (const alarm of pending.alarms ?? []) {
            try {
                const note = await resetAlarm(clients.cloudwatch, alarm, REASON);
                info(`${alarm} is back to OK${note ? ` (${note})` : ''}.`);
            }
            catch (error) {
                failures.push(`${alarm}: ${(0,errors/* errorMessage */.gJ)(error)}`);
            }
        }
    }
    finally {
        for (const client of Object.values(clients))
            client.destroy();
        config.destroy();
    }
    if (failures.length > 0)
        (0,core/* setFailed */.C1)(failures.join('\n'));
}


/***/ })

};
