/**
 * The AWS SDK's HTTP handler interface, implemented on undici (Node's own HTTP/1.1 client), for the
 * Config clients of batch mode.
 *
 * Why not the SDK's `NodeHttpHandler`: batch mode sends ~1,000 small JSON calls per second from one
 * event loop, and at that rate the loop's CPU per call is what bounds a shard (docs/performance.md).
 * `node:http` costs a `ClientRequest`, agent bookkeeping, socket listeners and a stream per call;
 * undici's pooled client does the same HTTP/1.1 exchange with less of that, and hands back the body
 * whole, so the SDK skips its own stream collection. Measured on the dev machine: bench:collect
 * ~12 % less wall time than with `NodeHttpHandler` (docs/performance.md); `npm run bench:calls`
 * compares the two on a canned server. `CONFIGREPORT_HTTP_CLIENT=node` switches back.
 *
 * Scope: request/response APIs with small bodies (the body is buffered), and, with
 * `streamResponses`, streaming APIs (S3 GetObject hands back undici's body stream, a Node
 * `Readable`; uploads are sent from whatever body the SDK gives, Buffer or stream). undici refuses
 * `Expect` and `Transfer-Encoding` request headers: `Expect: 100-continue` is dropped (the body is
 * sent at once, which S3 accepts) and undici chunks a body of unknown length by itself.
 *
 * Corporate networks: with `proxy` set, requests go through undici's `EnvHttpProxyAgent` with the
 * HTTP_PROXY / HTTPS_PROXY / NO_PROXY values read once at the edge (src/app/awsSettings.ts): CONNECT
 * tunnels for https, NO_PROXY hosts direct. Without it, no proxy (process.env is never read here).
 *
 * Errors keep the SDK's retry semantics: undici's timeouts become `TimeoutError` and broken
 * connections `ECONNRESET` (both transient to the SDK and to errorKinds.ts); aborts stay `AbortError`
 * (never retried); system errors (`ECONNREFUSED`, `ENOTFOUND`) pass through unchanged.
 */
import type { HeaderBag, HttpHandlerOptions, HttpRequest, HttpResponse } from '@aws-sdk/types';
import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';
import type { ProxySettings } from './httpSettings.js';

/** Pool settings. */
export interface UndiciHttpHandlerOptions {
  /** Most sockets per origin (all account-regions share them). */
  connections: number;
  /** Time to open a connection. */
  connectTimeoutMs: number;
  /** Time to the response headers, and most idle time between body chunks, per attempt. */
  requestTimeoutMs: number;
  /** Proxy to send requests through (HTTP_PROXY / HTTPS_PROXY / NO_PROXY); none when absent. */
  proxy?: ProxySettings | undefined;
  /** Hand back the response body as a stream instead of buffering it (S3 GetObject). */
  streamResponses?: boolean;
}

/** Request headers undici refuses to take from the caller (it writes its own framing). */
const DROPPED_HEADERS = new Set(['expect', 'transfer-encoding']);

/** undici error codes that mean "no answer in time". */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** undici error codes that mean "the connection broke mid-exchange": safe to retry. */
const BROKEN_CODES = new Set(['UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH']);

/** An SDK request handler on one undici `Agent` (one connection pool per origin). */
export class UndiciHttpHandler {
  /** Read by the SDK (e.g. to decide about HTTP/2 features). */
  readonly metadata = { handlerProtocol: 'http/1.1' };
  readonly #agent: Dispatcher;
  readonly #config: UndiciHttpHandlerOptions;

