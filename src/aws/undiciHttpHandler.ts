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
 * Scope: request/response APIs with small bodies (the body is buffered). Not for streaming APIs
 * (S3 GetObject) or `Expect: 100-continue` uploads; the S3 store and STS keep the SDK's handler.
 *
 * Errors keep the SDK's retry semantics: undici's timeouts become `TimeoutError` and broken
 * connections `ECONNRESET` (both transient to the SDK and to errorKinds.ts); aborts stay `AbortError`
 * (never retried); system errors (`ECONNREFUSED`, `ENOTFOUND`) pass through unchanged.
 */
import type { HeaderBag, HttpHandlerOptions, HttpRequest, HttpResponse } from '@aws-sdk/types';
import { Agent } from 'undici';

/** Pool settings. */
export interface UndiciHttpHandlerOptions {
  /** Most sockets per origin (all account-regions share them). */
  connections: number;
  /** Time to open a connection. */
  connectTimeoutMs: number;
  /** Time to the response headers, and most idle time between body chunks, per attempt. */
  requestTimeoutMs: number;
}

/** undici error codes that mean "no answer in time". */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** undici error codes that mean "the connection broke mid-exchange": safe to retry. */
const BROKEN_CODES = new Set(['UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH']);

/** An SDK request handler on one undici `Agent` (one connection pool per origin). */
export class UndiciHttpHandler {
  /** Read by the SDK (e.g. to decide about HTTP/2 features). */
  readonly metadata = { handlerProtocol: 'http/1.1' };
  readonly #agent: Agent;
  readonly #config: UndiciHttpHandlerOptions;

  constructor(options: UndiciHttpHandlerOptions) {
    this.#config = { ...options };
    this.#agent = new Agent({
      connections: options.connections,
      connect: { timeout: options.connectTimeoutMs },
    });
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
        headers: request.headers,
        body: request.body ?? null,
        signal: signal ?? null,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      const body = Buffer.from(await res.body.arrayBuffer());
      return { response: { statusCode: res.statusCode, headers: flattenHeaders(res.headers), body } };
    } catch (error) {
      throw classify(error);
    }
  }

  /** The SDK calls this for `requestTimeout` and friends; only our own settings are honoured. */
  updateHttpClientConfig(key: keyof UndiciHttpHandlerOptions, value: number): void {
    if (key in this.#config) this.#config[key] = value;
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
