/**
 * Rule identity in final mode, on hand-made shards whose numbers are worked out in the comments:
 * a version 2 shard (CreatedBy, conformance packs) and a version 1 shard (neither) in one group
 * group their rule instances into the same logical rules; an organization pack under two member
 * suffixes is one pack; a rule whose instances sit in a pack in one region and in none in the other
 * adds only the first to the pack; a rule only records name is still a row.
 */
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceRecord, ShardFile, ShardRule } from '../../../src/core/model.js';
import type { SummaryJson } from '../../../src/report/summaryJson.js';
import { account, record, region, shard } from '../../unit/modes/final/factories.js';
import { openWorkbook, putShard, readStored, rowsOf, run, tableOf, tempStore } from './helpers.js';

const G = '2024-06-01';
const A = '111111111111';
const B = '222222222222';
const SH = 'securityhub.amazonaws.com';
const PACK = 'config-conforms.amazonaws.com';

const rec = (
  accountId: string,
  reg: string,
  rule: string,
  id: string,
  type: ComplianceRecord['compliance_type'],
) =>
  record({
    account_id: accountId,
    account_name: accountId === A ? 'prod-a' : 'dev-b',
    region: reg,
    rule_name: rule,
    resource_id: id,
    compliance_type: type,
  });
const rule = (accountId: string, reg: string, name: string, extra: Partial<ShardRule> = {}): ShardRule => ({
  account_id: accountId,
  region: reg,
  rule_name: name,
  source_owner: 'AWS',
  source_identifier: 'X',
  state: 'ACTIVE',
  description: name,
  ...extra,
});

/** Version 2: A in two regions, with Security Hub, an organization pack (two suffixes) and a pack read that failed in eu-west-1. */
function shardV2(): ShardFile {
  const records = [
    rec(A, 'us-east-1', 'securityhub-ec2-imdsv2-check-0a1b2c', 'i1', 'NON_COMPLIANT'),
    rec(A, 'us-east-1', 'securityhub-ec2-imdsv2-check-0a1b2c', 'i2', 'COMPLIANT'),
    rec(A, 'us-east-1', 's3-versioning-conformance-pack-abcd12345', 'b1', 'NON_COMPLIANT'),
    rec(A, 'us-east-1', 's3-versioning-conformance-pack-abcd12345', 'b2', 'COMPLIANT'),
    rec(A, 'us-east-1', 's3-versioning-conformance-pack-abcd12345', 'b3', 'COMPLIANT'),
    rec(A, 'us-east-1', 'shared-conformance-pack-abcd1234', 'r1', 'NON_COMPLIANT'),
    rec(A, 'eu-west-1', 's3-versioning-conformance-pack-zzzz98765', 'b9', 'COMPLIANT'),
    rec(A, 'eu-west-1', 'shared-conformance-pack-abcd1234', 'r2', 'NON_COMPLIANT'),
    // Only a record names this rule (no header entry): still one logical rule.
    rec(A, 'eu-west-1', 'OrgConfigRule-tags-k2k2k2k2', 't1', 'NON_COMPLIANT'),
  ];
  const s = shard(G, '01', records);
  s.schema_version = 2;
  s.rules = [
    rule(A, 'us-east-1', 'securityhub-ec2-imdsv2-check-0a1b2c', { created_by: SH }),
    rule(A, 'us-east-1', 's3-versioning-conformance-pack-abcd12345', {
      created_by: PACK,
      conformance_pack: 'OrgConformsPack-baseline-aaaa1111',
    }),
    rule(A, 'us-east-1', 'shared-conformance-pack-abcd1234', {
      created_by: PACK,
      conformance_pack: 'Pack-One',
    }),
    rule(A, 'eu-west-1', 's3-versioning-conformance-pack-zzzz98765', {
      created_by: PACK,
      conformance_pack: 'OrgConformsPack-baseline-bbbb2222',
    }),
    // The region's pack read failed: the rule is known, its pack is not.
    rule(A, 'eu-west-1', 'shared-conformance-pack-abcd1234', { created_by: PACK }),
  ];
  const pack = (reg: string, name: string, nc: boolean) => ({
    account_id: A,
    region: reg,
    pack_name: name,
    compliance_type: nc ? ('NON_COMPLIANT' as const) : ('COMPLIANT' as const),
    rules_compliant: nc ? 0 : 1,
    rules_non_compliant: nc ? 1 : 0,
    rules_insufficient_data: 0,
  });
  s.conformance_packs = [
    pack('eu-west-1', 'OrgConformsPack-baseline-bbbb2222', false),
    pack('us-east-1', 'OrgConformsPack-baseline-aaaa1111', true),
    pack('us-east-1', 'Pack-One', true),
  ];
  return s;
}

