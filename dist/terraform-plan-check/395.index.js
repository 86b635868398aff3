export const id = 395;
export const ids = [395];
export const modules = {

/***/ 1395:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  iamSimulator: () => (/* binding */ iamSimulator)
});

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 16 modules
var core = __webpack_require__(3340);
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

;// CONCATENATED MODULE: ./actions/terraform-plan-check/src/permissions/iam-simulator.ts
// The PolicySimulator over the AWS SDK's IAM client, with the actions' shared client
// configuration (proxy variables, a timeout on every request, retries). Loaded only when the
// permission pre-check runs: a plan check without it never pays for the SDK.

async function iamSimulator(region, requestTimeoutMs) {
    const { IAMClient, paginateSimulatePrincipalPolicy } = await __webpack_require__.e(/* import() */ 764).then(__webpack_require__.t.bind(__webpack_require__, 6764, 19));
    const config = await awsClientConfig({
        region,
        maxAttempts: 3,
        requestTimeoutMs,
        connections: 4,
    });
    const client = logFailedRequestIds(new IAMClient(config));
    return {
        async simulate({ roleArn, actions, resource, context }) {
            const results = [];
            const pages = paginateSimulatePrincipalPolicy({ client }, {
                PolicySourceArn: roleArn,
                ActionNames: actions,
                ResourceArns: [resource],
                ContextEntries: Object.entries(context).map(([key, value]) => ({
                    ContextKeyName: key,
                    ContextKeyValues: [value].flat(),
                    ContextKeyType: Array.isArray(value) ? 'stringList' : 'string',
                })),
            });
            for await (const page of pages) {
                for (const result of page.EvaluationResults ?? [])
                    results.push({
                        action: result.EvalActionName ?? '',
                        decision: result.EvalDecision ?? 'implicitDeny',
                    });
            }
            return results;
        },
        close() {
            client.destroy();
            config.destroy();
        },
    };
}


/***/ })

};
