/**
 * Builds the SDK clients batch mode uses: one hub STS client, and ONE Config client per
 * account-region, each with its own limiter and counters plugged in. All clients share one pair of
 * keep-alive HTTP agents, so hundreds of account-regions reuse sockets instead of opening their own.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { AwsClientSettings } from './clientConfig.js';
import { type CallStats, pacingPlugin } from './pacingPlugin.js';
import type { TokenBucket } from './TokenBucket.js';

/** What one account-region's Config client is built from. */
export interface RegionClientOptions {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  limiter: TokenBucket;
  stats: CallStats;
  signal?: AbortSignal;
  onThrottle?: () => void;
}

/** The seam batch mode builds clients through (tests may substitute it). */
export interface AwsClientFactory {
  /** The hub's STS client (AssumeRole into the spokes). */
  sts(): STSClient;
  /** A paced Config client for one account-region. */
  config(options: RegionClientOptions): ConfigServiceClient;
  /** Closes pooled sockets; call once the shard is written. */
  destroy(): void;
}

/** A hung request becomes a (retried) TimeoutError instead of waiting forever. */
const REQUEST_TIMEOUT_MS = 60_000;
const CONNECTION_TIMEOUT_MS = 10_000;

/** The factory for real SDK clients, honouring the endpoint overrides in `settings`. */
export function createAwsClientFactory(settings: AwsClientSettings): AwsClientFactory {
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 512 });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 512 });
  const requestHandler = {
    httpAgent,
    httpsAgent,
    requestTimeout: REQUEST_TIMEOUT_MS,
    throwOnRequestTimeout: true,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
  };
  let sts: STSClient | undefined;
  return {
    sts() {
      sts ??= new STSClient({
        region: settings.region,
        maxAttempts: settings.maxAttempts,
        requestHandler,
        ...(settings.endpoints.sts ? { endpoint: settings.endpoints.sts } : {}),
        ...(settings.credentials ? { credentials: settings.credentials } : {}),
      });
      return sts;
    },
    config(options) {
      const client = new ConfigServiceClient({
        region: options.region,
        maxAttempts: settings.maxAttempts,
        retryMode: 'standard',
        credentials: options.credentials,
        requestHandler,
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
    },
    // Clients are not destroyed one by one: a client's destroy() would also close the shared agents'
    // sockets that other account-regions are still using. Closing the agents once is enough.
    destroy() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
