import { describe, expect, it } from 'vitest';
import type { ComplianceRecord } from '../../../../src/core/model.js';
import { ConfigSourceError } from '../../../../src/modes/batch/errors.js';
import { readResourceTags, TAGS_PSEUDO_RULE } from '../../../../src/modes/batch/readResourceTags.js';

function record(type: string, id: string): ComplianceRecord {
  return {
    account_id: '111122223333',
    account_name: 'a',
    region: 'us-east-1',
    rule_name: 'r',
    resource_type: type,
    resource_id: id,
    compliance_type: 'COMPLIANT',
    annotation: '',
    result_recorded_time: '',
    config_rule_invoked_time: '',
    tags: {},
  };
}

const row = (type: string, id: string, tags: Record<string, string>) =>
  JSON.stringify({
    resourceId: id,
    resourceType: type,
    tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
  });

describe('readResourceTags', () => {
  it('joins prefixed tags onto every record of the resource, with one query for all types', async () => {
    const expressions: string[] = [];
    const reader = {
      selectResources: async (expression: string) => {
        expressions.push(expression);
        return [
          row('AWS::S3::Bucket', 'logs', { 'mox.owner': 'alice', Name: 'logs' }),
          row('AWS::EC2::Instance', 'i-1', { 'mox.team': 'core' }),
          row('AWS::EC2::Instance', 'i-unevaluated', { 'mox.team': 'other' }),
        ];
      },
    };
    const records = [
      record('AWS::S3::Bucket', 'logs'),
      record('AWS::S3::Bucket', 'logs'),
      record('AWS::EC2::Instance', 'i-1'),
    ];
    expect(await readResourceTags(reader, records, 'mox.')).toBeUndefined();
    expect(expressions).toHaveLength(1);
    expect(records.map((r) => r.tags)).toEqual([
      { 'mox.owner': 'alice' },
      { 'mox.owner': 'alice' },
      { 'mox.team': 'core' },
    ]);
  });

  it('keeps every record when the query fails, and reports which types lost their tags', async () => {
    const reader = {
      selectResources: async () => {
        throw new ConfigSourceError('ThrottlingException', 'Rate exceeded');
      },
    };
    const records = [record('AWS::S3::Bucket', 'a'), record('AWS::S3::Bucket', 'b')];
    const failure = await readResourceTags(reader, records, 'mox.');
    expect(records).toHaveLength(2);
    expect(failure).toMatchObject({ rule_name: TAGS_PSEUDO_RULE, error_name: 'ThrottlingException' });
    expect(failure!.error_message).toContain('AWS::S3::Bucket');
    expect(failure!.error_message).toContain('2 records kept without ownership tags');
  });

  it('makes no call when there are no records', async () => {
    let calls = 0;
    const reader = {
      selectResources: async () => {
        calls += 1;
        return [];
      },
    };
    expect(await readResourceTags(reader, [], 'mox.')).toBeUndefined();
    expect(calls).toBe(0);
  });
});
