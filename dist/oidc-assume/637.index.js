export const id = 637;
export const ids = [637];
export const modules = {

/***/ 3637:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  assumeRole: () => (/* binding */ assumeRole)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 17 modules
var core = __webpack_require__(410);
// EXTERNAL MODULE: ./actions/lib/src/errors.ts
var errors = __webpack_require__(9404);
// EXTERNAL MODULE: ./actions/lib/src/log.ts
var log = __webpack_require__(6153);
// EXTERNAL MODULE: ./actions/lib/src/retry.ts
var retry = __webpack_require__(7409);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var dist_cjs = __webpack_require__(1695);
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
                (0,core/* debug */.Yz)(describeFailedCall(service, command, error));
                if (loggedFailures === MAX_LOGGED_FAILURES)
                    (0,core/* debug */.Yz)(`Further failed AWS calls are not logged (${MAX_LOGGED_FAILURES} were).`);
            }
            throw error;
        }
    }, { step: 'initialize', name: 'mirrorDissonanceFailedRequestIds' });
    return client;
}

;// CONCATENATED MODULE: ./actions/oidc-assume/src/sts.ts
// The two STS calls of this action through @aws-sdk/client-sts, as configure-aws-credentials makes
// them, with the shared client configuration (timeouts, proxies, request ids in the debug log).
// The SDK does not retry (maxAttempts 1): assume-role.ts retries what may be retried.


const RETRYABLE_CODES = new Set([
    'Throttling',
    'ThrottlingException',
    'RequestLimitExceeded',
    'TooManyRequestsException',
    'IDPCommunicationError',
    'IDPCommunicationErrorException',
    'ServiceUnavailable',
    'InternalFailure',
    'InternalError',
    'RequestTimeout',
    'TimeoutError',
]);
const RETRYABLE_NETWORK_CODES = new Set([
    'ECONNRESET',
    'ETIMEDOUT',
    'ECONNREFUSED',
    'EAI_AGAIN',
    'EPIPE',
]);
/** Throttling, 5xx, timeouts and transient network failures; never access or validation errors. */
function isRetryableStsFailure(error) {
    if (!(error instanceof Error))
        return false;
    if (RETRYABLE_CODES.has(error.name))
        return true;
    if (error instanceof dist_cjs/* STSServiceException */.LC)
        return (error.$metadata.httpStatusCode ?? 0) >= 500;
    return RETRYABLE_NETWORK_CODES.has(error.code ?? '');
}
/** An error STS answered with (as opposed to no answer at all). */
function isStsRefusal(error) {
    return error instanceof dist_cjs/* STSServiceException */.LC;
}
function required(value, what) {
    if (value === undefined)
        throw new Error(`STS answered without ${what}; is the endpoint really STS?`);
    return value;
}
class Sts {
    config;
    anonymous;
    /** The client signed with the assumed credentials, made by the first getCallerIdentity. */
    signed;
    constructor(config, anonymous) {
        this.config = config;
        this.anonymous = anonymous;
    }
    static async create(region, requestTimeoutMs) {
        const config = await awsClientConfig({
            region,
            maxAttempts: 1,
            requestTimeoutMs,
            connections: 2,
        });
        return new Sts(config, logFailedRequestIds(new dist_cjs/* STSClient */.iM(config)));
    }
    async assumeRoleWithWebIdentity(request) {
        const output = await this.anonymous.send(new dist_cjs/* AssumeRoleWithWebIdentityCommand */.WH({
            RoleArn: request.roleArn,
            RoleSessionName: request.sessionName,
            DurationSeconds: request.durationSeconds,
            WebIdentityToken: request.webIdentityToken,
            ...(request.sessionPolicy === undefined ? {} : { Policy: request.sessionPolicy }),
            ...(request.sessionPolicyArns?.length
                ? { PolicyArns: request.sessionPolicyArns.map((arn) => ({ arn })) }
                : {}),
        }));
        const credentials = required(output.Credentials, 'credentials');
        return {
            accessKeyId: required(credentials.AccessKeyId, 'an access key id'),
            secretAccessKey: required(credentials.SecretAccessKey, 'a secret access key'),
            sessionToken: required(credentials.SessionToken, 'a session token'),
            expiration: required(credentials.Expiration, 'an expiration').toISOString(),
            assumedRoleArn: required(output.AssumedRoleUser?.Arn, 'the assumed role'),
        };
    }
    async getCallerIdentity(credentials) {
        this.signed ??= logFailedRequestIds(new dist_cjs/* STSClient */.iM({
            ...this.config,
            credentials: {
                accessKeyId: credentials.accessKeyId,
                secretAccessKey: credentials.secretAccessKey,
                sessionToken: credentials.sessionToken,
            },
        }));
        const output = await this.signed.send(new dist_cjs/* GetCallerIdentityCommand */.zI({}));
        return { account: required(output.Account, 'an account'), arn: required(output.Arn, 'an ARN') };
    }
    destroy() {
        this.anonymous.destroy();
        this.signed?.destroy();
        this.config.destroy();
    }
}

