/**
 * How the summary's numbers read as text, shared by the HTML summary and the plain-text headline:
 * percentages, counts, the red/yellow/green band in words, and what counts as a coverage problem.
 * Pure and locale-free, so the same summary always gives the same text.
 */

/** The traffic-light band of a ratio; `none` when there is no data (no ratio). */
export type Band = 'red' | 'yellow' | 'green' | 'none';

/** The thresholds as the summary JSON carries them. */
export interface ThresholdsView {
  red_below: number;
  yellow_below: number;
}

/**
 * The band of a ratio: below `red_below` red, below `yellow_below` yellow, else green; `none` for a
 * blank ratio (nothing compliant or non-compliant), which is never 0 %.
 */
export function bandOf(ratio: number | null, thresholds: ThresholdsView): Band {
  if (ratio === null) return 'none';
  if (ratio < thresholds.red_below) return 'red';
  if (ratio < thresholds.yellow_below) return 'yellow';
  return 'green';
}

const BAND_WORDS: Record<Band, string> = { red: 'Red', yellow: 'Yellow', green: 'Green', none: 'No data' };

/** The band as a word (`Red`, `Yellow`, `Green`, `No data`): colour must never be the only signal. */
export function bandWord(band: Band): string {
  return BAND_WORDS[band];
}

/**
 * `75.2%`: rounded DOWN to one decimal, so a ratio just under a threshold never reads as the
 * threshold itself (94.96 % is yellow and shows 94.9 %, not 95.0 %), nor a report as more compliant
 * than it is. The one percentage format of every text output: the CLI, the HTML summary, the
 * headline and the notification. `n/a` without data.
 */
export function percentText(ratio: number | null): string {
  return ratio === null ? 'n/a' : `${(Math.floor(ratio * 1000) / 10).toFixed(1)}%`;
}

/** `1,738`: thousands separated by commas, whatever the machine's locale. */
export function countText(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** What {@link coverageProblemCount} reads of the summary. */
export interface CoverageView {
  shards: { accepted: number };
  coverage: {
    problems: readonly { status: string }[];
    missing_shards: readonly unknown[];
  };
}

/** Coverage rows that are expected and not errors: accounts found but deliberately not collected. */
const NOT_A_PROBLEM = new Set(['OK', 'SKIPPED']);

/** Whether a coverage row's status is a problem (neither OK nor SKIPPED). */
export function isCoverageProblem(status: string): boolean {
  return !NOT_A_PROBLEM.has(status);
}

/**
 * Coverage problems, the one count the CLI, the headline and the HTML summary give: account-region
 * rows that are neither OK nor SKIPPED (denied, Config off, missing, rejected file, …), plus missing
 * shards, plus one when no shard was accepted at all (an empty report must never read as
 * "everything was covered"). Suspended or excluded accounts are reported, but are not problems:
 * nobody can act on them.
 */
export function coverageProblemCount(summary: CoverageView): number {
  return (
    summary.coverage.problems.filter((p) => isCoverageProblem(p.status)).length +
    summary.coverage.missing_shards.length +
    (summary.shards.accepted === 0 ? 1 : 0)
  );
}

/**
 * Text from hostile input (account names, owner tags) made safe for one line of plain text: control
 * and bidirectional-override characters become spaces (a newline in an account name must not forge
 * a line of a notification), runs of spaces collapse, and the result is cut to `max` characters
 * without splitting a surrogate pair.
 */
export function oneLine(text: string, max = 80): string {
  const flat = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(flat);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}
