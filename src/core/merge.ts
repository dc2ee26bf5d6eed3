/**
 * Merges the headers of accepted shards: one view per account with one outcome per region, and the
 * rules each account-region has deployed. The same account can arrive in two shards (a shard written
 * twice, or a re-cut plan); the best outcome per region wins so a successful read is never hidden by
 * a failed one, and the report still says which shards carried it.
 */

import { compareText } from './compare.js';
import type { RegionResult, RegionStatus, ShardConformancePack, ShardHeader, ShardRule } from './model.js';

/** Lower is better: the outcome kept when two shards disagree about one account-region. */
const STATUS_RANK: Record<RegionStatus, number> = {
  OK: 0,
  PARTIAL: 1,
  TIMED_OUT: 2,
  RECORDER_STOPPED: 3,
  CONFIG_NOT_ENABLED: 4,
  ERROR: 5,
  ASSUME_ROLE_DENIED: 6,
};

/** One account-region outcome with where it came from. */
export interface MergedRegion {
  result: RegionResult;
  shardId: string;
  /** Other shards that also reported this account-region (their outcome lost or tied). */
  alsoIn: string[];
}

/** One account as all accepted shards describe it. */
export interface MergedAccount {
  accountId: string;
  accountName: string;
  /** The label the first shard carried, and its source. */
  shardLabel: {
    environment: ShardHeader['accounts'][number]['environment'];
    source: ShardHeader['accounts'][number]['environment_source'];
  };
  tags: Record<string, string>;
  /** OU path the first shard that had one carried; empty when none did. */
  ouPath: string;
  /** Region → outcome. */
  regions: Map<string, MergedRegion>;
  /** Shards (ids) in which the account appeared, in the order merged. */
  shards: string[];
}

/** Accumulates accepted shard headers. Add them in a fixed order (shard key order). */
export class HeaderMerger {
  readonly #accounts = new Map<string, MergedAccount>();
  readonly #rules = new Map<string, ShardRule>();
  readonly #packs = new Map<string, ShardConformancePack>();
  readonly #failedRules = new Set<string>();

  /** Merges one accepted shard's header. */
  add(header: Pick<ShardHeader, 'shard_id' | 'accounts' | 'rules' | 'conformance_packs'>): void {
    for (const account of header.accounts) {
      let merged = this.#accounts.get(account.account_id);
      if (!merged) {
        merged = {
          accountId: account.account_id,
          accountName: account.account_name,
          shardLabel: { environment: account.environment, source: account.environment_source },
          tags: { ...account.tags },
          ouPath: account.ou_path ?? '',
          regions: new Map(),
          shards: [],
        };
        this.#accounts.set(account.account_id, merged);
      } else {
        for (const [key, value] of Object.entries(account.tags)) merged.tags[key] ??= value;
        if (merged.ouPath === '') merged.ouPath = account.ou_path ?? '';
      }
      if (!merged.shards.includes(header.shard_id)) merged.shards.push(header.shard_id);
      for (const region of account.regions) {
        for (const failure of region.failed_rules ?? []) {
          this.#failedRules.add(ruleKey(account.account_id, region.region, failure.rule_name));
        }
        const existing = merged.regions.get(region.region);
        if (!existing) {
          merged.regions.set(region.region, { result: region, shardId: header.shard_id, alsoIn: [] });
        } else if (STATUS_RANK[region.status] < STATUS_RANK[existing.result.status]) {
          merged.regions.set(region.region, {
            result: region,
            shardId: header.shard_id,
            alsoIn: [...existing.alsoIn, existing.shardId],
          });
        } else {
          existing.alsoIn.push(header.shard_id);
        }
      }
    }
    for (const rule of header.rules) {
      const key = ruleKey(rule.account_id, rule.region, rule.rule_name);
      if (!this.#rules.has(key)) this.#rules.set(key, rule);
    }
    for (const pack of header.conformance_packs ?? []) {
      const key = ruleKey(pack.account_id, pack.region, pack.pack_name);
      if (!this.#packs.has(key)) this.#packs.set(key, pack);
    }
  }

  /** Conformance packs, one per (account, region, pack), sorted by account id, region, pack name. */
  conformancePacks(): ShardConformancePack[] {
    return [...this.#packs.values()].sort(
      (a, b) =>
        compareText(a.account_id, b.account_id) ||
        compareText(a.region, b.region) ||
        compareText(a.pack_name, b.pack_name),
    );
  }

  /** Merged accounts sorted by name, then id. */
  accounts(): MergedAccount[] {
    return [...this.#accounts.values()].sort(
      (a, b) => compareText(a.accountName, b.accountName) || compareText(a.accountId, b.accountId),
    );
  }

  /** The account with this id, if any shard had it. */
  account(accountId: string): MergedAccount | undefined {
    return this.#accounts.get(accountId);
  }

  /** Deployed rules, one per (account, region, rule), sorted by account id, region, rule name. */
  rules(): ShardRule[] {
    return [...this.#rules.values()].sort(
      (a, b) =>
        compareText(a.account_id, b.account_id) ||
        compareText(a.region, b.region) ||
        compareText(a.rule_name, b.rule_name),
    );
  }

  /** True when a shard reported this rule as failed to read in that account-region (PARTIAL). */
  isFailedRule(accountId: string, region: string, ruleName: string): boolean {
    return this.#failedRules.has(ruleKey(accountId, region, ruleName));
  }
}

function ruleKey(account: string, region: string, rule: string): string {
  return `${account}\u0000${region}\u0000${rule}`;
}
