/**
 * The hub's AWS client settings: region and retry settings from the settings table, endpoint
 * overrides, static credentials and the proxy from the standard variables (`AWS_ENDPOINT_URL_*`,
 * `AWS_ACCESS_KEY_ID`…, `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY`) — read here once, so no adapter
 * reads the environment itself.
 */
import { type AwsClientSettings, endpointsFromEnv } from '../aws/clientConfig.js';
import { DEFAULT_HTTP_SETTINGS, proxyFromEnv } from '../aws/httpSettings.js';
import type { Env } from './settings/load.js';
import type { Settings } from './settings/types.js';

/** Base credentials from the environment when given; otherwise the SDK's default chain (profiles, SSO…). */
function credentialsFromEnv(env: Env): AwsClientSettings['credentials'] {
  const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim();
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = env.AWS_SESSION_TOKEN?.trim();
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/**
 * The client settings every adapter is built from. `staticCredentials` takes the hub credentials
 * from `AWS_ACCESS_KEY_ID`… once (the CLI); without it the SDK's default chain finds them (Lambda).
 */
export function awsClientSettings(
  settings: Settings,
  env: Env,
  staticCredentials = false,
): AwsClientSettings {
  const credentials = staticCredentials ? credentialsFromEnv(env) : undefined;
  const proxy = proxyFromEnv(env);
  return {
    ...settings.aws,
    endpoints: endpointsFromEnv(env),
    ...(credentials ? { credentials } : {}),
    // Without a proxy the clients use DEFAULT_HTTP_SETTINGS themselves.
    ...(proxy ? { http: { ...DEFAULT_HTTP_SETTINGS, proxy } } : {}),
  };
}
