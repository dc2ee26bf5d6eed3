import { describe, expect, it } from 'vitest';
import { awsClientSettings } from '../../../src/app/awsSettings.js';
import { loadSettings } from '../../../src/app/settings/load.js';

const env = {
  AWS_REGION: 'eu-west-1',
  REPORT_BUCKET: 'reports',
  REPORT_PREFIX: '/team/x/',
  AWS_ENDPOINT_URL_CONFIG_SERVICE: 'http://127.0.0.1:1',
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  CONFIGREPORT_MAX_ATTEMPTS: '12',
  CONFIGREPORT_HTTP_CLIENT: 'node',
};

describe('the hub AWS client settings', () => {
  it('take region and retries from the table, endpoint overrides from the SDK variables', () => {
    const { settings } = loadSettings({ env, surface: 'lambda' });
    expect(settings.store.prefix).toBe('team/x/');
    expect(awsClientSettings(settings, env)).toEqual({
      region: 'eu-west-1',
      endpoints: { config: 'http://127.0.0.1:1' },
      maxAttempts: 12,
      configHttpClient: 'node',
    });
  });

  it('take static credentials only when asked (the CLI), else leave them to the SDK chain (Lambda)', () => {
    const { settings } = loadSettings({ env, surface: 'cli' });
    expect(awsClientSettings(settings, env, true).credentials).toEqual({
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret',
    });
    expect(awsClientSettings(settings, env).credentials).toBeUndefined();
  });
});
