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
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(groupId);
  if (match) {
    const [, y, m, d] = match;
    const parsed = new Date(`${y}-${m}-${d}T00:00:00Z`);
    if (!Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(`${y}-${m}-${d}`))
      return `${y}-${m}-${d}`;
  }
  return now.toISOString().slice(0, 10);
}

/** The report's object keys: the workbook and its machine-readable companions. */
export function reportKeys(
  prefix: string,
  date: string,
): { xlsx: string; csvGz: string; summaryJson: string } {
  const base = `${prefix}reports/ConfigRule_${date}`;
  return { xlsx: `${base}.xlsx`, csvGz: `${base}.details.csv.gz`, summaryJson: `${base}.summary.json` };
}
