/**
 * Builds the SDK clients of batch mode's Config source (configSource.ts): one hub STS client, and
 * ONE Config client per account-region, each with its own limiter and counters plugged in. All
 * Config clients share one HTTP handler (one undici connection pool per endpoint), so hundreds of
 * account-regions reuse sockets instead of opening their own. STS gets its own handler from
 * requestHandlers.ts. Every handler honours the proxy and the timeouts of `settings.http` and fails
 * fast on an endpoint that never answers (failFast.ts).
 *
 * Config clients are built for CPU: batch mode sends ~1,000 calls/s from one event loop at scale.
 * The SDK rebuilds a command's whole middleware chain on every `send` unless the client caches it
 * (`cacheMiddleware`), and it only uses that cache when `send` gets no options. So the run's abort
 * signal is not passed per call: each client's request handler adds it to every HTTP attempt
 * instead (same effect: in-flight requests and retries stop at the deadline). Measured with a stub
 * handler: 0.86 → 0.66 ms of CPU per call on the dev machine.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { ConfigServiceClient, type ConfigServiceClientConfig } from '@aws-sdk/client-config-service';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsClientSettings } from './clientConfig.js';
import { failFast, type HttpHandlerLike } from './failFast.js';
import { type CallStats, pacingPlugin } from './pacingPlugin.js';
import { baseCredentials, createRequestHandler, httpSettingsOf } from './requestHandlers.js';
import type { TokenBucket } from './TokenBucket.js';
import { UndiciHttpHandler } from './undiciHttpHandler.js';

/** What one account-region's Config client is built from. */
export interface RegionClientOptions {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  limiter: TokenBucket;
  stats: CallStats;
  /** Aborts every HTTP attempt and limiter wait of this client (the deadline); not passed per call. */
  signal?: AbortSignal;
  onThrottle?: () => void;
}

/** The clients the Config source (configSource.ts) is built on; its tests pass fake ones. */
export interface AwsClientFactory {
  /** The hub's STS client (AssumeRole into the spokes). */
  sts(): STSClient;
  /** A paced Config client for one account-region. */
  config(options: RegionClientOptions): ConfigServiceClient;
  /** Closes pooled sockets; call once the shard is written. */
  destroy(): void;
}

/** Sockets per origin, shared by every account-region (more than the default concurrency). */
const MAX_SOCKETS = 512;

/** The agents of the SDK's node:http handler (the Config clients' escape hatch). */
interface NodeAgents {
  httpAgent: HttpAgent;
  httpsAgent: HttpsAgent;
}

/**
 * The Config clients' one HTTP handler: undici by default (less CPU per call, see
 * undiciHttpHandler.ts; it honours the proxy), or the SDK's Node handler on the shared agents (the
 * escape hatch: no proxy support); either way failing fast on an endpoint that never answered.
 */
function configHandler(settings: AwsClientSettings, agents: NodeAgents): HttpHandlerLike {
  const http = httpSettingsOf(settings);
  const inner =
    settings.configHttpClient === 'node'
      ? (new ConfigServiceClient({
          region: settings.region,
          requestHandler: {
            ...agents,
            requestTimeout: http.requestTimeoutMs,
            throwOnRequestTimeout: true,
            connectionTimeout: http.connectTimeoutMs,
          },
        }).config.requestHandler as unknown as HttpHandlerLike)
      : (new UndiciHttpHandler({
          connections: MAX_SOCKETS,
          connectTimeoutMs: http.connectTimeoutMs,
          requestTimeoutMs: http.requestTimeoutMs,
          proxy: http.proxy,
        }) as unknown as HttpHandlerLike);
  return failFast(inner, {
    service: 'config',
    connectTimeoutMs: http.connectTimeoutMs,
    firstAnswerTimeoutMs: http.firstAnswerTimeoutMs,
    proxy: http.proxy,
  });
}

/** The hub's STS client on its own proxied, fail-fast handler. */
function stsClient(settings: AwsClientSettings, handler: HttpHandlerLike): STSClient {
  const credentials = baseCredentials(settings);
  return new STSClient({
    region: settings.region,
    maxAttempts: settings.maxAttempts,
    requestHandler: handler as NonNullable<ConfigServiceClientConfig['requestHandler']>,
    ...(settings.endpoints.sts ? { endpoint: settings.endpoints.sts } : {}),
    ...(credentials ? { credentials } : {}),
  });
}

/** One account-region's Config client on the shared handler, with its own signer and pacing. */
function pacedConfigClient(
  settings: AwsClientSettings,
  handler: HttpHandlerLike,
  options: RegionClientOptions,
): ConfigServiceClient {
  let signer: SignatureV4 | undefined;
  const client: ConfigServiceClient = new ConfigServiceClient({
    region: options.region,
    maxAttempts: settings.maxAttempts,
    retryMode: 'standard',
    credentials: options.credentials,
    cacheMiddleware: true,
    // Without a signer of its own the SDK builds a new SignatureV4 for every request (spreading
    // the whole client config into it), so its signing-key cache never hits and each call pays
    // four extra HMACs. One signer per client keeps the key for the day: about a tenth of
    // batch mode's CPU per call (docs/performance.md).
    signer: async () => {
      signer ??= new SignatureV4({
        credentials: options.credentials,
        region: options.region,
        service: 'config',
        sha256: client.config.sha256,
        uriEscapePath: true,
      });
      return signer;
    },
    // The wrapper has the handler's whole interface; the SDK's type for it is a class.
    requestHandler: withSignal(handler, options.signal) as NonNullable<
      ConfigServiceClientConfig['requestHandler']
    >,
    ...(settings.endpoints.config ? { endpoint: settings.endpoints.config } : {}),
  });
  client.middlewareStack.use(
    pacingPlugin({
      limiter: options.limiter,
      stats: options.stats,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onThrottle ? { onThrottle: options.onThrottle } : {}),
    }),
  );
  return client;
}

/** The factory for real SDK clients, honouring the endpoint overrides in `settings`. */
export function createAwsClientFactory(settings: AwsClientSettings): AwsClientFactory {
  const agents: NodeAgents = {
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
  };
  let sts: { client: STSClient; handler: HttpHandlerLike } | undefined;
  let shared: HttpHandlerLike | undefined;
  return {
    sts() {
      if (sts === undefined) {
        const handler = createRequestHandler(httpSettingsOf(settings), { service: 'sts' });
        sts = { client: stsClient(settings, handler), handler };
      }
      return sts.client;
    },
    config(options) {
      shared ??= configHandler(settings, agents);
      return pacedConfigClient(settings, shared, options);
    },
    // Clients are not destroyed one by one: a client's destroy() would also close the shared agents'
    // sockets that other account-regions are still using. Closing the agents once is enough.
    destroy() {
      agents.httpAgent.destroy();
      agents.httpsAgent.destroy();
      sts?.handler.destroy?.();
      shared?.destroy?.();
    },
  };
}

/**
 * The shared handler with `signal` (if any) added to every attempt (a signal given per call still
 * wins). `destroy` is a no-op: the shared agents outlive any one client and are closed by the factory.
 */
function withSignal(inner: HttpHandlerLike, signal: AbortSignal | undefined): HttpHandlerLike {
  return {
    handle: (request, options) =>
      signal
        ? inner.handle(request, { ...options, abortSignal: options?.abortSignal ?? signal })
        : inner.handle(request, options),
    updateHttpClientConfig: (key, value) => inner.updateHttpClientConfig(key, value),
    httpHandlerConfigs: () => inner.httpHandlerConfigs(),
    destroy: () => {},
  };
}
