import { describe, expect, it } from 'vitest';
import {
  buildTagQueries,
  MAX_EXPRESSION_LENGTH,
  parseTagRow,
  resourceKey,
} from '../../../../src/modes/batch/tagQueries.js';

describe('tag queries', () => {
  it('asks for the seed query shape with every type quoted once, sorted', () => {
    const { queries, unquotable } = buildTagQueries([
      'AWS::S3::Bucket',
      'AWS::EC2::Instance',
      'AWS::S3::Bucket',
    ]);
    expect(unquotable).toEqual([]);
    expect(queries).toEqual([
      {
        expression:
          "SELECT resourceId, resourceType, tags WHERE resourceType IN ('AWS::EC2::Instance', 'AWS::S3::Bucket')",
        resourceTypes: ['AWS::EC2::Instance', 'AWS::S3::Bucket'],
      },
    ]);
  });

  it('splits a long type list so no expression exceeds 4096 characters and none is lost', () => {
    const types = Array.from({ length: 400 }, (_, i) => `Vendor::Service${i}::ResourceTypeName`);
    const { queries } = buildTagQueries(types);
    expect(queries.length).toBeGreaterThan(1);
    for (const query of queries) expect(query.expression.length).toBeLessThanOrEqual(MAX_EXPRESSION_LENGTH);
    expect(queries.flatMap((q) => q.resourceTypes).sort()).toEqual([...types].sort());
  });

  it('returns types it cannot quote safely instead of dropping them', () => {
    const { queries, unquotable } = buildTagQueries(['AWS::S3::Bucket', "x') OR ('1"]);
    expect(unquotable).toEqual(["x') OR ('1"]);
    expect(queries.flatMap((q) => q.resourceTypes)).toEqual(['AWS::S3::Bucket']);
  });

  it('makes no query for no types', () => {
    expect(buildTagQueries([]).queries).toEqual([]);
  });
});

describe('tag rows', () => {
  it('keeps only keys with the prefix', () => {
    const row = JSON.stringify({
      resourceId: 'i-1',
      resourceType: 'AWS::EC2::Instance',
      tags: [
        { key: 'mox.owner', value: 'alice' },
        { key: 'Name', value: 'web' },
        { key: 'mox.team', value: 'core' },
      ],
    });
    expect(parseTagRow(row, 'mox.')).toEqual({
      resourceId: 'i-1',
      resourceType: 'AWS::EC2::Instance',
      tags: { 'mox.owner': 'alice', 'mox.team': 'core' },
    });
  });

  it('accepts Key/Value and tag=k=v spellings', () => {
    const row = JSON.stringify({
      resourceId: 'b',
      resourceType: 'AWS::S3::Bucket',
      tags: [{ Key: 'mox.owner', Value: 'x' }, { tag: 'mox.cost=a=b' }],
    });
    expect(parseTagRow(row, 'mox.')?.tags).toEqual({ 'mox.owner': 'x', 'mox.cost': 'a=b' });
  });

  it('returns null for a row without ids and throws on non-JSON', () => {
    expect(parseTagRow('{"tags":[]}', 'mox.')).toBeNull();
    expect(() => parseTagRow('not json', 'mox.')).toThrow(SyntaxError);
  });

  it('keys resources by type and id without collisions between types', () => {
    expect(resourceKey('A', 'x')).not.toBe(resourceKey('B', 'x'));
  });
});
