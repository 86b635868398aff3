// An http.Agent for the AWS SDK that sends each request through the proxy the environment names
// for its URL, or directly. The decision is @actions/http-client's getProxyUrl, the one that
// core.getIDToken and @actions/github make: https_proxy / HTTPS_PROXY for https URLs,
// http_proxy / HTTP_PROXY for http ones (lower case first), none when no_proxy / NO_PROXY lists
// the host (`*`, a host and its subdomains, `.suffix`, `host:port`), and loopback hosts always
// direct. Loaded only when a proxy variable is set.
import type { Agent as HttpAgent, ClientRequest } from 'node:http';
import { getProxyUrl } from '@actions/http-client';
import { Agent, type AgentConnectOpts } from 'agent-base';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';

export interface ProxyAgentOptions {
  /** Where requests the environment sends direct go (keep-alive pools sized by the caller). */
  direct: { http: HttpAgent; https: HttpAgent };
  /** Most connections through the proxy per target. */
  maxSockets: number;
}

export class EnvironmentProxyAgent extends Agent {
  private readonly throughProxy = new Map<string, HttpAgent>();

  constructor(private readonly routes: ProxyAgentOptions) {
    super({ keepAlive: true });
  }

  override connect(_req: ClientRequest, opts: AgentConnectOpts): HttpAgent {
    const scheme = opts.secureEndpoint ? 'https' : 'http';
    const proxy = getProxyUrl(`${scheme}://${opts.host ?? 'localhost'}:${opts.port}`);
    if (proxy === '')
      return opts.secureEndpoint ? this.routes.direct.https : this.routes.direct.http;
    const key = `${scheme} ${proxy}`;
    let agent = this.throughProxy.get(key);
    if (!agent) {
      const agentOptions = { keepAlive: true, maxSockets: this.routes.maxSockets };
      agent = opts.secureEndpoint
        ? new HttpsProxyAgent(proxy, agentOptions)
        : new HttpProxyAgent(proxy, agentOptions);
      this.throughProxy.set(key, agent);
    }
    return agent;
  }

  override destroy(): void {
    for (const agent of this.throughProxy.values()) agent.destroy();
    super.destroy();
  }
}
