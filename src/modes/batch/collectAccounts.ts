/**
 * The per-account-region loop of batch mode: every account's regions run through one concurrency
 * limit, each account is reported once all its regions are done.
 */
import pLimit from 'p-limit';
import { type CollectedRegion, encodeRegion } from './buildShard.js';
import { collectRegion } from './collectRegion.js';
import type { ConfigSource } from './ports.js';
import type { ShardAccountInput } from './shardAccounts.js';
import type { BatchProgressEvent, BatchSettings } from './types.js';

/** What the loop needs. */
export interface AccountsJob {
  accounts: ShardAccountInput[];
  regions: string[];
  tagPrefix: string;
  settings: Pick<BatchSettings, 'concurrency' | 'ruleConcurrency'>;
  source: ConfigSource;
  /** Aborted at the deadline: unstarted and in-flight account-regions end TIMED_OUT. */
  signal: AbortSignal;
  /** Progress events of the account-regions (never throws). */
  progress: (event: BatchProgressEvent) => void;
  /** Called once per account, when all its regions are done (records already encoded). */
  onAccount: (account: ShardAccountInput, results: CollectedRegion[]) => void;
}

/** Collects every account-region of `job.accounts`. Never throws for per-account problems. */
export async function collectAccounts(job: AccountsJob): Promise<void> {
  const { progress } = job;
  const limit = pLimit(job.settings.concurrency);
  await Promise.all(
    job.accounts.map(async (account) => {
      const results = await Promise.all(
        job.regions.map((region) =>
          limit(async () => {
            progress({ kind: 'account-region-started', accountId: account.account_id, region });
            const outcome = await collectRegion({
              accountId: account.account_id,
              accountName: account.account_name,
              region,
              tagPrefix: job.tagPrefix,
              settings: job.settings,
              source: job.source,
              signal: job.signal,
              onThrottle: () => progress({ kind: 'throttled', accountId: account.account_id, region }),
            });
            progress({
              kind: 'account-region-done',
              accountId: account.account_id,
              region,
              status: outcome.result.status,
              records: outcome.records.length,
              throttles: outcome.stats.throttles,
              calls: outcome.stats.calls,
              durationMs: outcome.result.duration_ms,
            });
            // Encoded now: the record objects are garbage from here on.
            return encodeRegion(outcome);
          }),
        ),
      );
      job.onAccount(account, results);
    }),
  );
}
