import { describe, expect, it } from 'vitest';
import { validateRecord, validateShardHeader } from '../../../src/core/shardSchema.js';
import { record, shard } from '../modes/final/factories.js';

const where = { groupId: 'g1', shardId: '01' };
const header = () => {
  const { records: _r, ...h } = shard('g1', '01', [record()]);
  return h as Record<string, unknown>;
};

describe('validateShardHeader', () => {
  it('accepts a valid header', () => {
    const result = validateShardHeader(header(), where);
    expect(result.ok).toBe(true);
  });
  it("keeps an account's optional OU path, and accepts accounts without one", () => {
    const [first] = header().accounts as object[];
    const result = validateShardHeader(
      { ...header(), accounts: [{ ...first, ou_path: 'Root/Sandbox' }] },
      where,
    );
    expect(result.ok && result.value.accounts[0]?.ou_path).toBe('Root/Sandbox');
    const without = validateShardHeader(header(), where);
    expect(without.ok && without.value.accounts[0]).not.toHaveProperty('ou_path');
  });

  it('reads version 1 (no rule identity) and version 2 (rule identity and conformance packs)', () => {
    const v1 = validateShardHeader({ ...header(), schema_version: 1 }, where);
    expect(v1.ok && v1.value.conformance_packs).toBeUndefined();
    const h = header();
    const rules = (h.rules as Record<string, unknown>[]).map((r) => ({
      ...r,
      created_by: 'config-conforms.amazonaws.com',
      conformance_pack: 'Operational-Best-Practices-for-S3',
    }));
    const pack = {
      account_id: '111111111111',
      region: 'us-east-1',
      pack_name: 'Operational-Best-Practices-for-S3',
      compliance_type: 'NON_COMPLIANT',
      rules_compliant: 3,
      rules_non_compliant: 1,
      rules_insufficient_data: 0,
    };
    const v2 = validateShardHeader({ ...h, schema_version: 2, rules, conformance_packs: [pack] }, where);
    expect(v2.ok && v2.value.rules[0]).toMatchObject({
      created_by: 'config-conforms.amazonaws.com',
      conformance_pack: 'Operational-Best-Practices-for-S3',
    });
    expect(v2.ok && v2.value.conformance_packs).toEqual([pack]);
    const bad = validateShardHeader(
      { ...h, schema_version: 2, conformance_packs: [{ ...pack, compliance_type: 'NOT_APPLICABLE' }] },
      where,
    );
    expect(!bad.ok && bad.reason).toMatch(/conformance_packs\[0\]\.compliance_type/);
  });
  it('accepts unknown extra fields (a newer writer stays readable)', () => {
    expect(validateShardHeader({ ...header(), collector_version: '9' }, where).ok).toBe(true);
  });
  it.each([
    [
      'an unknown schema_version',
      { schema_version: 3 },
      /unknown schema_version 3 \(this reader knows 1 and 2\)/,
    ],
    ['a file without schema_version', { schema_version: undefined }, /no schema_version/],
    ['a foreign group', { group_id: 'other' }, /group_id "other" inside does not match the folder "g1"/],
    ['a foreign shard id', { shard_id: '02' }, /shard_id "02" inside does not match the file name "01.json"/],
    ['a bad account id', { accounts: [{ account_id: '12' }] }, /accounts\[0\]/],
    [
      'a bad status',
      {
        accounts: [
          { ...(header().accounts as object[])[0], regions: [{ region: 'us-east-1', status: 'MAYBE' }] },
        ],
      },
      /status/,
    ],
  ])('rejects %s with a reason', (_name, patch, reason) => {
    const result = validateShardHeader({ ...header(), ...patch }, where);
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.reason).toMatch(reason);
  });
  it('rejects a value that is not an object', () => {
    expect(validateShardHeader([1, 2], where)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not an object/),
    });
  });
});

describe('validateRecord', () => {
  it('accepts a valid record and parses its times', () => {
    const result = validateRecord(record());
    expect(result.ok && result.value.recordedMs).toBe(Date.parse('2024-05-01T10:00:00.000Z'));
    expect(result.ok && result.value.invokedMs).toBe(Date.parse('2024-05-01T09:59:00.000Z'));
  });
  it('normalises optional fields', () => {
    const { annotation: _a, tags: _t, config_rule_invoked_time: _c, ...bare } = record();
    const result = validateRecord({ ...bare, tags: undefined });
    expect(result.ok && result.value.record).toMatchObject({
      annotation: '',
      tags: {},
      config_rule_invoked_time: '2024-05-01T10:00:00.000Z',
    });
  });
  it('drops tag values that are not strings and keeps the rest', () => {
    const result = validateRecord({ ...record(), tags: { 'mox.owner': 'a', 'mox.n': 5 } });
    expect(result.ok && result.value.record.tags).toEqual({ 'mox.owner': 'a' });
  });
  it.each([
    [{ account_id: '1234' }, /account_id/],
    [{ region: '' }, /region/],
    [{ rule_name: 'a\u0000b' }, /rule_name/],
    [{ resource_type: 7 }, /resource_type/],
    [{ resource_id: '' }, /resource_id/],
    [{ compliance_type: 'MOSTLY' }, /compliance_type "MOSTLY"/],
    [{ result_recorded_time: 'yesterday' }, /result_recorded_time "yesterday"/],
    [{ config_rule_invoked_time: 'soon' }, /config_rule_invoked_time/],
  ])('rejects %j', (patch, reason) => {
    const result = validateRecord({ ...record(), ...patch });
    expect(!result.ok && result.reason).toMatch(reason);
  });
  it('rejects a non-object', () => {
    expect(validateRecord('x')).toEqual({ ok: false, reason: 'record is not an object' });
  });
});
