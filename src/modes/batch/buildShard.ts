/**
 * Assembles the shard file from the account-region outcomes, in a deterministic order: accounts by
 * id, regions by name, rules by (account, region, name), records by (account, region, rule,
 * resource type, resource id, …). The same Config state therefore always gives the same file body
 * apart from the timestamps and durations.
 */
import {
  type ComplianceRecord,
  Environment,
  SHARD_SCHEMA_VERSION,
  type ShardAccount,
  type ShardFile,
  type ShardRule,
} from '../../core/model.js';
import type { RegionOutcome } from './collectRegion.js';
import { compareRecords, compareRules, compareStrings } from './records.js';
import type { ShardAccountInput } from './shardAccounts.js';

/** One account with the outcome of each of its regions. */
export interface AccountOutcomes {
  account: ShardAccountInput;
  regions: RegionOutcome[];
}

/** Header fields of the shard. */
export interface ShardMeta {
  groupId: string;
  shardId: string;
  startedAt: Date;
  finishedAt: Date;
  tagPrefix: string;
}

/** Builds the sorted shard file. */
export function buildShard(meta: ShardMeta, outcomes: AccountOutcomes[]): ShardFile {
  const accounts: ShardAccount[] = [];
  const rules: ShardRule[] = [];
  const records: ComplianceRecord[] = [];
  const sorted = [...outcomes].sort((a, b) => compareStrings(a.account.account_id, b.account.account_id));
  for (const { account, regions } of sorted) {
    const byRegion = [...regions].sort((a, b) => compareStrings(a.result.region, b.result.region));
    accounts.push({
      account_id: account.account_id,
      account_name: account.account_name,
      environment: account.environment ?? Environment.Unclassified,
      environment_source: account.environment_source,
      tags: sortKeys(account.tags),
      regions: byRegion.map((r) => r.result),
    });
    for (const outcome of byRegion) {
      for (const rule of outcome.rules) rules.push(rule);
      for (const record of outcome.records) {
        record.tags = sortKeys(record.tags);
        records.push(record);
      }
    }
  }
  rules.sort(compareRules);
  records.sort(compareRecords);
  return {
    schema_version: SHARD_SCHEMA_VERSION,
    group_id: meta.groupId,
    shard_id: meta.shardId,
    started_at: meta.startedAt.toISOString(),
    finished_at: meta.finishedAt.toISOString(),
    tag_prefix: meta.tagPrefix,
    accounts,
    rules,
    records,
  };
}

function sortKeys(tags: Record<string, string>): Record<string, string> {
  const keys = Object.keys(tags);
  if (keys.length < 2) return tags;
  const out: Record<string, string> = {};
  for (const key of keys.sort(compareStrings)) out[key] = tags[key]!;
  return out;
}
