/**
 * Builders for shard files, records and plan manifests used by the final-mode tests.
 */
import type {
  ComplianceRecord,
  ComplianceType,
  PlanManifest,
  RegionResult,
  ShardAccount,
  ShardFile,
  ShardRule,
} from '../../../../src/core/model.js';

/** A record with sensible defaults. */
export function record(overrides: Partial<ComplianceRecord> = {}): ComplianceRecord {
  return {
    account_id: '111111111111',
    account_name: 'prod-app-01',
    region: 'us-east-1',
    rule_name: 's3-bucket-versioning-enabled',
    resource_type: 'AWS::S3::Bucket',
    resource_id: 'bucket-1',
    compliance_type: 'COMPLIANT',
    annotation: '',
    result_recorded_time: '2024-05-01T10:00:00.000Z',
    config_rule_invoked_time: '2024-05-01T09:59:00.000Z',
    tags: { 'mox.owner': 'team-a' },
    ...overrides,
  };
}

/** A region outcome. */
export function region(name: string, overrides: Partial<RegionResult> = {}): RegionResult {
  return {
    region: name,
    status: 'OK',
    rules_count: 0,
    records_count: 0,
    throttles: 0,
    duration_ms: 10,
    ...overrides,
  };
}

/** An account of a shard header. */
export function account(
  id: string,
  name: string,
  regions: RegionResult[],
  overrides: Partial<ShardAccount> = {},
): ShardAccount {
  return {
    account_id: id,
    account_name: name,
    environment: 'Unclassified',
    environment_source: 'none',
    tags: {},
    regions,
    ...overrides,
  };
}

/** A rule of a shard header. */
export function rule(accountId: string, regionName: string, name: string): ShardRule {
  return {
    account_id: accountId,
    region: regionName,
    rule_name: name,
    source_owner: 'AWS',
    source_identifier: name.toUpperCase().replaceAll('-', '_'),
    state: 'ACTIVE',
    description: `Checks ${name}`,
  };
}

/**
 * A consistent shard: header accounts and rules derived from the records (every account-region
 * OK with its record count), plus any extra accounts given. Schema version 1 on purpose: the tests
 * built on it keep proving that final mode reads version 1 shards.
 */
export function shard(
  groupId: string,
  shardId: string,
  records: ComplianceRecord[],
  extra: { accounts?: ShardAccount[]; rules?: ShardRule[] } = {},
): ShardFile {
  const accounts = new Map<string, ShardAccount>();
  const rules = new Map<string, ShardRule>();
  for (const r of records) {
    let a = accounts.get(r.account_id);
    if (!a) {
      a = account(r.account_id, r.account_name, []);
      accounts.set(r.account_id, a);
    }
    let reg = a.regions.find((x) => x.region === r.region);
    if (!reg) {
      reg = region(r.region);
      a.regions.push(reg);
    }
    reg.records_count++;
    const key = `${r.account_id}|${r.region}|${r.rule_name}`;
    if (!rules.has(key)) {
      rules.set(key, rule(r.account_id, r.region, r.rule_name));
      reg.rules_count++;
    }
  }
  for (const a of extra.accounts ?? []) accounts.set(a.account_id, a);
  return {
    schema_version: 1,
    group_id: groupId,
    shard_id: shardId,
    started_at: '2024-05-01T10:00:00.000Z',
    finished_at: '2024-05-01T10:05:00.000Z',
    tag_prefix: 'mox.',
    accounts: [...accounts.values()],
    rules: [...rules.values(), ...(extra.rules ?? [])],
    records,
  };
}

/** A plan manifest. */
export function plan(
  groupId: string,
  shards: { id: string; accounts: [string, string][] }[],
  regions: string[] = ['us-east-1'],
): PlanManifest {
  return {
    schema_version: 1,
    group_id: groupId,
    created_at: '2024-05-01T09:00:00.000Z',
    role_name: 'configreport-read-role',
    regions,
    shard_size: 10,
    source: 'event',
    shards: shards.map((s) => ({
      shard_id: s.id,
      accounts: s.accounts.map(([account_id, account_name]) => ({ account_id, account_name })),
    })),
    skipped_accounts: [],
  };
}

/** Shorthand for a compliance type list. */
export const TYPES: readonly ComplianceType[] = [
  'COMPLIANT',
  'NON_COMPLIANT',
  'NOT_APPLICABLE',
  'INSUFFICIENT_DATA',
];
