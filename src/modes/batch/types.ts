/**
 * Types of batch mode's public surface: its dependencies, its result and its progress events.
 */
import type { AwsClientSettings } from '../../aws/clientConfig.js';
import type { AwsClientFactory } from '../../aws/clientFactory.js';
import type { BatchSettings } from '../../config/batchSettings.js';
import type { LoggerPort } from '../../core/logger.js';
import type { RegionStatus } from '../../core/model.js';
import type { Store } from '../../store/Store.js';

/** Everything `runBatch` needs, injected by the Lambda handler, the CLI or a test. */
export interface BatchDeps {
  /** Where the shard (and the plan manifest, with `plan_key`) live. */
  store: Store;
  /** Normalised REPORT_PREFIX (see `normalizePrefix`): empty or ending in `/`. */
  prefix: string;
  logger: LoggerPort;
  /** AWS client settings: hub region (default collection region and partition), endpoints, attempts. */
  aws: AwsClientSettings;
  /** Resolved batch settings (see `loadBatchSettings`). */
  settings: BatchSettings;
  /** Wall clock for `started_at`/`finished_at` (default: `new Date()`). */
  clock?: () => Date;
  /** Client factory (default: real SDK clients from `aws`). A factory passed in is not destroyed. */
  clients?: AwsClientFactory;
  /**
   * Milliseconds left before the invocation is killed (Lambda: `context.getRemainingTimeInMillis`).
   * Omitted means unbounded (CLI without a time limit).
   */
  remainingMs?: () => number;
  /** Progress callback (CLI progress bars). Must not throw; exceptions are logged and ignored. */
  onProgress?: (event: BatchProgressEvent) => void;
}

/** Progress of a batch run, in the order things happen. */
export type BatchProgressEvent =
  | { kind: 'start'; shardId: string; accounts: number; regions: string[]; accountRegions: number }
  | { kind: 'account-region-started'; accountId: string; region: string }
  | { kind: 'throttled'; accountId: string; region: string }
  | {
      kind: 'account-region-done';
      accountId: string;
      region: string;
      status: RegionStatus;
      records: number;
      throttles: number;
      /** HTTP attempts sent to Config for this account-region (retries included). */
      calls: number;
      durationMs: number;
    }
  | { kind: 'account-done'; accountId: string; accountName: string; statuses: Record<string, RegionStatus> }
  | { kind: 'written'; key: string; records: number; bytes: number };

/** What a batch run did. */
export interface BatchResult {
  /** The object key written: exactly `<prefix>batches/<group_id>/<shard_id>.json`. */
  key: string;
  groupId: string;
  shardId: string;
  accounts: number;
  accountRegions: number;
  /** Account-regions per status (every status present, zero when unused). */
  statusCounts: Record<RegionStatus, number>;
  records: number;
  /** Throttling answers seen (and survived or recorded) across the shard. */
  throttles: number;
  /** HTTP attempts sent to Config across the shard. */
  calls: number;
  /** AssumeRole calls made. */
  assumeRoleCalls: number;
  /** True when the deadline stopped the run early. */
  deadlineReached: boolean;
  durationMs: number;
}
