/**
 * The storage layout, in one place. Every key the project reads or writes is built here, so a rerun
 * always hits the same key and no caller can escape its prefix.
 */

/** Characters allowed in group and shard ids: they become parts of object keys. */
export const SAFE_ID_PATTERN = /^[A-Za-z0-9._-]+$/;
export const MAX_ID_LENGTH = 128;

/**
 * True when `id` is safe to use as one path segment of a key: 1–128 of `[A-Za-z0-9._-]`, no `..`,
 * and not only dots: `batches/./x.json` is `batches/x.json` on a local store, and URL normalisation
 * may drop a `.` segment of an S3 key, so a `.` id would not get a folder of its own.
 */
export function isSafeId(id: string): boolean {
  return (
    id.length > 0 &&
    id.length <= MAX_ID_LENGTH &&
    SAFE_ID_PATTERN.test(id) &&
    !id.includes('..') &&
    !/^\.+$/.test(id)
  );
}

function assertSafe(kind: string, id: string): void {
  if (!isSafeId(id)) throw new RangeError(`${kind} ${JSON.stringify(id)} is not a safe key part`);
}

/** Normalises REPORT_PREFIX: empty, or ending with exactly one `/`, never starting with one. */
export function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed.split('/').some((part) => part === '..' || part === '.')) {
    throw new RangeError(`REPORT_PREFIX ${JSON.stringify(prefix)} must not contain "." or ".." segments`);
  }
  return trimmed === '' ? '' : `${trimmed}/`;
}

/** `<prefix>batches/<group_id>/<shard_id>.json` — the seed's key, exactly. */
export function batchKey(prefix: string, groupId: string, shardId: string): string {
  assertSafe('group_id', groupId);
  assertSafe('shard_id', shardId);
  return `${prefix}batches/${groupId}/${shardId}.json`;
}

/** `<prefix>batches/<group_id>/` — where final mode looks for shards. */
export function batchPrefix(prefix: string, groupId: string): string {
  assertSafe('group_id', groupId);
  return `${prefix}batches/${groupId}/`;
}

/** `<prefix>plans/<group_id>/manifest.json`. */
export function planKey(prefix: string, groupId: string): string {
  assertSafe('group_id', groupId);
  return `${prefix}plans/${groupId}/manifest.json`;
}

/** `YYYY-MM-DD` when the group id starts with a date, else the run date (UTC). */
export function reportDate(groupId: string, now: Date): string {
  const date = datePrefix(groupId);
  return date ?? now.toISOString().slice(0, 10);
}

/** The calendar date a group id starts with (`2024-02-30` is not one), or undefined. */
function datePrefix(groupId: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(groupId);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const parsed = new Date(`${y}-${m}-${d}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(`${y}-${m}-${d}`)) return undefined;
  return `${y}-${m}-${d}`;
}

/**
 * True when the group id is exactly a calendar date `YYYY-MM-DD`: the scheduled daily group, whose
 * report keeps the seed's key `reports/ConfigRule_<Date>.xlsx`. Any other group id (`adhoc`,
 * `2024-05-01-rerun`, a typo) reports under its own folder, so it can never replace that report.
 */
export function isDateGroup(groupId: string): boolean {
  return groupId.length === 10 && datePrefix(groupId) === groupId;
}

/** The keys of one report set: the workbook and its machine-readable companions. */
export interface ReportFileKeys {
  xlsx: string;
  csvGz: string;
  summaryJson: string;
  /**
   * `ConfigRule_<Date>.html`, the self-contained HTML summary. The key functions always name it;
   * final mode drops it from the set it writes when `REPORT_HTML` is off, so a set without `html`
   * has no HTML file.
   */
  html?: string;
}

/** The published report: the well-known keys readers open, and the manifest that names the current run. */
export interface PublishedReportKeys extends ReportFileKeys {
  /** `ConfigRule_<Date>.manifest.json`: written last; names the run folder of the current set. */
  manifest: string;
}

/**
 * `<prefix>reports/` for a date group, else `<prefix>reports/groups/<group_id>/`. The `groups/`
 * level keeps a group id such as `runs` from ever sharing a folder with the run folders.
 */
export function reportFolder(prefix: string, groupId: string): string {
  assertSafe('group_id', groupId);
  return isDateGroup(groupId) ? `${prefix}reports/` : `${prefix}reports/groups/${groupId}/`;
}

function fileKeys(folder: string, date: string): ReportFileKeys {
  const base = `${folder}ConfigRule_${date}`;
  return {
    xlsx: `${base}.xlsx`,
    csvGz: `${base}.details.csv.gz`,
    summaryJson: `${base}.summary.json`,
    html: `${base}.html`,
  };
}

/**
 * The published keys of a group's report for `date`. `groupId` defaults to `date` (the scheduled
 * date group): `reports/ConfigRule_<Date>.xlsx`, the seed's key, exactly; any other group id:
 * `reports/groups/<group_id>/ConfigRule_<Date>.xlsx`.
 */
export function reportKeys(prefix: string, date: string, groupId: string = date): PublishedReportKeys {
  const folder = reportFolder(prefix, groupId);
  return { ...fileKeys(folder, date), manifest: `${folder}ConfigRule_${date}.manifest.json` };
}

/** `<prefix>reports/runs/` — every final run's own folder lives below; a lifecycle rule may expire it. */
export function reportRunsPrefix(prefix: string): string {
  return `${prefix}reports/runs/`;
}

/**
 * `<prefix>reports/runs/<group_id>/<run_id>/ConfigRule_<Date>.*` — one final run's outputs, written
 * once and never overwritten; the manifest publishes them.
 */
export function reportRunKeys(prefix: string, groupId: string, runId: string, date: string): ReportFileKeys {
  assertSafe('group_id', groupId);
  assertSafe('run_id', runId);
  return fileKeys(`${reportRunsPrefix(prefix)}${groupId}/${runId}/`, date);
}

/** The extract folders below a report set: one workbook per owner, and (optionally) per account. */
export type ExtractKind = 'owners' | 'accounts';

/**
 * Where a report's published extracts live: `<report folder><Date>/` — `<prefix>reports/<Date>/` for
 * the date group, `<prefix>reports/groups/<group_id>/<Date>/` for any other. The date level is
 * needed because a report folder holds the reports of several dates (`ConfigRule_<Date>.*`); it
 * never meets `runs/` or `groups/`, which are not dates.
 */
export function reportExtractsFolder(prefix: string, groupId: string, date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw new RangeError(`report date ${JSON.stringify(date)} is not YYYY-MM-DD`);
  return `${reportFolder(prefix, groupId)}${date}/`;
}

/** `<prefix>reports/runs/<group_id>/<run_id>/` — one run's folder; its extracts go below it. */
export function reportRunFolder(prefix: string, groupId: string, runId: string): string {
  assertSafe('group_id', groupId);
  assertSafe('run_id', runId);
  return `${reportRunsPrefix(prefix)}${groupId}/${runId}/`;
}

/**
 * `<folder><kind>/<name>.xlsx` — one extract. `name` must already be a safe key segment (an owner's
 * name from `extractNames`, or an account id); anything else is refused, never escaped here.
 */
export function extractKey(folder: string, kind: ExtractKind, name: string): string {
  assertSafe(`${kind} extract name`, name);
  return `${folder}${kind}/${name}.xlsx`;
}

/** `keys` without the HTML summary's key: the set final mode writes when `REPORT_HTML` is off. */
export function withoutHtml<K extends ReportFileKeys>(keys: K): K {
  const { html: _html, ...rest } = keys;
  return rest as K;
}
