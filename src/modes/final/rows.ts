/**
 * Pass 2's input: the winners' records, read back from the spool in output order and shaped as
 * report rows. Timestamps come from the winner table (parsed once, in pass 1).
 */
import { ageInDays, isStale } from '../../core/age.js';
import type { ComplianceType, Environment } from '../../core/model.js';
import type { DetailRow } from '../../report/model.js';
import { SpoolReader } from './spool.js';
import { spoolFields } from './spoolRecord.js';
import { UNTAGGED } from './tags.js';

/**
 * Where the winners' records are, as plain columns (the thread engine hands the same description
 * to its workers, which read the spool themselves).
 */
export interface SpoolRows {
  spoolPaths: string[];
  files: Uint8Array;
  offsets: Float64Array;
  lengths: Uint32Array;
  recorded: Float64Array;
  invoked: Float64Array;
  /** [account id, name, environment]. */
  accounts: [string, string, string][];
  /** The report time (epoch ms of the run's generated time) ages are measured to. */
  reportMs: number;
  /** `REPORT_STALE_DAYS`. */
  staleDays: number;
}

/** Where the rows come from. */
export interface RowSourceInput {
  reader: SpoolReader;
  files: ArrayLike<number>;
  offsets: ArrayLike<number>;
  lengths: ArrayLike<number>;
  /** Epoch ms of each winner's result_recorded_time and config_rule_invoked_time. */
  recorded: ArrayLike<number>;
  invoked: ArrayLike<number>;
  /** Account id → the name and environment the Accounts sheet shows (so every sheet agrees). */
  accounts: ReadonlyMap<string, { accountName: string; environment: Environment }>;
  /** The report time ages are measured to, and the stale threshold in days. */
  reportMs: number;
  staleDays: number;
}

/** A row source over the spool (in-process, or in a worker from the data the main thread hands it). */
export function rowSourceFromSpool(data: SpoolRows): RowSourceInput {
  return {
    reader: new SpoolReader(data.spoolPaths),
    files: data.files,
    offsets: data.offsets,
    lengths: data.lengths,
    recorded: data.recorded,
    invoked: data.invoked,
    accounts: new Map(
      data.accounts.map(([id, accountName, environment]) => [
        id,
        { accountName, environment: environment as Environment },
      ]),
    ),
    reportMs: data.reportMs,
    staleDays: data.staleDays,
  };
}

/** Yields the rows of the given winner slots, in the given order. */
export function* detailRows(input: RowSourceInput, order: ArrayLike<number>): Generator<DetailRow> {
  for (const [slot, text] of input.reader.read(order, input.files, input.offsets, input.lengths)) {
    // Fields in SPOOL_FIELDS order; read straight from the split line (no intermediate object).
    const f = spoolFields(text);
    const accountId = f[0]!;
    const account = input.accounts.get(accountId);
    const recordedMs = input.recorded[slot]!;
    yield {
      accountId,
      accountName: account?.accountName || f[1]!,
      environment: account?.environment ?? 'Unclassified',
      region: f[2]!,
      ruleName: f[3]!,
      resourceType: f[4]!,
      resourceId: f[5]!,
      compliance: f[6] as ComplianceType,
      annotation: f[7]!,
      recordedIso: f[8]!,
      recordedMs,
      invokedIso: f[9]!,
      invokedMs: input.invoked[slot]!,
      ageDays: ageInDays(recordedMs, input.reportMs),
      stale: isStale(recordedMs, input.reportMs, input.staleDays),
      owner: f[10] || UNTAGGED,
      tags: f[11]!,
    };
  }
}
