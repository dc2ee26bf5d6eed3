import { describe, expect, it } from 'vitest';
import type { ShardFile } from '../../../src/core/model.js';
import {
  decodeRecordLine,
  decodeShardHeaderLine,
  encodeShard,
  encodeShardToString,
} from '../../../src/core/shardCodec.js';

function shard(records: number): ShardFile {
  return {
    schema_version: 1,
    group_id: 'g',
    shard_id: 's',
    started_at: '2026-01-01T00:00:00.000Z',
    finished_at: '2026-01-01T00:01:00.000Z',
    tag_prefix: 'mox.',
    accounts: [],
    rules: [],
    records: Array.from({ length: records }, (_, i) => ({
      account_id: '111122223333',
      account_name: 'prod-app-01',
      region: 'us-east-1',
      rule_name: `rule-${i}`,
      resource_type: 'AWS::S3::Bucket',
      resource_id: `bucket\n"${i}"`,
      compliance_type: 'NON_COMPLIANT',
      annotation: 'line one\nline two, "quoted"',
      result_recorded_time: '2026-01-01T00:00:00.000Z',
      config_rule_invoked_time: '2026-01-01T00:00:00.000Z',
      tags: { 'mox.owner': 'team-a' },
    })),
  };
}

describe('canonical shard layout', () => {
  it.each([0, 1, 3])('is plain JSON that round-trips with %i records', (n) => {
    const original = shard(n);
    expect(JSON.parse(encodeShardToString(original))).toEqual(original);
  });

  it('puts the header on line 1 and one record per line, so readers can stream it', () => {
    const original = shard(3);
    const lines = encodeShardToString(original).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    const { records, ...header } = original;
    expect(decodeShardHeaderLine(lines[0]!)).toEqual({ ...header, records: [] });
    expect(lines.slice(1, 4).map(decodeRecordLine)).toEqual(records);
    expect(lines[4]).toBe(']}');
  });

  it('does not mistake an arbitrary line for a header', () => {
    expect(decodeShardHeaderLine('{"a":1}')).toBeNull();
    expect(decodeShardHeaderLine('not json "records":[')).toBeNull();
  });

  it('yields one chunk per line', () => {
    expect(Array.from(encodeShard(shard(2)))).toHaveLength(4);
  });
});
