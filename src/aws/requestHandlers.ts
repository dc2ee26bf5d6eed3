/**
 * The one way AWS clients get their HTTP handler: undici (our UndiciHttpHandler) through the proxy
 * the environment names, with bounded connect and answer timeouts, wrapped in fail-fast (failFast.ts).
 * STS, Organizations, S3 and Config all use it, so a corporate proxy and an unreachable endpoint
 * behave the same for every call configreport makes.
 */
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsClientSettings } from './clientConfig.js';
import { failFast, type HttpHandlerLike } from './failFast.js';
import { DEFAULT_HTTP_SETTINGS, type HttpSettings } from './httpSettings.js';
import { UndiciHttpHandler } from './undiciHttpHandler.js';

export type { HttpHandlerLike } from './failFast.js';

/** What one handler is for. */
export interface RequestHandlerOptions {
  /** Named in errors (`cannot reach sts at …`). */
  service: string;
  /** Most sockets per origin (default 50, the SDK's own default). */
  connections?: number;
  /** Stream response bodies (S3) instead of buffering them. */
  streamResponses?: boolean;
}

/** The network settings of `settings`, defaults filled in. */
export function httpSettingsOf(settings: Pick<AwsClientSettings, 'http'>): HttpSettings {
  return settings.http ?? DEFAULT_HTTP_SETTINGS;
}

/** A handler for one client (or one pool of clients): proxy, timeouts, fail-fast. */
export function createRequestHandler(http: HttpSettings, options: RequestHandlerOptions): HttpHandlerLike {
  const inner = new UndiciHttpHandler({
    connections: options.connections ?? 50,
    connectTimeoutMs: http.connectTimeoutMs,
    requestTimeoutMs: http.requestTimeoutMs,
    proxy: http.proxy,
    ...(options.streamResponses ? { streamResponses: true } : {}),
  });
  return failFast(inner as unknown as HttpHandlerLike, {
    service: options.service,
    connectTimeoutMs: http.connectTimeoutMs,
    firstAnswerTimeoutMs: http.firstAnswerTimeoutMs,
    proxy: http.proxy,
  });
}

/**
 * The hub's base credentials. Given ones as they are; otherwise, behind a proxy, the SDK's default
 * chain with its own inner clients (SSO, STS web identity) on a proxied handler too — a client's
 * default chain would build them on plain `node:http`, past the proxy. Without a proxy: undefined,
 * so each client uses the SDK's default chain unchanged.
 */
export function baseCredentials(settings: AwsClientSettings): AwsClientSettings['credentials'] {
  if (settings.credentials !== undefined) return settings.credentials;
  const http = httpSettingsOf(settings);
  if (http.proxy === undefined) return undefined;
  return fromNodeProviderChain({
    clientConfig: { requestHandler: createRequestHandler(http, { service: 'credentials' }) as never },
  });
}
