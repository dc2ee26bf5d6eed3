/**
 * Assembles the shard file from the account-region outcomes, in a deterministic order: accounts by
 * id, regions by name, rules by (account, region, name), records by (account, region, rule,
 * resource type, resource id, …). The same Config state therefore always gives the same file body
 * apart from the timestamps and durations.
 *
 * Records are encoded per account-region as soon as it is collected ({@link encodeRegion}): sorted
 * within the account-region (account and region are the first sort keys, so ordering the
 * account-regions orders the file) and turned into canonical record lines. A shard therefore never
 * holds all its records as objects until the end (less memory and garbage-collector work while the
 * loop is busiest), and the write after the last account only concatenates strings.
 */
import { compareText } from '../../core/compare.js';
import {
  Environment,
  type RegionResult,
  SHARD_SCHEMA_VERSION,
  type ShardAccount,
  type ShardConformancePack,
  type ShardHeader,
  type ShardRule,
} from '../../core/model.js';
import { encodeRecordLine } from '../../core/shardCodec.js';
import type { RegionOutcome } from './collectRegion.js';
import type { CallCounts } from './ports.js';
import { compareRecords, compareRules } from './records.js';
import type { ShardAccountInput } from './shardAccounts.js';

/** One account-region as the shard keeps it: everything but the records, which are already encoded. */
export interface CollectedRegion {
  result: RegionResult;
  rules: ShardRule[];
  conformancePacks: ShardConformancePack[];
  stats: CallCounts;
  /** How many records `recordLines` holds. */
  records: number;
  /** The records as `,{record}\n` lines (`encodeRecordLine`) in file order; '' when there are none. */
  recordLines: string;
}

/** Sorts and encodes one account-region's records (tag keys sorted too); the objects can then go. */
export function encodeRegion(outcome: RegionOutcome): CollectedRegion {
  const records = outcome.records.sort(compareRecords);
  let recordLines = '';
  for (const record of records) {
    record.tags = sortKeys(record.tags);
    recordLines += encodeRecordLine(record);
  }
  return {
    result: outcome.result,
    rules: outcome.rules,
    conformancePacks: outcome.conformancePacks,
    stats: outcome.stats,
    records: records.length,
    recordLines,
  };
}

/** One account with the outcome of each of its regions. */
export interface AccountOutcomes {
  account: ShardAccountInput;
  regions: CollectedRegion[];
}

/** Header fields of the shard. */
export interface ShardMeta {
  groupId: string;
  shardId: string;
  startedAt: Date;
  finishedAt: Date;
  tagPrefix: string;
}

/** The shard file in parts: its header, and its record lines in file order (chunks to concatenate). */
export interface ShardParts {
  header: ShardHeader;
  /** One chunk per account-region (see `encodeShardFromLines`). */
  chunks: string[];
  records: number;
}

/** Orders everything and returns the shard's parts. */
export function buildShard(meta: ShardMeta, outcomes: AccountOutcomes[]): ShardParts {
  const accounts: ShardAccount[] = [];
  const rules: ShardRule[] = [];
  const packs: ShardConformancePack[] = [];
  const chunks: string[] = [];
  let records = 0;
  const sorted = [...outcomes].sort((a, b) => compareText(a.account.account_id, b.account.account_id));
  for (const { account, regions } of sorted) {
    const byRegion = [...regions].sort((a, b) => compareText(a.result.region, b.result.region));
    accounts.push({
      account_id: account.account_id,
      account_name: account.account_name,
      environment: account.environment ?? Environment.Unclassified,
      environment_source: account.environment_source,
      tags: sortKeys(account.tags),
      ...(account.ou_path !== undefined ? { ou_path: account.ou_path } : {}),
      regions: byRegion.map((r) => r.result),
    });
    for (const outcome of byRegion) {
      for (const rule of outcome.rules) rules.push(rule);
      for (const pack of outcome.conformancePacks) packs.push(pack);
      chunks.push(outcome.recordLines);
      records += outcome.records;
    }
  }
  rules.sort(compareRules);
  // Accounts and regions are already in order; a region's packs go by name.
  packs.sort(
    (a, b) =>
      compareText(a.account_id, b.account_id) ||
      compareText(a.region, b.region) ||
      compareText(a.pack_name, b.pack_name),
  );
  const header: ShardHeader = {
    schema_version: SHARD_SCHEMA_VERSION,
    group_id: meta.groupId,
    shard_id: meta.shardId,
    started_at: meta.startedAt.toISOString(),
    finished_at: meta.finishedAt.toISOString(),
    tag_prefix: meta.tagPrefix,
    accounts,
    rules,
    conformance_packs: packs,
  };
  return { header, chunks, records };
}

function sortKeys(tags: Record<string, string>): Record<string, string> {
  const keys = Object.keys(tags);
  if (keys.length < 2) return tags;
  const out: Record<string, string> = {};
  for (const key of keys.sort(compareText)) out[key] = tags[key]!;
  return out;
}
