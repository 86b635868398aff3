export const id = 537;
export const ids = [537];
export const modules = {

/***/ 8537:
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
// EXTERNAL MODULE: ./actions/lib/src/errors.ts
var errors = __webpack_require__(9404);
;// CONCATENATED MODULE: ./actions/smoke-test/src/aws-client-config.ts
// How the smoke test's AWS clients behave: few retries (a smoke test reports trouble, it does not
// hide it) and every request bounded in time.
function awsClientConfig(region, timeoutMs) {
    return {
        region,
        maxAttempts: 2,
        requestHandler: { requestTimeout: timeoutMs, connectionTimeout: Math.min(timeoutMs, 5000) },
    };
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
const NOT_FOUND = /^(ResourceNotFoundException|ResourceNotFound|ParameterNotFound|NoSuchEntity|NoSuchEntityException|DashboardNotFoundError)$/;
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

;// CONCATENATED MODULE: ./actions/smoke-test/src/drills/function-instances.ts
// Forcing new execution environments of $LATEST: any configuration update retires the old ones
// (on AWS only for $LATEST; published versions keep theirs), and the waiter holds until it settles.


async function functionDescription(lambda, functionName) {
    const config = await awsCall({ action: 'lambda:GetFunctionConfiguration', resource: functionName }, () => lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName })));
    return config.Description ?? '';
}
/** Sets the description (a harmless change) and waits until the update is done. */
async function replaceInstances(lambda, functionName, description, timeoutMs) {
    await aws_errors_awsCall({ action: 'lambda:UpdateFunctionConfiguration', resource: functionName }, () => lambda.send(new client_lambda_dist_cjs/* UpdateFunctionConfigurationCommand */.Zlw({
        FunctionName: functionName,
        Description: description,
    })));
    await aws_errors_awsCall({ action: 'lambda:GetFunctionConfiguration', resource: functionName }, () => (0,client_lambda_dist_cjs/* waitUntilFunctionUpdatedV2 */.rWV)({
        client: lambda,
        maxWaitTime: Math.max(1, Math.ceil(timeoutMs / 1000)),
        minDelay: 1,
        maxDelay: 2,
    }, { FunctionName: functionName }));
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
function putNonce(context, value, keyId) {
    const name = context.settings.parameters.nonce.name;
    return awsCall({ action: 'ssm:PutParameter', resource: name }, () => context.clients.ssm.send(new PutParameterCommand({
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

;// CONCATENATED MODULE: ./actions/smoke-test/src/drills/restore-pending.ts
// The post step's half of the fault drills: when main stopped mid-drill (the run was cancelled,
// the runner killed it, or it crashed), put back what the drill changed. The nonce is written back
// from its saved SSM version, and $LATEST gets new instances; alarms go back to OK.








const TIMEOUT_MS = 60_000;
const REASON = 'restored by the smoke-test post step: the run stopped during the alarm drill';
async function restoreNonce(clients, nonce, runner) {
    const saved = await aws_errors_awsCall({
        action: 'ssm:GetParameter (with decryption)',
        resource: `${nonce.parameter}:${nonce.version}`,
    }, () => clients.ssm.send(new client_ssm_dist_cjs/* GetParameterCommand */.lhy({
        Name: `${nonce.parameter}:${nonce.version}`,
        WithDecryption: true,
    })));
    const value = saved.Parameter?.Value ?? '';
    if (value === '')
        throw new Error(`version ${nonce.version} of ${nonce.parameter} has no value`);
    runner.setSecret(value);
    await aws_errors_awsCall({ action: 'ssm:PutParameter', resource: nonce.parameter }, () => clients.ssm.send(new client_ssm_dist_cjs/* PutParameterCommand */.ihh({
        Name: nonce.parameter,
        Value: value,
        Type: 'SecureString',
        KeyId: nonce.keyId,
        Overwrite: true,
    })));
    await replaceInstances(clients.lambda, nonce.functionName, nonce.description, TIMEOUT_MS);
}
/** Puts back what main left pending; fails the step, with the commands to run, if it cannot. */
async function restorePending(pending, runner) {
    runner.warning('The smoke test stopped during a fault drill (cancelled, killed or crashed); putting back what the drill changed.');
    const config = awsClientConfig(pending.region, TIMEOUT_MS);
    const clients = {
        ssm: new client_ssm_dist_cjs/* SSMClient */.jBj(config),
        lambda: new client_lambda_dist_cjs/* LambdaClient */.Nox(config),
        cloudwatch: new dist_cjs/* CloudWatchClient */.WBn(config),
    };
    const failures = [];
    try {
        if (pending.nonce) {
            const nonce = pending.nonce;
            try {
                await restoreNonce(clients, nonce, runner);
                runner.info(`Restored ${nonce.parameter} to the value of version ${nonce.version} and replaced the instances of ${nonce.functionName}.`);
            }
            catch (error) {
                failures.push(`RESTORE FAILED: ${nonce.parameter} may still hold the invalid drill value and the Oracle fails closed until it is fixed. ${(0,errors/* errorMessage */.gJ)(error)}\nRun:\n${restoreCommands(nonce.parameter, nonce, nonce.functionName, nonce.description)}`);
            }
        }
        for (const alarm of pending.alarms ?? []) {
            try {
                await aws_errors_awsCall({ action: 'cloudwatch:SetAlarmState', resource: alarm }, () => clients.cloudwatch.send(new dist_cjs/* SetAlarmStateCommand */.C3l({ AlarmName: alarm, StateValue: 'OK', StateReason: REASON })));
                runner.info(`Set ${alarm} back to OK.`);
            }
            catch (error) {
                failures.push(`${alarm} may still be in ALARM (it returns to its real state at the next evaluation): ${(0,errors/* errorMessage */.gJ)(error)}`);
            }
        }
    }
    finally {
        for (const client of Object.values(clients))
            client.destroy();
    }
    if (failures.length > 0)
        runner.setFailed(failures.join('\n'));
}


/***/ })

};
