/**
 * Final mode's settings read from environment variables, once, at the edge. What the settings are,
 * their defaults and their rules live in final mode (src/modes/final/settings.ts); this module maps
 * variables onto them and names the variable when a value is unusable (docs/report.md, "Settings").
 */

import type { EnvironmentRule } from '../core/environment.js';
import {
  type CheckedFinalSetting,
  DEFAULT_FINAL_SETTINGS,
  EXCEL_MAX_DATA_ROWS,
  type FinalSettings,
  finalSettings,
  isInvalidFinalSettingError,
} from '../modes/final/settings.js';
import { type Env, getBoolean, getList, getNumber, getString, InvalidSettingError } from './env.js';

export {
  DEFAULT_FINAL_SETTINGS,
  defaultWorkers,
  EXCEL_MAX_DATA_ROWS,
  type FinalSettings,
  finalSettings,
} from '../modes/final/settings.js';

/** The variable behind each checked setting (the one an error names). */
const VARIABLE_OF: Readonly<Record<CheckedFinalSetting, string>> = {
  thresholds: 'REPORT_RED_BELOW',
  ownerTagKey: 'REPORT_OWNER_TAG',
  environmentRules: 'REPORT_ENVIRONMENT_RULES',
  detailsRowLimit: 'REPORT_DETAILS_ROW_LIMIT',
  topN: 'REPORT_TOP_N',
  readAhead: 'REPORT_READ_AHEAD',
  gzipLevel: 'REPORT_CSV_GZIP_LEVEL',
  workers: 'REPORT_WORKERS',
};

/**
 * Reads the settings from environment variables (see docs/report.md for names and defaults).
 * @throws InvalidSettingError naming the variable when a value is unusable.
 */
export function loadFinalSettings(env: Env): FinalSettings {
  const d = DEFAULT_FINAL_SETTINGS;
  const read = {
    thresholds: {
      red: getNumber(env, 'REPORT_RED_BELOW', d.thresholds.red, 0, 1),
      yellow: getNumber(env, 'REPORT_YELLOW_BELOW', d.thresholds.yellow, 0, 1),
    },
    ownerTagKey: getString(env, 'REPORT_OWNER_TAG', d.ownerTagKey),
    environmentRules: parseRules(getString(env, 'REPORT_ENVIRONMENT_RULES')) ?? d.environmentRules,
    environmentTagKeys: getList(env, 'REPORT_ENVIRONMENT_TAG_KEYS', d.environmentTagKeys),
    detailsRowLimit: getNumber(env, 'REPORT_DETAILS_ROW_LIMIT', d.detailsRowLimit, 1, EXCEL_MAX_DATA_ROWS),
    topN: getNumber(env, 'REPORT_TOP_N', d.topN, 1, 100),
    readAhead: getNumber(env, 'REPORT_READ_AHEAD', d.readAhead, 0, 32),
    maxLineBytes: d.maxLineBytes,
    csvFormulaGuard: getBoolean(env, 'REPORT_CSV_FORMULA_GUARD', d.csvFormulaGuard),
    gzipLevel: getNumber(env, 'REPORT_CSV_GZIP_LEVEL', d.gzipLevel, 1, 9),
    workers: getNumber(env, 'REPORT_WORKERS', d.workers, 0, 16),
  };
  try {
    return finalSettings(read);
  } catch (error) {
    if (isInvalidFinalSettingError(error))
      throw new InvalidSettingError(VARIABLE_OF[error.setting], error.reason);
    throw error;
  }
}

function parseRules(raw: string | undefined): EnvironmentRule[] | undefined {
  if (raw === undefined) return undefined;
  const shape = 'must be a JSON array of {pattern, environment}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new InvalidSettingError('REPORT_ENVIRONMENT_RULES', shape);
  }
  if (!Array.isArray(parsed)) throw new InvalidSettingError('REPORT_ENVIRONMENT_RULES', shape);
  return parsed.map((item, i) => {
    const rule = item as Partial<EnvironmentRule> | null;
    if (
      !rule ||
      typeof rule.pattern !== 'string' ||
      (rule.environment !== 'Prod' && rule.environment !== 'Non-Prod')
    ) {
      throw new InvalidSettingError(
        'REPORT_ENVIRONMENT_RULES',
        `item ${i} must be {"pattern": "<regex>", "environment": "Prod" | "Non-Prod"}`,
      );
    }
    return { pattern: rule.pattern, environment: rule.environment };
  });
}