;// CONCATENATED MODULE: ./actions/oidc-assume/src/assume-role.ts
// Token → STS → masked, verified credentials. Credentials are masked the moment they exist,
// before any other line can print.





const RETRY = { baseDelayMs: 500, maxDelayMs: 8_000, totalBudgetMs: 60_000 };
async function assumeRole(settings, token, clock) {
    const sts = await Sts.create(settings.region, settings.requestTimeoutMs);
    try {
        return await assumeWith(sts, settings, token, clock);
    }
    finally {
        sts.destroy();
    }
}
async function assumeWith(sts, settings, token, clock) {
    const policy = {
        ...RETRY,
        maxAttempts: settings.maxAttempts,
        isRetryable: isRetryableStsFailure,
        onRetry: (error, attempt, delayMs) => (0,log/* info */.pq)(`STS attempt ${attempt}/${settings.maxAttempts} failed (${(0,log/* printable */.g$)(describe(error))}); retrying in ${(delayMs / 1000).toFixed(1)} s`),
    };
    let attempts = 0;
    let credentials;
    try {
        credentials = await (0,retry/* withRetry */.b)((attempt) => {
            attempts = attempt;
            return sts.assumeRoleWithWebIdentity({
                roleArn: settings.roleArn,
                sessionName: settings.sessionName,
                durationSeconds: settings.durationSeconds,
                webIdentityToken: token,
                ...(settings.inlineSessionPolicy === undefined
                    ? {}
                    : { sessionPolicy: settings.inlineSessionPolicy }),
                sessionPolicyArns: settings.managedSessionPolicies,
            });
        }, policy, clock);
    }
    catch (error) {
        if (isStsRefusal(error)) {
            // Loaded only for a refusal: the success path does not need it.
            const { explainAssumeFailure } = await __webpack_require__.e(/* import() */ 782).then(__webpack_require__.bind(__webpack_require__, 9782));
            const { decodeClaims } = await __webpack_require__.e(/* import() */ 281).then(__webpack_require__.bind(__webpack_require__, 8281));
            throw explainAssumeFailure(error.name, error.message, settings.roleArn, decodeClaims(token));
        }
        throw error;
    }
    (0,core/* setSecret */.Pq)(credentials.accessKeyId);
    (0,core/* setSecret */.Pq)(credentials.secretAccessKey);
    (0,core/* setSecret */.Pq)(credentials.sessionToken);
    const identity = await (0,retry/* withRetry */.b)(() => sts.getCallerIdentity(credentials), policy, clock);
    if (settings.maskAccountId)
        (0,core/* setSecret */.Pq)(identity.account);
    if (settings.allowedAccountIds.length > 0 &&
        !settings.allowedAccountIds.includes(identity.account)) {
        throw new errors/* ConfigurationError */.j1(`The credentials belong to account ${identity.account}, which is not in 'allowed-account-ids' (${settings.allowedAccountIds.join(', ')}). Check 'role-to-assume' points at the intended account, or add ${identity.account} to 'allowed-account-ids'.`);
    }
    return { credentials, identity, attempts };
}
function describe(error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}


/***/ })

};
