/**
 * Settings of final mode (the report), resolved once at the edge from environment variables. Every
 * setting has a documented default (docs/report.md, "Settings").
 */
import { availableParallelism } from 'node:os';
import {
  compileEnvironmentRules,
  DEFAULT_ENVIRONMENT_RULES,
  type EnvironmentRule,
} from '../core/environment.js';
import { type Env, getBoolean, getList, getNumber, getString, InvalidSettingError } from './env.js';

/** Excel's row limit less the header row. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;

/** Resolved settings of the reduce phase. */
export interface FinalSettings {
  /** Ratio colouring: value < red → red; < yellow → yellow; else green. */
  thresholds: { red: number; yellow: number };
  /** Resource tag whose value names the owner (default `mox.owner`). */
  ownerTagKey: string;
  /** Ordered name rules (first match wins) for accounts without an explicit label. */
  environmentRules: EnvironmentRule[];
  /** Account tag keys (case-insensitive) whose value can label the environment. */
  environmentTagKeys: string[];
  /** Data rows per Details / Non-Compliant sheet before it continues in `Details (2)`, … */
  detailsRowLimit: number;
  /** Length of the "worst accounts / rules" lists. */
  topN: number;
  /** Shards opened ahead of the one being read (hides S3 first-byte latency). */
  readAhead: number;
  /** Longest line accepted in the canonical layout before falling back to the streaming parser. */
  maxLineBytes: number;
  /** Prefix formula-looking CSV cells with `'` (for spreadsheet users). */
  csvFormulaGuard: boolean;
  /** gzip level of the details CSV (1 fastest … 9 smallest). */
  gzipLevel: number;
  /** Worker threads for parsing shards and writing the CSV (0: all in the main thread). */
  workers: number;
}

/** Default worker count: one per CPU beyond the main thread's, at least 1 when there are 2 CPUs, at most 4. */
export function defaultWorkers(cpus = availableParallelism()): number {
  return cpus < 2 ? 0 : Math.min(4, cpus);
}

/** Defaults: the values documented in docs/report.md. */
export const DEFAULT_FINAL_SETTINGS: Readonly<FinalSettings> = Object.freeze({
  thresholds: { red: 0.8, yellow: 0.95 },
  ownerTagKey: 'mox.owner',
  environmentRules: DEFAULT_ENVIRONMENT_RULES.map((rule) => ({ ...rule })),
  environmentTagKeys: ['environment', 'env', 'mox.environment'],
  detailsRowLimit: EXCEL_MAX_DATA_ROWS,
  topN: 10,
  readAhead: 4,
  maxLineBytes: 64 * 1024 * 1024,
  csvFormulaGuard: true,
  gzipLevel: 6,
  workers: defaultWorkers(),
});

/** Returns defaults with `overrides` applied and validated (tests, CLI flags). */
export function finalSettings(overrides: Partial<FinalSettings> = {}): FinalSettings {
  const settings: FinalSettings = {
    ...DEFAULT_FINAL_SETTINGS,
    thresholds: { ...DEFAULT_FINAL_SETTINGS.thresholds },
    environmentRules: DEFAULT_FINAL_SETTINGS.environmentRules.map((r) => ({ ...r })),
    environmentTagKeys: [...DEFAULT_FINAL_SETTINGS.environmentTagKeys],
    ...overrides,
  };
  validate(settings);
  return settings;
}

/**
 * Reads the settings from environment variables (see docs/report.md for names and defaults).
 * @throws InvalidSettingError naming the variable when a value is unusable.
 */
export function loadFinalSettings(env: Env): FinalSettings {
  const d = DEFAULT_FINAL_SETTINGS;
  return finalSettings({
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
  });
}

function parseRules(raw: string | undefined): EnvironmentRule[] | undefined {
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new InvalidSettingError(
      'REPORT_ENVIRONMENT_RULES',
      'must be a JSON array of {pattern, environment}',
    );
  }
  if (!Array.isArray(parsed)) {
    throw new InvalidSettingError(
      'REPORT_ENVIRONMENT_RULES',
      'must be a JSON array of {pattern, environment}',
    );
  }
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

function validate(s: FinalSettings): void {
  const { red, yellow } = s.thresholds;
  if (!(red >= 0 && yellow <= 1 && red <= yellow)) {
    throw new InvalidSettingError(
      'REPORT_RED_BELOW',
      `thresholds must satisfy 0 <= red (${red}) <= yellow (${yellow}) <= 1`,
    );
  }
  if (s.ownerTagKey === '') throw new InvalidSettingError('REPORT_OWNER_TAG', 'must not be empty');
  if (
    !Number.isInteger(s.detailsRowLimit) ||
    s.detailsRowLimit < 1 ||
    s.detailsRowLimit > EXCEL_MAX_DATA_ROWS
  ) {
    throw new InvalidSettingError(
      'REPORT_DETAILS_ROW_LIMIT',
      `must be an integer in 1..${EXCEL_MAX_DATA_ROWS}`,
    );
  }
  if (!Number.isInteger(s.topN) || s.topN < 1)
    throw new InvalidSettingError('REPORT_TOP_N', 'must be a positive integer');
  if (!Number.isInteger(s.readAhead) || s.readAhead < 0)
    throw new InvalidSettingError('REPORT_READ_AHEAD', 'must be a non-negative integer');
  if (!Number.isInteger(s.gzipLevel) || s.gzipLevel < 1 || s.gzipLevel > 9)
    throw new InvalidSettingError('REPORT_CSV_GZIP_LEVEL', 'must be an integer in 1..9');
  if (!Number.isInteger(s.workers) || s.workers < 0)
    throw new InvalidSettingError('REPORT_WORKERS', 'must be a non-negative integer');
  try {
    compileEnvironmentRules(s.environmentRules);
  } catch (error) {
    throw new InvalidSettingError('REPORT_ENVIRONMENT_RULES', (error as Error).message);
  }
}
