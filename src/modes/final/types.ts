/**
 * The dependencies and result of final mode.
 */
import type { PublishedReportKeys, ReportFileKeys } from '../../core/keys.js';
import type { LoggerPort } from '../../core/logger.js';
import type { SummaryJson } from '../../report/summaryJson.js';
import type { Store } from '../../store/Store.js';
import type { NotificationOutcome, NotifyDeps } from './notify.js';
import type { FinalSettings } from './settings.js';
import type { ShardReadRetry } from './shardRetry.js';

/** What `runFinal` needs from its caller (the Lambda handler or the CLI). */
export interface FinalDeps {
  store: Store;
  /** REPORT_PREFIX (normalised or not; it is normalised again). */
  prefix: string;
  logger: LoggerPort;
  /** The run's clock: generated time, and the report date when group_id is not a date. */
  clock: () => Date;
  settings: FinalSettings;
  /** A writable folder for the temp files (record spool, CSV); `os.tmpdir()` in Lambda (/tmp). */
  tempDir: string;
  /** How a failed shard read is retried (default: 4 attempts, 0.25 s → 1 s apart). */
  shardReadRetry?: ShardReadRetry;
  /** Where to announce the report or the failure (final/notify.ts); absent: nobody is told. */
  notify?: NotifyDeps;
}

/** The keys final mode publishes: the workbook, its companions and the manifest (src/core/keys.ts). */
export type ReportKeys = PublishedReportKeys;

/** What `runFinal` produced. */
export interface FinalResult {
  groupId: string;
  /** The report's date (YYYY-MM-DD), from the group id or the clock. */
  reportDate: string;
  /** Keys published: the workbook, its companions and the manifest (written last). */
  keys: ReportKeys;
  /** This run's id and its own folder's set (what the manifest names). */
  runId: string;
  runKeys: ReportFileKeys;
  /** The summary document as uploaded (its fields keep the JSON contract's snake_case). */
  summary: SummaryJson;
  /** Wall time of the run in milliseconds. */
  durationMs: number;
  /** What became of the announcement, when a notifier is configured (never fails the run). */
  notification?: NotificationOutcome;
}
