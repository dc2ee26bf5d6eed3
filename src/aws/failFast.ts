/**
 * Failing fast on an endpoint that cannot be reached. The SDK retries a refused connection, a DNS
 * miss or a timeout up to `maxAttempts` times (10 here, for Config's throttling) with backoff, and
 * the Organizations wrapper adds rounds on top: an unreachable endpoint would take minutes to
 * report. So every request handler is wrapped: while an endpoint has never answered in this
 * process, its first exchange gets a short timeout, and after `attempts` connection-level failures
 * in a row the call ends with an EndpointUnreachableError that names the service and the endpoint
 * and that no retry layer retries. Once an endpoint has answered, the wrapper steps aside and the
 * SDK's retries work as before (a blip in a long run is still survived).
 */
import type { HttpRequest } from '@aws-sdk/types';
import { ConfigReportError, ErrorKind } from '../core/errors.js';
import { type ProxySettings, proxyFor } from './httpSettings.js';

/** The part of the SDK's HTTP handler interface a client calls. */
export interface HttpHandlerLike {
  handle(request: unknown, options?: { abortSignal?: unknown; requestTimeout?: number }): Promise<unknown>;
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): unknown;
  destroy?(): void;
}

/** No answer from an endpoint that never answered: nothing a retry would fix soon. */
export class EndpointUnreachableError extends ConfigReportError {
  override readonly name = 'EndpointUnreachableError';
  readonly kind = ErrorKind.Failed;

  constructor(
    /** `sts`, `organizations`, `s3`, `config`. */
    readonly service: string,
    /** `https://sts.us-east-1.amazonaws.com` */
    readonly endpoint: string,
    /** What went wrong, in words (`connection refused (ECONNREFUSED)`). */
    readonly reason: string,
    /** The proxy the request went through, if one is configured for it. */
    readonly proxy?: string,
  ) {
    // No `cause`: the SDK's retry rules look into the cause and would retry a refused connection.
    super(`cannot reach ${service} at ${endpoint}${proxy ? ` through the proxy ${proxy}` : ''}: ${reason}`);
  }
}

/** True for an {@link EndpointUnreachableError}, also across bundles. */
export function isEndpointUnreachableError(error: unknown): error is EndpointUnreachableError {
  return (error as { name?: unknown } | null)?.name === 'EndpointUnreachableError';
}

/** Connection-level failures that mean "nothing answers there", in words. */
const UNREACHABLE_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found (DNS)',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'no connection',
  UND_ERR_HEADERS_TIMEOUT: 'no answer',
};

function codeOf(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  // Our undici handler re-codes timeouts (ETIMEDOUT) and keeps undici's error as the cause; Node's
  // dual-stack connect reports an AggregateError whose parts carry the codes.
  const inner =
    codeOf(e.cause, depth + 1) ?? (Array.isArray(e.errors) ? codeOf(e.errors[0], depth + 1) : undefined);
  if (inner !== undefined && inner in UNREACHABLE_CODES) return inner;
  return typeof e.code === 'string' ? e.code : inner;
}

/** Why the attempt found nothing at the endpoint, or undefined for any other failure. */
export function unreachableReason(
  error: unknown,
  timeouts: { connectMs: number; answerMs: number },
): string | undefined {
  const code = codeOf(error);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return `no connection within ${timeouts.connectMs} ms`;
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return `no answer within ${timeouts.answerMs} ms`;
  if (code !== undefined && code in UNREACHABLE_CODES) return `${UNREACHABLE_CODES[code]} (${code})`;
  if ((error as { name?: unknown } | null)?.name === 'TimeoutError') return 'no answer in time';
  return undefined;
}

/** What the wrapper needs to know. */
export interface FailFastOptions {
  service: string;
  connectTimeoutMs: number;
  /** Timeout of an exchange with an endpoint that never answered. */
  firstAnswerTimeoutMs: number;
  proxy?: ProxySettings | undefined;
  /** Connection-level failures in a row before giving up (default 2: one retry for a blip). */
  attempts?: number;
}

function originOf(request: unknown): string {
  const r = request as Pick<HttpRequest, 'protocol' | 'hostname' | 'port'>;
  return `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ''}`;
}

/** `inner` with fail-fast on endpoints that never answered (see the file comment). */
export function failFast(inner: HttpHandlerLike, options: FailFastOptions): HttpHandlerLike {
  const attempts = options.attempts ?? 2;
  const answered = new Set<string>();
  const failures = new Map<string, number>();
  return {
    async handle(request, handlerOptions) {
      const origin = originOf(request);
      if (answered.has(origin)) return inner.handle(request, handlerOptions);
      const answerMs = Math.min(handlerOptions?.requestTimeout ?? Infinity, options.firstAnswerTimeoutMs);
      try {
        const result = await inner.handle(request, { ...handlerOptions, requestTimeout: answerMs });
        answered.add(origin);
        failures.delete(origin);
        return result;
      } catch (error) {
        if (answered.has(origin)) throw error;
        const reason = unreachableReason(error, { connectMs: options.connectTimeoutMs, answerMs });
        if (reason === undefined) throw error;
        const count = (failures.get(origin) ?? 0) + 1;
        failures.set(origin, count);
        if (count < attempts) throw error;
        throw new EndpointUnreachableError(options.service, origin, reason, proxyFor(origin, options.proxy));
      }
    },
    updateHttpClientConfig: (key, value) => inner.updateHttpClientConfig(key, value),
    httpHandlerConfigs: () => inner.httpHandlerConfigs(),
    destroy: () => inner.destroy?.(),
  };
}
