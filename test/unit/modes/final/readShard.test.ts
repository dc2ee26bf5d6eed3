import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { encodeShardToString } from '../../../../src/core/shardCodec.js';
import type { CheckedRecord } from '../../../../src/core/shardSchema.js';
import { type RecordSink, readShard } from '../../../../src/modes/final/readShard.js';
import { record, shard } from './factories.js';

/** A sink that keeps what was committed, like the real one does with its transactions. */
function memorySink() {
  const committed: CheckedRecord[] = [];
  let pending: CheckedRecord[] = [];
  const log: string[] = [];
  const sink: RecordSink = {
    begin: () => {
      pending = [];
      log.push('begin');
    },
    accept: (checked) => pending.push(checked),
    commit: () => {
      committed.push(...pending);
      log.push('commit');
    },
    rollback: () => {
      pending = [];
      log.push('rollback');
    },
  };
  return { sink, committed, log };
}

/** Opens `text` as a stream of small chunks (lines straddle chunk boundaries). */
const opener = (text: string, chunk = 7) => {
  let opens = 0;
  const open = async () => {
    opens++;
    const bytes = Buffer.from(text, 'utf8');
    const parts: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
    return Readable.from(parts);
  };
  return { open, opens: () => opens };
};

const where = { groupId: 'g', shardId: '01' };
const good = shard('g', '01', [
  record(),
  record({ resource_id: 'ü-ß-€-😀', compliance_type: 'NON_COMPLIANT' }),
]);

describe('readShard', () => {
  it('reads the canonical layout line by line, with multi-byte text split across chunks', async () => {
    const { sink, committed } = memorySink();
    const src = opener(encodeShardToString(good), 5);
    const result = await readShard(src.open, where, sink, 1 << 20);
    expect(result).toMatchObject({ accepted: true, records: 2, invalidRecords: 0, layout: 'canonical' });
    expect(committed.map((c) => c.record.resource_id)).toEqual(['bucket-1', 'ü-ß-€-😀']);
    expect(src.opens()).toBe(1);
  });

  it('falls back to the streaming parser for valid JSON in another layout (pretty-printed)', async () => {
    const { sink, committed, log } = memorySink();
    const src = opener(JSON.stringify(good, null, 2));
    const result = await readShard(src.open, where, sink, 1 << 20);
    expect(result).toMatchObject({ accepted: true, records: 2, layout: 'streaming-parser' });
    expect(committed).toHaveLength(2);
    expect(log).toEqual(['begin', 'rollback', 'begin', 'commit']);
  });

  it('reads records that come before the header fields', async () => {
    const { records, ...header } = good;
    const { sink, committed } = memorySink();
    const result = await readShard(opener(JSON.stringify({ records, ...header })).open, where, sink, 1 << 20);
    expect(result.accepted).toBe(true);
    expect(committed).toHaveLength(2);
  });

  it('leaves out invalid records, counts them and keeps the first reason', async () => {
    const text = encodeShardToString({
      ...good,
      records: [record(), { ...record(), compliance_type: 'MAYBE' } as never, record({ resource_id: 'x' })],
    });
    const { sink, committed } = memorySink();
    const result = await readShard(opener(text).open, where, sink, 1 << 20);
    expect(result).toMatchObject({ accepted: true, records: 2, invalidRecords: 1 });
    expect(result.accepted && result.firstInvalid).toBe(
      'line 3: compliance_type "MAYBE" is not a compliance type',
    );
    expect(committed).toHaveLength(2);
  });

  it.each([
    ['corrupt JSON', '{"schema_version":1, "group_id": ', /corrupt JSON|ends before/],
    [
      'a truncated canonical file',
      encodeShardToString(good).split('\n').slice(0, 2).join('\n'),
      /corrupt JSON|ends before/,
    ],
    ['an empty file', '', /empty file/],
    ['a JSON array', '[1,2,3]', /not an object/],
    ['a foreign JSON object', '{"hello":"world"}', /no schema_version/],
    [
      'an unknown schema_version',
      encodeShardToString({ ...good, schema_version: 3 as 1 }),
      /unknown schema_version 3/,
    ],
    ['a shard of another group', encodeShardToString({ ...good, group_id: 'h' }), /group_id "h" inside/],
    [
      'a shard under the wrong name',
      encodeShardToString({ ...good, shard_id: '02' }),
      /shard_id "02" inside/,
    ],
    ['a valid header without records', JSON.stringify({ ...good, records: undefined }), /no "records" array/],
  ])('rejects %s, leaving nothing behind', async (_name, text, reason) => {
    const { sink, committed, log } = memorySink();
    const result = await readShard(opener(text).open, where, sink, 1 << 20);
    expect(result.accepted).toBe(false);
    expect(!result.accepted && result.reason).toMatch(reason);
    expect(committed).toHaveLength(0);
    expect(log.at(-1)).toBe('rollback');
  });

  it('switches to the streaming parser when the first line is longer than the limit', async () => {
    const { sink, committed } = memorySink();
    const result = await readShard(opener(encodeShardToString(good)).open, where, sink, 64);
    expect(result).toMatchObject({ accepted: true, layout: 'streaming-parser' });
    expect(committed).toHaveLength(2);
  });
});
