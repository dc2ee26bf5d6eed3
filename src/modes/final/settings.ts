/**
 * Final mode's settings: what they are, their defaults and the rules a usable set obeys. Reading
 * them from environment variables is the edge's job (src/config/finalSettings.ts), which names the
 * variable when one of these rules fails.
 */
import { availableParallelism } from 'node:os';
import {
  compileEnvironmentRules,
  DEFAULT_ENVIRONMENT_RULES,
  type EnvironmentRule,
} from '../../core/environment.js';
import { ConfigReportError, ErrorKind, isConfigReportError } from '../../core/errors.js';

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

/** The settings {@link finalSettings} checks (the others accept any value of their type). */
export type CheckedFinalSetting = Exclude<
  keyof FinalSettings,
  'maxLineBytes' | 'environmentTagKeys' | 'csvFormulaGuard'
>;

/** A setting of final mode breaks one of its rules. */
export class InvalidFinalSettingError extends ConfigReportError {
  override readonly name = 'InvalidFinalSettingError';
  readonly kind = ErrorKind.InvalidInput;

  /**
   * @param setting the offending field of {@link FinalSettings}
   * @param reason what is wrong with it, e.g. `must be a positive integer`
   */
  constructor(
    readonly setting: CheckedFinalSetting,
    readonly reason: string,
  ) {
    super(`final mode setting ${setting}: ${reason}`);
  }
}

/** True for an {@link InvalidFinalSettingError}, also one from another bundle copy. */
export function isInvalidFinalSettingError(error: unknown): error is InvalidFinalSettingError {
  return isConfigReportError(error) && error.name === 'InvalidFinalSettingError';
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

/**
 * Returns defaults with `overrides` applied and checked (tests, the CLI, the env reader).
 * @throws InvalidFinalSettingError naming the first setting that breaks its rule.
 */
export function finalSettings(overrides: Partial<FinalSettings> = {}): FinalSettings {
  const settings: FinalSettings = {
    ...DEFAULT_FINAL_SETTINGS,
    thresholds: { ...DEFAULT_FINAL_SETTINGS.thresholds },
    environmentRules: DEFAULT_FINAL_SETTINGS.environmentRules.map((r) => ({ ...r })),
    environmentTagKeys: [...DEFAULT_FINAL_SETTINGS.environmentTagKeys],
    ...overrides,
  };
  checkFinalSettings(settings);
  return settings;
}

const isIntegerIn = (value: number, min: number, max = Number.POSITIVE_INFINITY) =>
  Number.isInteger(value) && value >= min && value <= max;

/** Throws an {@link InvalidFinalSettingError} for the first setting that breaks its rule. */
export function checkFinalSettings(s: FinalSettings): void {
  const fail = (setting: CheckedFinalSetting, reason: string): never => {
    throw new InvalidFinalSettingError(setting, reason);
  };
  const { red, yellow } = s.thresholds;
  if (!(red >= 0 && yellow <= 1 && red <= yellow))
    fail('thresholds', `thresholds must satisfy 0 <= red (${red}) <= yellow (${yellow}) <= 1`);
  if (s.ownerTagKey === '') fail('ownerTagKey', 'must not be empty');
  if (!isIntegerIn(s.detailsRowLimit, 1, EXCEL_MAX_DATA_ROWS))
    fail('detailsRowLimit', `must be an integer in 1..${EXCEL_MAX_DATA_ROWS}`);
  if (!isIntegerIn(s.topN, 1)) fail('topN', 'must be a positive integer');
  if (!isIntegerIn(s.readAhead, 0)) fail('readAhead', 'must be a non-negative integer');
  if (!isIntegerIn(s.gzipLevel, 1, 9)) fail('gzipLevel', 'must be an integer in 1..9');
  if (!isIntegerIn(s.workers, 0)) fail('workers', 'must be a non-negative integer');
  try {
    compileEnvironmentRules(s.environmentRules);
  } catch (error) {
    fail('environmentRules', (error as Error).message);
  }
}
