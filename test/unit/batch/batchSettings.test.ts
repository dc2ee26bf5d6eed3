import { describe, expect, it } from 'vitest';
import { DEFAULT_BATCH_SETTINGS, loadBatchSettings } from '../../../src/config/batchSettings.js';

describe('batch settings', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(loadBatchSettings({}, 'eu-west-1')).toEqual({ ...DEFAULT_BATCH_SETTINGS, regions: ['eu-west-1'] });
    expect(DEFAULT_BATCH_SETTINGS).toMatchObject({
      ratePerSecond: 5,
      maxAttempts: 10,
      tagPrefix: 'mox.',
      httpClient: 'undici',
    });
  });

  it('reads every documented variable', () => {
    const settings = loadBatchSettings(
      {
        CONFIGREPORT_REGIONS: 'us-east-1, eu-west-1',
        CONFIGREPORT_CONCURRENCY: '8',
        CONFIGREPORT_RULE_CONCURRENCY: '2',
        CONFIGREPORT_RATE: '2.5',
        CONFIGREPORT_BURST: '3',
        CONFIGREPORT_MAX_ATTEMPTS: '6',
        CONFIGREPORT_PAGE_RETRIES: '1',
        CONFIGREPORT_TAG_PREFIX: 'owner.',
        CONFIGREPORT_DEADLINE_MARGIN_MS: '45000',
        CONFIGREPORT_HTTP_CLIENT: 'node',
      },
      'ap-south-1',
    );
    expect(settings).toEqual({
      regions: ['us-east-1', 'eu-west-1'],
      concurrency: 8,
      ruleConcurrency: 2,
      ratePerSecond: 2.5,
      burst: 3,
      maxAttempts: 6,
      pageRetries: 1,
      tagPrefix: 'owner.',
      deadlineMarginMs: 45000,
      httpClient: 'node',
    });
  });

  it.each([
    ['CONFIGREPORT_REGIONS', 'us-east-1,Mars'],
    ['CONFIGREPORT_CONCURRENCY', '0'],
    ['CONFIGREPORT_CONCURRENCY', '2.5'],
    ['CONFIGREPORT_RATE', 'fast'],
    ['CONFIGREPORT_MAX_ATTEMPTS', '100'],
    ['CONFIGREPORT_DEADLINE_MARGIN_MS', '10'],
    ['CONFIGREPORT_HTTP_CLIENT', 'fetch'],
  ])('rejects %s=%s with the variable named', (name, value) => {
    expect(() => loadBatchSettings({ [name]: value }, 'us-east-1')).toThrow(name);
  });
});
