export const id = 515;
export const ids = [515];
export const modules = {

/***/ 5515:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EnvironmentProxyAgent: () => (/* binding */ EnvironmentProxyAgent)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_http_client__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4942);
/* harmony import */ var http_proxy_agent__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8947);
/* harmony import */ var https_proxy_agent__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1566);
// An http.Agent for the AWS SDK that sends each request through the proxy the environment names
// for its URL, or directly. The decision is @actions/http-client's getProxyUrl, the one that
// core.getIDToken and @actions/github make: https_proxy / HTTPS_PROXY for https URLs,
// http_proxy / HTTP_PROXY for http ones (lower case first), none when no_proxy / NO_PROXY lists
// the host (`*`, a host and its subdomains, `.suffix`, `host:port`), and loopback hosts always
// direct. Loaded only when a proxy variable is set.




class EnvironmentProxyAgent extends node_http__WEBPACK_IMPORTED_MODULE_0__.Agent {
    routes;
    throughProxy = new Map();
    constructor(routes) {
        super();
        this.routes = routes;
    }
    /**
     * Hands the request to the agent that serves its URL, before the request writes its head, so
     * that agent pools and reuses its own connections (a proxy agent rewrites the head as it must).
     */
    addRequest(req, options) {
        const secure = req.protocol === 'https:';
        const port = Number(options.port ?? (secure ? 443 : 80));
        const proxy = (0,_actions_http_client__WEBPACK_IMPORTED_MODULE_1__/* .getProxyUrl */ .s_)(`${secure ? 'https' : 'http'}://${req.host}:${port}`);
        if (proxy === '') {
            const direct = secure ? this.routes.direct.https : this.routes.direct.http;
            direct.addRequest(req, options);
            return;
        }
        const key = `${secure ? 'https' : 'http'} ${proxy}`;
        let agent = this.throughProxy.get(key);
        if (!agent) {
            const agentOptions = { keepAlive: true, maxSockets: this.routes.maxSockets };
            agent = secure
                ? new https_proxy_agent__WEBPACK_IMPORTED_MODULE_3__/* .HttpsProxyAgent */ .b(proxy, agentOptions)
                : new http_proxy_agent__WEBPACK_IMPORTED_MODULE_2__/* .HttpProxyAgent */ .s(proxy, agentOptions);
            this.throughProxy.set(key, agent);
        }
        agent.addRequest(req, { ...options, secureEndpoint: secure });
    }
    destroy() {
        for (const agent of this.throughProxy.values())
            agent.destroy();
        super.destroy();
    }
}


/***/ })

};
