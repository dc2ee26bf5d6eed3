import { describe, expect, it } from 'vitest';
import { loadFinalSettings } from '../../../../src/config/finalSettings.js';
import { isInvalidInputError } from '../../../../src/core/errors.js';
import {
  DEFAULT_FINAL_SETTINGS,
  type FinalSettings,
  finalSettings,
  InvalidFinalSettingError,
  isInvalidFinalSettingError,
} from '../../../../src/modes/final/settings.js';

describe('finalSettings', () => {
  it('applies overrides to a fresh copy of the defaults', () => {
    const s = finalSettings({ topN: 3 });
    expect(s).toEqual({ ...DEFAULT_FINAL_SETTINGS, topN: 3 });
    s.thresholds.red = 0;
    s.environmentTagKeys.push('stage');
    expect(DEFAULT_FINAL_SETTINGS.thresholds.red).toBe(0.8);
    expect(DEFAULT_FINAL_SETTINGS.environmentTagKeys).not.toContain('stage');
  });

  it.each<[Partial<FinalSettings>, string]>([
    [{ thresholds: { red: 0.9, yellow: 0.5 } }, 'thresholds'],
    [{ ownerTagKey: '' }, 'ownerTagKey'],
    [{ detailsRowLimit: 0 }, 'detailsRowLimit'],
    [{ topN: 0 }, 'topN'],
    [{ readAhead: -1 }, 'readAhead'],
    [{ gzipLevel: 10 }, 'gzipLevel'],
    [{ workers: 1.5 }, 'workers'],
    [{ environmentRules: [{ pattern: '(', environment: 'Prod' }] }, 'environmentRules'],
  ])('refuses %j, naming the setting', (overrides, setting) => {
    let thrown: unknown;
    try {
      finalSettings(overrides);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidFinalSettingError);
    expect(isInvalidFinalSettingError(thrown)).toBe(true);
    expect(isInvalidInputError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ setting });
  });

  it('the guard tells other errors apart', () => {
    expect(isInvalidFinalSettingError(new Error('x'))).toBe(false);
  });
});

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
    [{ REPORT_READ_AHEAD: '1.5' }, /^REPORT_READ_AHEAD: must be a non-negative integer$/],
    [{ REPORT_WORKERS: '1.5' }, /^REPORT_WORKERS: must be a non-negative integer$/],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => loadFinalSettings(env)).toThrow(message);
  });
});
