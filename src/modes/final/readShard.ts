/**
 * Reads and validates one shard file, streaming. The canonical layout (src/core/shardCodec.ts) is
 * read line by line; anything else that is valid JSON goes through the streaming JSON parser. A
 * shard is accepted or rejected as a whole: records are offered to the sink inside a transaction
 * that is rolled back if the file turns out to be corrupt or to belong elsewhere. Records that fail
 * validation inside an accepted shard are left out, counted, and the first reason kept.
 */
import type { Readable } from 'node:stream';
import type { ShardHeader } from '../../core/model.js';
import { decodeRecordLine, decodeShardHeaderLine, SHARD_CLOSER } from '../../core/shardCodec.js';
import { type CheckedRecord, validateRecord, validateShardHeader } from '../../core/shardSchema.js';
import { parseShardStreaming } from './fallbackParser.js';
import { forEachLine } from './lines.js';

/** Receives a shard's valid records, transactionally. */
export interface RecordSink {
  begin(): void;
  /** A valid record, with its JSON text when the reader has it (canonical layout). */
  accept(checked: CheckedRecord, rawJson: string | null): void;
  commit(): void;
  rollback(): void;
}

/** Result of reading one shard. */
export type ShardReadResult =
  | {
      accepted: true;
      header: ShardHeader;
      /** Valid records offered to the sink. */
      records: number;
      invalidRecords: number;
      firstInvalid: string;
      /** 'canonical' or 'streaming-parser'. */
      layout: 'canonical' | 'streaming-parser';
    }
  | { accepted: false; reason: string };

interface Tally {
  records: number;
  invalid: number;
  firstInvalid: string;
}

/**
 * Reads one shard. `open` is called once, or twice when the file has to be re-read with the
 * streaming parser. Never throws for bad content; storage errors propagate.
 */
export async function readShard(
  open: () => Promise<Readable>,
  expected: { groupId: string; shardId: string },
  sink: RecordSink,
  maxLineBytes: number,
): Promise<ShardReadResult> {
  sink.begin();
  const canonical = await readCanonical(await open(), expected, sink, maxLineBytes);
  if (canonical.kind === 'done') {
    sink.commit();
    const { records, invalid, firstInvalid } = canonical.tally;
    return {
      accepted: true,
      header: canonical.header,
      records,
      invalidRecords: invalid,
      firstInvalid,
      layout: 'canonical',
    };
  }
  sink.rollback();
  if (canonical.kind === 'rejected') return { accepted: false, reason: canonical.reason };

  sink.begin();
  const tally: Tally = { records: 0, invalid: 0, firstInvalid: '' };
  let index = 0;
  const outcome = await parseShardStreaming(await open(), {
    onRecord(value) {
      index++;
      offer(value, null, `record ${index}`, sink, tally);
    },
  });
  if (!outcome.ok) {
    sink.rollback();
    return { accepted: false, reason: outcome.reason };
  }
  const { records: _records, ...rawHeader } = outcome.header;
  const header = validateShardHeader(rawHeader, expected);
  if (!header.ok) {
    sink.rollback();
    return { accepted: false, reason: header.reason };
  }
  if (!outcome.sawRecords) {
    sink.rollback();
    return { accepted: false, reason: 'invalid shard: no "records" array' };
  }
  sink.commit();
  return {
    accepted: true,
    header: header.value,
    records: tally.records,
    invalidRecords: tally.invalid,
    firstInvalid: tally.firstInvalid,
    layout: 'streaming-parser',
  };
}

function offer(raw: unknown, rawJson: string | null, where: string, sink: RecordSink, tally: Tally): void {
  const checked = validateRecord(raw);
  if (checked.ok) {
    sink.accept(checked.value, rawJson);
    tally.records++;
  } else {
    if (tally.invalid === 0) tally.firstInvalid = `${where}: ${checked.reason}`;
    tally.invalid++;
  }
}

type CanonicalOutcome =
  | { kind: 'done'; header: ShardHeader; tally: Tally }
  | { kind: 'rejected'; reason: string }
  /** Not (or not entirely) in the canonical layout: try the streaming parser. */
  | { kind: 'fallback' };

async function readCanonical(
  stream: Readable,
  expected: { groupId: string; shardId: string },
  sink: RecordSink,
  maxLineBytes: number,
): Promise<CanonicalOutcome> {
  let header: ShardHeader | null = null;
  let closed = false;
  let result: CanonicalOutcome | null = null;
  const tally: Tally = { records: 0, invalid: 0, firstInvalid: '' };
  let sawBytes = false;

  const ended = await forEachLine(stream, maxLineBytes, (line, lineNo) => {
    sawBytes ||= line.length > 0 || lineNo > 1;
    if (header === null) {
      const raw = decodeShardHeaderLine(line.toString('utf8'));
      if (raw === null) {
        result = { kind: 'fallback' };
        return false;
      }
      const checked = validateShardHeader(raw, expected);
      if (!checked.ok) {
        result = { kind: 'rejected', reason: checked.reason };
        return false;
      }
      header = checked.value;
      return true;
    }
    if (line.length === 0) return true;
    if (closed) {
      result = { kind: 'fallback' };
      return false;
    }
    const text = line.toString('utf8');
    if (text === SHARD_CLOSER) {
      closed = true;
      return true;
    }
    let raw: unknown;
    try {
      raw = decodeRecordLine(text);
    } catch {
      result = { kind: 'fallback' };
      return false;
    }
    offer(raw, text, `line ${lineNo}`, sink, tally);
    return true;
  });
  if (result !== null) return result;
  if (ended === 'done' && !sawBytes) return { kind: 'rejected', reason: 'empty file' };
  if (ended === 'too-long' || header === null || !closed) return { kind: 'fallback' };
  return { kind: 'done', header, tally };
}
