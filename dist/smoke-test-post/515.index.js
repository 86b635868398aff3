export const id = 515;
export const ids = [515];
export const modules = {

/***/ 5515:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EnvironmentProxyAgent: () => (/* binding */ EnvironmentProxyAgent)
/* harmony export */ });
/* harmony import */ var _actions_http_client__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4942);
/* harmony import */ var agent_base__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(319);
/* harmony import */ var http_proxy_agent__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8947);
/* harmony import */ var https_proxy_agent__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1566);




class EnvironmentProxyAgent extends agent_base__WEBPACK_IMPORTED_MODULE_1__/* .Agent */ .g6 {
    routes;
    throughProxy = new Map();
    constructor(routes) {
        super({ keepAlive: true });
        this.routes = routes;
    }
    connect(_req, opts) {
        const scheme = opts.secureEndpoint ? 'https' : 'http';
        const proxy = (0,_actions_http_client__WEBPACK_IMPORTED_MODULE_0__/* .getProxyUrl */ .s_)(`${scheme}://${opts.host ?? 'localhost'}:${opts.port}`);
        if (proxy === '')
            return opts.secureEndpoint ? this.routes.direct.https : this.routes.direct.http;
        const key = `${scheme} ${proxy}`;
        let agent = this.throughProxy.get(key);
        if (!agent) {
            const agentOptions = { keepAlive: true, maxSockets: this.routes.maxSockets };
            agent = opts.secureEndpoint
                ? new https_proxy_agent__WEBPACK_IMPORTED_MODULE_3__/* .HttpsProxyAgent */ .b(proxy, agentOptions)
                : new http_proxy_agent__WEBPACK_IMPORTED_MODULE_2__/* .HttpProxyAgent */ .s(proxy, agentOptions);
            this.throughProxy.set(key, agent);
        }
        return agent;
    }
    destroy() {
        for (const agent of this.throughProxy.values())
            agent.destroy();
        super.destroy();
    }
}


/***/ })

};
