// An http.Agent for the AWS SDK that sends each request through the proxy the environment names
// for its URL, or directly. The decision is @actions/http-client's getProxyUrl, the one that
// core.getIDToken and @actions/github make: https_proxy / HTTPS_PROXY for https URLs,
// http_proxy / HTTP_PROXY for http ones (lower case first), none when no_proxy / NO_PROXY lists
// the host (`*`, a host and its subdomains, `.suffix`, `host:port`), and loopback hosts always
// direct. Loaded only when a proxy variable is set.
import { Agent, type ClientRequest } from 'node:http';
import { getProxyUrl } from '@actions/http-client';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';

export interface ProxyAgentOptions {
  /** Where requests the environment sends direct go (keep-alive pools sized by the caller). */
  direct: { http: Agent; https: Agent };
  /** Most connections through the proxy per target. */
  maxSockets: number;
}

/** Agent.addRequest: undocumented, but what every request calls, and what proxy agents extend. */
interface RequestTaking {
  addRequest(req: ClientRequest, options: Record<string, unknown>): void;
}

export class EnvironmentProxyAgent extends Agent {
  private readonly throughProxy = new Map<string, Agent>();

  constructor(private readonly routes: ProxyAgentOptions) {
    super();
  }

  /**
   * Hands the request to the agent that serves its URL, before the request writes its head, so
   * that agent pools and reuses its own connections (a proxy agent rewrites the head as it must).
   */
  addRequest(req: ClientRequest, options: Record<string, unknown>): void {
    const secure = req.protocol === 'https:';
    const port = Number(options.port ?? (secure ? 443 : 80));
    const proxy = getProxyUrl(`${secure ? 'https' : 'http'}://${req.host}:${port}`);
    if (proxy === '') {
      const direct = secure ? this.routes.direct.https : this.routes.direct.http;
      (direct as unknown as RequestTaking).addRequest(req, options);
      return;
    }
    const key = `${secure ? 'https' : 'http'} ${proxy}`;
    let agent = this.throughProxy.get(key);
    if (!agent) {
      const agentOptions = { keepAlive: true, maxSockets: this.routes.maxSockets };
      agent = secure
        ? new HttpsProxyAgent(proxy, agentOptions)
        : new HttpProxyAgent(proxy, agentOptions);
      this.throughProxy.set(key, agent);
    }
    (agent as unknown as RequestTaking).addRequest(req, { ...options, secureEndpoint: secure });
  }

  override destroy(): void {
    for (const agent of this.throughProxy.values()) agent.destroy();
    super.destroy();
  }
}