  constructor(options: UndiciHttpHandlerOptions) {
    this.#config = { ...options };
    const pool = { connections: options.connections, connect: { timeout: options.connectTimeoutMs } };
    const { proxy } = options;
    // Empty strings, not undefined: EnvHttpProxyAgent would read process.env for a missing value.
    // http:// endpoints are forwarded (absolute-URI requests, as curl does; many proxies allow
    // CONNECT to port 443 only), https:// ones tunnelled with CONNECT. The proxy's own connector and
    // the TLS handshake through the tunnel get the same connect timeout as a direct connection.
    this.#agent =
      proxy !== undefined && (proxy.httpProxy !== undefined || proxy.httpsProxy !== undefined)
        ? new EnvHttpProxyAgent({
            ...pool,
            httpProxy: proxy.httpProxy ?? '',
            httpsProxy: proxy.httpsProxy ?? '',
            noProxy: proxy.noProxy ?? '',
            proxyTunnel: false,
            proxyTls: { timeout: options.connectTimeoutMs },
            requestTls: { timeout: options.connectTimeoutMs },
          })
        : new Agent(pool);
  }

  /** Sends one attempt; resolves with the whole response, or rejects with an SDK-classifiable error. */
  async handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const signal = options.abortSignal as AbortSignal | undefined;
    signal?.throwIfAborted();
    const timeout = options.requestTimeout ?? this.#config.requestTimeoutMs;
    try {
      const res = await this.#agent.request({
        origin: `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}`,
        path: request.path + queryString(request.query),
        method: request.method as 'GET',
        headers: sendableHeaders(request.headers),
        body: request.body ?? null,
        signal: signal ?? null,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      const headers = flattenHeaders(res.headers);
      if (this.#config.streamResponses)
        return { response: { statusCode: res.statusCode, headers, body: res.body } };
      const body = Buffer.from(await res.body.arrayBuffer());
      return { response: { statusCode: res.statusCode, headers, body } };
    } catch (error) {
      throw classify(error);
    }
  }

  /** The SDK calls this for `requestTimeout` and friends; only our own numeric settings are honoured. */
  updateHttpClientConfig(key: keyof UndiciHttpHandlerOptions, value: number): void {
    if (key === 'connections' || key === 'connectTimeoutMs' || key === 'requestTimeoutMs')
      this.#config[key] = value;
  }

  /** The current settings (SDK interface). */
  httpHandlerConfigs(): UndiciHttpHandlerOptions {
    return { ...this.#config };
  }

  /** Closes every pooled socket. */
  destroy(): void {
    void this.#agent.destroy();
  }
}

/** The request's headers without those undici writes itself (see DROPPED_HEADERS). */
function sendableHeaders(headers: HeaderBag): HeaderBag {
  let kept: HeaderBag | undefined;
  for (const name in headers) {
    if (!DROPPED_HEADERS.has(name.toLowerCase())) continue;
    kept ??= { ...headers };
    delete kept[name];
  }
  return kept ?? headers;
}

/** Response headers as the SDK wants them: lower-case names, repeated values joined. */
function flattenHeaders(headers: Record<string, string | string[] | undefined>): HeaderBag {
  const bag: HeaderBag = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) bag[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return bag;
}

/** RFC 3986 escaping, as the SDK signs it (`encodeURIComponent` leaves `!'()*` alone). */
const uriEscape = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `?a=1&b=x&b=y` from the SDK's query bag (null value: the bare key); '' when empty. */
export function queryString(query: HttpRequest['query']): string {
  const parts: string[] = [];
  for (const key of Object.keys(query ?? {}).sort()) {
    const value = query?.[key];
    if (value === null || value === undefined) {
      parts.push(uriEscape(key));
      continue;
    }
    for (const v of Array.isArray(value) ? value : [value]) parts.push(`${uriEscape(key)}=${uriEscape(v)}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** undici's error, renamed or re-coded so the SDK's (and our) retry rules recognise it. */
function classify(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  if (TIMEOUT_CODES.has(code)) return retryable(error, 'TimeoutError', 'ETIMEDOUT');
  if (BROKEN_CODES.has(code)) return retryable(error, error.name, 'ECONNRESET');
  return error;
}

function retryable(cause: Error, name: string, code: string): Error {
  const error = new Error(cause.message, { cause }) as Error & { code: string };
  error.name = name;
  error.code = code;
  return error;
}
