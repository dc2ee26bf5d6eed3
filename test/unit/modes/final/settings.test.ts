import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FINAL_SETTINGS,
  finalSettings,
  loadFinalSettings,
} from '../../../../src/config/finalSettings.js';

describe('loadFinalSettings', () => {
  it('gives the documented defaults for an empty environment', () => {
    const s = loadFinalSettings({});
    expect(s).toEqual(finalSettings());
    expect(s.thresholds).toEqual({ red: 0.8, yellow: 0.95 });
    expect(s.ownerTagKey).toBe('mox.owner');
    expect(s.detailsRowLimit).toBe(1_048_575);
    expect(DEFAULT_FINAL_SETTINGS.environmentRules.length).toBeGreaterThan(0);
  });

  it('reads every variable', () => {
    const s = loadFinalSettings({
      REPORT_RED_BELOW: '0.5',
      REPORT_YELLOW_BELOW: '0.9',
      REPORT_OWNER_TAG: 'team',
      REPORT_ENVIRONMENT_RULES: '[{"pattern":"^p-","environment":"Prod"}]',
      REPORT_ENVIRONMENT_TAG_KEYS: 'stage, tier',
      REPORT_DETAILS_ROW_LIMIT: '1000',
      REPORT_TOP_N: '5',
      REPORT_READ_AHEAD: '0',
      REPORT_CSV_FORMULA_GUARD: 'false',
      REPORT_CSV_GZIP_LEVEL: '1',
    });
    expect(s).toMatchObject({
      thresholds: { red: 0.5, yellow: 0.9 },
      ownerTagKey: 'team',
      environmentRules: [{ pattern: '^p-', environment: 'Prod' }],
      environmentTagKeys: ['stage', 'tier'],
      detailsRowLimit: 1000,
      topN: 5,
      readAhead: 0,
      csvFormulaGuard: false,
      gzipLevel: 1,
    });
  });

  it.each([
    [{ REPORT_RED_BELOW: '0.99' }, /REPORT_RED_BELOW: thresholds must satisfy/],
    [{ REPORT_YELLOW_BELOW: '2' }, /REPORT_YELLOW_BELOW: must be between 0 and 1/],
    [{ REPORT_DETAILS_ROW_LIMIT: '2000000' }, /REPORT_DETAILS_ROW_LIMIT/],
    [{ REPORT_DETAILS_ROW_LIMIT: '10.5' }, /REPORT_DETAILS_ROW_LIMIT/],
    [{ REPORT_ENVIRONMENT_RULES: 'not json' }, /REPORT_ENVIRONMENT_RULES: must be a JSON array/],
    [{ REPORT_ENVIRONMENT_RULES: '[{"pattern":"x","environment":"Staging"}]' }, /item 0/],
    [
      { REPORT_ENVIRONMENT_RULES: '[{"pattern":"(","environment":"Prod"}]' },
      /REPORT_ENVIRONMENT_RULES: environment rule "\("/,
    ],
    [{ REPORT_TOP_N: '2.5' }, /REPORT_TOP_N/],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => loadFinalSettings(env)).toThrow(message);
  });
});
