import { describe, expect, it } from 'vitest';
import type { ComplianceRecord, RegionResult, ShardFile } from '../../../../src/core/model.js';
import {
  decodeRecordLine,
  decodeShardHeaderLine,
  encodeShardFromLines,
  encodeShardToString,
} from '../../../../src/core/shardCodec.js';
import { buildShard, encodeRegion } from '../../../../src/modes/batch/buildShard.js';
import type { RegionOutcome } from '../../../../src/modes/batch/collectRegion.js';
import { toRecord, toShardRule } from '../../../../src/modes/batch/records.js';

const ctx = { accountId: '111122223333', accountName: 'prod-app-01', region: 'us-east-1' };

describe("mapping the Config source's answers", () => {
  it('turns an evaluation result into a record with ISO times', () => {
    const record = toRecord(
      {
        resourceType: 'AWS::S3::Bucket',
        resourceId: 'logs',
        complianceType: 'NON_COMPLIANT',
        resultRecordedTime: new Date(1767225661456),
        configRuleInvokedTime: new Date(1767225660789),
        annotation: 'Versioning is not enabled.',
      },
      's3-bucket-versioning-enabled',
      ctx,
    );
    expect(record).toEqual({
      account_id: '111122223333',
      account_name: 'prod-app-01',
      region: 'us-east-1',
      rule_name: 's3-bucket-versioning-enabled',
      resource_type: 'AWS::S3::Bucket',
      resource_id: 'logs',
      compliance_type: 'NON_COMPLIANT',
      annotation: 'Versioning is not enabled.',
      result_recorded_time: '2026-01-01T00:01:01.456Z',
      config_rule_invoked_time: '2026-01-01T00:01:00.789Z',
      tags: {},
    });
  });

  it('keeps a result with an unknown compliance type or bad times instead of dropping it', () => {
    const missing = {
      resourceType: '',
      resourceId: '',
      annotation: '',
      resultRecordedTime: undefined,
      configRuleInvokedTime: new Date(Number.NaN),
    };
    for (const complianceType of ['', 'SOMETHING_NEW']) {
      expect(toRecord({ ...missing, complianceType }, 'rule', ctx)).toMatchObject({
        resource_id: '',
        compliance_type: 'INSUFFICIENT_DATA',
        result_recorded_time: '',
        config_rule_invoked_time: '',
      });
    }
  });

  it('keeps rule metadata', () => {
    expect(
      toShardRule(
        {
          name: 'r',
          description: 'd',
          state: 'ACTIVE',
          sourceOwner: 'AWS',
          sourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED',
          createdBy: '',
          evaluationsHidden: false,
        },
        ctx,
      ),
    ).toEqual({
      account_id: '111122223333',
      region: 'us-east-1',
      rule_name: 'r',
      source_owner: 'AWS',
      source_identifier: 'S3_BUCKET_VERSIONING_ENABLED',
      state: 'ACTIVE',
      description: 'd',
    });
  });
});

function record(accountId: string, region: string, rule: string, id: string): ComplianceRecord {
  return {
    account_id: accountId,
    account_name: 'n',
    region,
    rule_name: rule,
    resource_type: 'AWS::S3::Bucket',
    resource_id: id,
    compliance_type: 'COMPLIANT',
    annotation: '',
    result_recorded_time: '',
    config_rule_invoked_time: '',
    tags: { 'mox.team': 't', 'mox.owner': 'o' },
  };
}

function outcome(region: string, records: ComplianceRecord[]): RegionOutcome {
  const result: RegionResult = {
    region,
    status: 'OK',
    rules_count: 0,
    records_count: records.length,
    throttles: 0,
    duration_ms: 1,
  };
  return { result, rules: [], conformancePacks: [], records, stats: { calls: 0, throttles: 0 } };
}

describe('building the shard', () => {
  it('sorts accounts, regions, records and tag keys, whatever order they finished in', () => {
    const account = (id: string) => ({
      account_id: id,
      account_name: id,
      environment_source: 'none' as const,
      tags: {},
    });
    const shard = buildShard(
      {
        groupId: 'g',
        shardId: 's',
        startedAt: new Date(0),
        finishedAt: new Date(1000),
        tagPrefix: 'mox.',
      },
      [
        {
          account: account('222222222222'),
          regions: [encodeRegion(outcome('us-east-1', [record('222222222222', 'us-east-1', 'b', '2')]))],
        },
        {
          account: account('111111111111'),
          regions: [
            encodeRegion(outcome('us-west-2', [record('111111111111', 'us-west-2', 'a', '1')])),
            encodeRegion(
              outcome('eu-west-1', [
                record('111111111111', 'eu-west-1', 'z', '9'),
                record('111111111111', 'eu-west-1', 'a', '5'),
              ]),
            ),
            encodeRegion(outcome('ap-south-1', [])),
          ],
        },
      ],
    );
    // The canonical layout, assembled from the per-account-region chunks, parses as one JSON document.
    const text = Array.from(encodeShardFromLines(shard.header, shard.chunks)).join('');
    const file = JSON.parse(text) as ShardFile;
    expect(shard.records).toBe(4);
    expect(file.accounts.map((a) => a.account_id)).toEqual(['111111111111', '222222222222']);
    expect(file.accounts[0]!.regions.map((r) => r.region)).toEqual(['ap-south-1', 'eu-west-1', 'us-west-2']);
    expect(file.accounts[0]!).toMatchObject({ environment: 'Unclassified', environment_source: 'none' });
    expect(file.records.map((r) => `${r.account_id}/${r.region}/${r.rule_name}`)).toEqual([
      '111111111111/eu-west-1/a',
      '111111111111/eu-west-1/z',
      '111111111111/us-west-2/a',
      '222222222222/us-east-1/b',
    ]);
    expect(Object.keys(file.records[0]!.tags)).toEqual(['mox.owner', 'mox.team']);
    // Byte for byte what encoding the whole shard at once gives (one record per line).
    expect(text).toBe(encodeShardToString(file));
    const lines = text.trimEnd().split('\n');
    expect(decodeShardHeaderLine(lines[0]!)).toMatchObject({
      schema_version: 2,
      group_id: 'g',
      shard_id: 's',
    });
    expect(lines.slice(1, -1).map(decodeRecordLine)).toEqual(file.records);
  });
});
