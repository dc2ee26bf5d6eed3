/**
 * Final mode's settings: what the mode reads. Their defaults, ranges and the variables that set
 * them are rows of the settings table (src/app/settings), which validates them before any mode runs.
 */
import { availableParallelism } from 'node:os';
import type { EnvironmentRule } from '../../core/environment.js';

/** SigV4 presigned URLs live at most one week (X-Amz-Expires ≤ 604800 s). */
export const MAX_LINK_EXPIRY_DAYS = 7;

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
  /** Tag keys (case-insensitive) whose value can label the environment (account, then resource tags). */
  environmentTagKeys: string[];
  /** Tag values (lower-case) meaning Prod; shared with plan mode. */
  prodTagValues: string[];
  /** Tag values (lower-case) meaning Non-Prod; shared with plan mode. */
  nonProdTagValues: string[];
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
  /**
   * Share of the account-regions the shards report that may deny `sts:AssumeRole` before the run
   * is a setup failure (0..1; above it, the report says so and the run fails after publishing).
   */
  setupFailureShare: number;
  /** Also write one small workbook per owner tag value (and one for untagged resources). */
  ownerExtracts: boolean;
  /** Also write one small workbook per account. */
  accountExtracts: boolean;
  /** Evaluations recorded more than this many days before the report time are stale (≥ 1). */
  staleDays: number;
  /** Write the self-contained HTML summary `ConfigRule_<Date>.html` beside the workbook. */
  html: boolean;
  /**
   * Where the accepted exceptions file is (a local path, or `store:<key>`); absent: none apply.
   * See src/core/exceptions.ts and docs/report.md, "Exceptions".
   */
  exceptions?: string;
  /** A missing or invalid exceptions file: report without exceptions (warned) instead of failing. */
  ignoreInvalidExceptions: boolean;
  /** Telling people the report is out (or the run failed): docs/deploy.md, "Notifications". */
  notify: NotifySettings;
}

/** Notification settings of final mode. */
export interface NotifySettings {
  /** The SNS topic; without it nothing is sent (the composition root wires no notifier). */
  topicArn?: string;
  /** Days the presigned download links are signed for (1–7). */
  linkExpiryDays: number;
}

/** Default worker count: one per CPU beyond the main thread's, at least 1 when there are 2 CPUs, at most 4. */
export function defaultWorkers(cpus = availableParallelism()): number {
  return cpus < 2 ? 0 : Math.min(4, cpus);
}
