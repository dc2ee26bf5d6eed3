/**
 * Reads and validates one shard file in-process, streaming. The canonical layout
 * (src/core/shardCodec.ts) is read line by line; anything else that is valid JSON goes through the
 * streaming JSON parser. A shard is accepted or rejected as a whole: records are offered to the
 * sink inside a transaction that is rolled back if the file turns out to be corrupt or to belong
 * elsewhere. Records that fail validation inside an accepted shard are left out, counted, and the
 * first reason kept.
 */
import type { Readable } from 'node:stream';
import type { ShardHeader } from '../../core/model.js';
import { type CheckedRecord, validateShardHeader } from '../../core/shardSchema.js';
import { CanonicalShardParser, offerRecord, type Tally } from './canonical.js';
import { parseShardStreaming } from './fallbackParser.js';

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
      layout: 'canonical' | 'streaming-parser';
    }
  | { accepted: false; reason: string };

/**
 * Reads one shard. `open` is called once, or twice when the file has to be re-read with the
 * streaming parser. Never throws for bad content; storage errors propagate, after the records
 * offered so far were rolled back (so the read can be retried).
 */
export async function readShard(
  open: () => Promise<Readable>,
  expected: { groupId: string; shardId: string },
  sink: RecordSink,
  maxLineBytes: number,
): Promise<ShardReadResult> {
  sink.begin();
  const parser = new CanonicalShardParser(expected, maxLineBytes, (checked, raw) =>
    sink.accept(checked, raw),
  );
  const canonical = await rollingBackOnError(sink, async () => {
    const stream = await open();
    for await (const chunk of stream) {
      parser.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
      if (parser.early) {
        stream.destroy();
        break;
      }
    }
    return parser.end();
  });
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
  return readStreaming(await open(), expected, sink);
}

/** Reads a whole shard with the streaming JSON parser (any valid JSON layout). */
export async function readStreaming(
  stream: Readable,
  expected: { groupId: string; shardId: string },
  sink: RecordSink,
): Promise<ShardReadResult> {
  sink.begin();
  const tally: Tally = { records: 0, invalid: 0, firstInvalid: '' };
  let index = 0;
  const outcome = await rollingBackOnError(sink, () =>
    parseShardStreaming(stream, {
      onRecord(value) {
        index++;
        offerRecord(value, null, `record ${index}`, (checked, raw) => sink.accept(checked, raw), tally);
      },
    }),
  );
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

/** Runs `read` inside the sink's open transaction; if it throws, the transaction is rolled back. */
async function rollingBackOnError<T>(sink: RecordSink, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    sink.rollback();
    throw error;
  }
}