/** Version 1: B, whose rules carry no CreatedBy and no pack. */
function shardV1(): ShardFile {
  const s = shard(
    G,
    '02',
    [rec(B, 'us-east-1', 'securityhub-ec2-imdsv2-check-9f9f9f', 'i7', 'NON_COMPLIANT')],
    {
      accounts: [account(B, 'dev-b', [region('us-east-1', { records_count: 1, rules_count: 3 })])],
    },
  );
  s.rules.push(
    // Deployed without results: one INSUFFICIENT_DATA each.
    rule(B, 'us-east-1', 's3-versioning-conformance-pack-qqqq00000'),
    // A last word that is a word: its own rule.
    rule(B, 'us-east-1', 'securityhub-like-check-enabled'),
  );
  return s;
}

let env: Awaited<ReturnType<typeof tempStore>>;
let wb: ExcelJS.Workbook;
let summary: SummaryJson;

beforeAll(async () => {
  env = await tempStore();
  await putShard(env.store, shardV2());
  await putShard(env.store, shardV1());
  const result = await run(env.store, env.dir, { group_id: G });
  wb = await openWorkbook(env.store, result.keys.xlsx);
  summary = JSON.parse(
    (await readStored(env.store, result.keys.summaryJson)).toString('utf8'),
  ) as SummaryJson;
});
afterAll(() => env.cleanup());

describe('rule identity across shard versions', () => {
  it('groups instances into logical rules, worst first', () => {
    const rows = tableOf(wb.getWorksheet('Rules')!).map((r) => [
      r.Rule,
      r['Created by'],
      r.Instances,
      r.Accounts,
      r.Compliant,
      r['Non-compliant'],
      r['Insufficient data'],
      r['Compliance %'],
      r['Conformance packs'],
    ]);
    expect(rows).toEqual([
      // 2 non-compliant each: the lower ratio first.
      ['shared-conformance-pack', 'Conformance pack', 2, 1, 0, 2, 0, 0, 'Pack-One'],
      ['securityhub-ec2-imdsv2-check', 'Security Hub', 2, 2, 1, 2, 0, 1 / 3, null],
      // 1 non-compliant each.
      ['OrgConfigRule-tags', null, 1, 1, 0, 1, 0, 0, null],
      ['s3-versioning-conformance-pack', 'Conformance pack', 3, 2, 3, 1, 1, 0.75, 'OrgConformsPack-baseline'],
      ['securityhub-like-check-enabled', 'Account', 1, 1, 0, 0, 1, null, null],
    ]);
  });

  it('keeps the raw instance names in Details', () => {
    const names = new Set(tableOf(wb.getWorksheet('Details')!).map((r) => r.Rule));
    expect(names).toContain('securityhub-ec2-imdsv2-check-0a1b2c');
    expect(names).toContain('securityhub-ec2-imdsv2-check-9f9f9f');
  });

  it('sums conformance packs across members, counting only the instances in the pack', () => {
    const rows = tableOf(wb.getWorksheet('Conformance packs')!).map((r) => [
      r['Conformance pack'],
      r.Accounts,
      r['Account-regions'],
      r['Non-compliant account-regions'],
      r.Rules,
      r.Compliant,
      r['Non-compliant'],
      r['Compliance score'],
    ]);
    expect(rows).toEqual([
      // r1 only: r2's instance (eu-west-1) is in no pack.
      ['Pack-One', 1, 1, 1, 1, 0, 1, 0],
      ['OrgConformsPack-baseline', 1, 2, 1, 1, 3, 1, 0.75],
    ]);
    expect(summary.conformance_packs.map((p) => [p.pack_name, p.compliance_score])).toEqual([
      ['Pack-One', 0],
      ['OrgConformsPack-baseline', 0.75],
    ]);
  });

  it('lists no worst rule below the minimum sample, and says what the minimum is', () => {
    const rows = rowsOf(wb.getWorksheet('Summary')!);
    const title = rows.findIndex((r) => String(r[0]).startsWith('Worst rules'));
    expect(rows[title]![0]).toBe(
      'Worst rules (most non-compliant, top 0; rules with at least 10 compliant or non-compliant evaluations)',
    );
    expect(rows[title + 2]![0]).toBe('No rule with non-compliant results and 10 or more evaluations');
    expect(summary.worst_rules).toEqual([]);
    expect(summary.worst_rules_min_evaluations).toBe(10);
  });
});
