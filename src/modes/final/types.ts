/**
 * The dependencies and result of final mode.
 */
import type { FinalSettings } from '../../config/finalSettings.js';
import type { LoggerPort } from '../../core/logger.js';
import type { SummaryJson } from '../../report/summaryJson.js';
import type { Store } from '../../store/Store.js';

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
}

/** What `runFinal` produced. */
export interface FinalResult {
  group_id: string;
  report_date: string;
  /** Keys written: the workbook and its companions. */
  keys: { xlsx: string; csvGz: string; summaryJson: string };
  /** The summary document as uploaded. */
  summary: SummaryJson;
  /** Wall time of the run in milliseconds. */
  duration_ms: number;
}
