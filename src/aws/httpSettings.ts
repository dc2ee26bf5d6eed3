/**
 * How every AWS client reaches the network: the proxy (from the standard HTTPS_PROXY / HTTP_PROXY /
 * NO_PROXY variables, read once at the edge) and the timeouts that keep an unreachable endpoint
 * from hanging a run.
 */

/** A proxy configuration as the environment gives it (undici's `EnvHttpProxyAgent` semantics). */
export interface ProxySettings {
  /** Proxy for `http://` endpoints (HTTP_PROXY). */
  httpProxy?: string;
  /** Proxy for `https://` endpoints (HTTPS_PROXY); HTTP_PROXY when unset. */
  httpsProxy?: string;
  /** Hosts reached directly: comma- or space-separated names, `.suffix`, `host:port`, or `*`. */
  noProxy?: string;
}

/** Network settings of every client. */
export interface HttpSettings {
  proxy?: ProxySettings;
  /** Time to open a connection (TCP and TLS; through the proxy when there is one). */
  connectTimeoutMs: number;
  /** Time to an answer, and most idle time between body chunks, per attempt. */
  requestTimeoutMs: number;
  /**
   * Time to the FIRST answer of an endpoint that never answered in this process: a server that
   * accepts connections and never answers fails in seconds, not in attempts × requestTimeoutMs.
   */
  firstAnswerTimeoutMs: number;
}

/**
 * Defaults: 5 s to connect (TCP + TLS, far above AWS's usual tens of milliseconds, enough for a slow
 * proxy), 60 s per request once an endpoint has answered, 10 s for its first answer.
 */
export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
  connectTimeoutMs: 5_000,
  requestTimeoutMs: 60_000,
  firstAnswerTimeoutMs: 10_000,
};

/** The proxy the standard variables name (lower-case names win, as curl and undici read them). */
export function proxyFromEnv(env: Readonly<Record<string, string | undefined>>): ProxySettings | undefined {
  const pick = (name: string): string | undefined => {
    const value = (env[name.toLowerCase()] ?? env[name])?.trim();
    return value ? value : undefined;
  };
  const httpProxy = pick('HTTP_PROXY');
  const httpsProxy = pick('HTTPS_PROXY');
  const noProxy = pick('NO_PROXY');
  if (httpProxy === undefined && httpsProxy === undefined) return undefined;
  return {
    ...(httpProxy !== undefined ? { httpProxy } : {}),
    ...(httpsProxy !== undefined ? { httpsProxy } : {}),
    ...(noProxy !== undefined ? { noProxy } : {}),
  };
}

/** The proxy an endpoint's requests go through, for messages (NO_PROXY is not evaluated here). */
export function proxyFor(endpoint: string, proxy: ProxySettings | undefined): string | undefined {
  if (proxy === undefined) return undefined;
  return endpoint.startsWith('https:') ? (proxy.httpsProxy ?? proxy.httpProxy) : proxy.httpProxy;
}
