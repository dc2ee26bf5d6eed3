/**
 * The canonical shard file layout. It is plain JSON (any JSON reader can open it), laid out so that
 * a reader can stream it line by line without a streaming JSON parser:
 *
 * ```
 * {"schema_version":1,...,"accounts":[...],"rules":[...],"records":[
 * {record}
 * ,{record}
 * ]}
 * ```
 * Line 1 is the header with everything but the records and ends with `"records":[`. Each following
 * line is one record (the second and later lines start with `,`), and the last line is `]}`.
 */
import type { ComplianceRecord, ShardFile, ShardHeader } from './model.js';

export const RECORDS_OPENER = '"records":[';
export const SHARD_CLOSER = ']}';

/** Serialises the header line (without a trailing newline). */
export function encodeShardHeader(header: ShardHeader): string {
  const json = JSON.stringify(header);
  return `${json.slice(0, -1)},${RECORDS_OPENER}`;
}

/**
 * One record line in its "not the first" form, `,{record}\n`. Record lines are produced in this form
 * (batch mode encodes each account-region as soon as it is collected, not knowing which comes first)
 * and {@link encodeShardFromLines} drops the comma of the file's first one.
 */
export function encodeRecordLine(record: ComplianceRecord): string {
  return `,${JSON.stringify(record)}\n`;
}

/**
 * Yields a shard file in canonical layout from its header and chunks of record lines, each chunk a
 * run of {@link encodeRecordLine} lines (or empty), already in file order.
 */
export function* encodeShardFromLines(header: ShardHeader, chunks: Iterable<string>): Generator<string> {
  yield `${encodeShardHeader(header)}\n`;
  let first = true;
  for (const chunk of chunks) {
    if (chunk.length === 0) continue;
    yield first ? chunk.slice(1) : chunk;
    first = false;
  }
  yield `${SHARD_CLOSER}\n`;
}

/** Yields the whole shard file in canonical layout, one chunk per line (each ending in `\n`). */
export function* encodeShard(shard: ShardFile): Generator<string> {
  const { records, ...header } = shard;
  yield* encodeShardFromLines(
    header,
    (function* () {
      for (const record of records) yield encodeRecordLine(record);
    })(),
  );
}

/** Serialises a shard to one string in canonical layout. */
export function encodeShardToString(shard: ShardFile): string {
  return Array.from(encodeShard(shard)).join('');
}

/** Parses the header line of a canonical shard file; returns null if the line is not one. */
export function decodeShardHeaderLine(line: string): unknown | null {
  if (!line.endsWith(RECORDS_OPENER)) return null;
  try {
    return JSON.parse(`${line.slice(0, -RECORDS_OPENER.length)}"records":[]}`);
  } catch {
    return null;
  }
}

/** Parses one record line of a canonical shard file (leading `,` allowed). */
export function decodeRecordLine(line: string): unknown {
  return JSON.parse(line.startsWith(',') ? line.slice(1) : line);
}

export type { ComplianceRecord };
