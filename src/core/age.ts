/**
 * How old an evaluation is at report time, and whether it is stale. One rule for the sheets, the
 * CSV and the Summary counts, so a row flagged "stale" is always one the Summary counted.
 *
 * The report time is the run's generated time (from the injected clock), never `Date.now()`: the
 * same shards and clock must give the same bytes.
 */

/** Milliseconds in a day (UTC days: no daylight-saving shifts). */
export const MS_PER_DAY = 86_400_000;

/**
 * Whole days from `recordedMs` to `reportMs`, rounded down (what people read as "7 days old").
 * A result recorded after the report time (clock skew between Config and the hub) is 0 days old.
 */
export function ageInDays(recordedMs: number, reportMs: number): number {
  const elapsed = reportMs - recordedMs;
  return elapsed > 0 ? Math.floor(elapsed / MS_PER_DAY) : 0;
}

/**
 * True when the evaluation is more than `staleDays` × 24 h old at report time. Exactly `staleDays`
 * days old is not stale yet: "older than 7 days" means past the 7-day mark.
 */
export function isStale(recordedMs: number, reportMs: number, staleDays: number): boolean {
  return reportMs - recordedMs > staleDays * MS_PER_DAY;
}

/** Stale evaluations among a set of winners. */
export interface StaleCounts {
  /** The threshold in days (`REPORT_STALE_DAYS`). */
  thresholdDays: number;
  /** Evaluations more than `thresholdDays` old. */
  evaluations: number;
  /** Of those, NON_COMPLIANT. */
  nonCompliant: number;
  /** Age in whole days of the oldest evaluation, or null when there is none. */
  oldestDays: number | null;
}

/**
 * Counts stale winners straight from the winner table's columns (no object per record): slots
 * `0..size-1` of `recorded` (epoch ms) and `compliance` (codes; `nonCompliantCode` is
 * NON_COMPLIANT's).
 */
export function countStale(
  columns: { recorded: ArrayLike<number>; compliance: ArrayLike<number>; size: number },
  reportMs: number,
  staleDays: number,
  nonCompliantCode: number,
): StaleCounts {
  const { recorded, compliance, size } = columns;
  const limit = reportMs - staleDays * MS_PER_DAY;
  let evaluations = 0;
  let nonCompliant = 0;
  let oldest = Number.POSITIVE_INFINITY;
  for (let slot = 0; slot < size; slot++) {
    const ms = recorded[slot]!;
    if (ms < oldest) oldest = ms;
    // Same comparison as isStale (reportMs - ms > staleDays × day), without a call per winner.
    if (ms < limit) {
      evaluations++;
      if (compliance[slot] === nonCompliantCode) nonCompliant++;
    }
  }
  return {
    thresholdDays: staleDays,
    evaluations,
    nonCompliant,
    oldestDays: size === 0 ? null : ageInDays(oldest, reportMs),
  };
}
