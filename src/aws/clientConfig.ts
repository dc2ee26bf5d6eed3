/**
 * How every AWS SDK client is built: region, optional endpoint overrides (the simulator), optional
 * base credentials. Resolved once at the edge and passed down; adapters never read process.env.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { HttpSettings } from './httpSettings.js';

/** Endpoint overrides per service. Unset means the real AWS endpoint (or AWS_ENDPOINT_URL_* from env). */
export interface AwsEndpoints {
  sts?: string;
  config?: string;
  organizations?: string;
  s3?: string;
  sns?: string;
}

/** HTTP clients batch mode's Config clients can use: undici (default) or the SDK's `node:http` handler. */
export const HTTP_CLIENTS = ['undici', 'node'] as const;
/** One of {@link HTTP_CLIENTS}. */
export type HttpClientName = (typeof HTTP_CLIENTS)[number];

/** Settings shared by every client the process builds. */
export interface AwsClientSettings {
  /** The hub's own region (STS, S3, and the default collection region). */
  region: string;
  endpoints: AwsEndpoints;
  /** Base (hub) credentials; default: the SDK's default provider chain. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** SDK max attempts per call (the SDK default of 3 is too weak for Config throttling). */
  maxAttempts: number;
  /** HTTP client of the Config clients (default `undici`); STS, S3 and Organizations always use undici. */
  configHttpClient?: HttpClientName;
  /** Proxy and timeouts of every client (default: no proxy, DEFAULT_HTTP_SETTINGS). */
  http?: HttpSettings;
}

/** Reads endpoint overrides from the standard SDK variables, so logs and the About sheet can show them. */
export function endpointsFromEnv(env: Readonly<Record<string, string | undefined>>): AwsEndpoints {
  const pick = (name: string): string | undefined => env[`AWS_ENDPOINT_URL_${name}`] ?? env.AWS_ENDPOINT_URL;
  const endpoints: AwsEndpoints = {};
  const sts = pick('STS');
  const config = pick('CONFIG_SERVICE');
  const organizations = pick('ORGANIZATIONS');
  const s3 = pick('S3');
  const sns = pick('SNS');
  if (sts) endpoints.sts = sts;
  if (config) endpoints.config = config;
  if (organizations) endpoints.organizations = organizations;
  if (s3) endpoints.s3 = s3;
  if (sns) endpoints.sns = sns;
  return endpoints;
}
