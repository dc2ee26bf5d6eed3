/**
 * Types of batch mode's public surface: its settings, its dependencies, its result and its progress
 * events.
 */
import type { LoggerPort } from '../../core/logger.js';
import type { RegionStatus } from '../../core/model.js';
import type { Store } from '../../store/Store.js';
import type { ConfigSourceFactory } from './ports.js';

/**
 * Batch mode's own settings. How Config is called (rate, burst, attempts, page retries, HTTP
 * client) is the Config source's business: the composition root gives it to the adapter.
 */
export interface BatchSettings {
  /**
   * Regions to read when neither the event nor the plan names any. Never empty: the composition
   * root defaults it to the hub's own region.
   */
  regions: string[];
  /** Account-regions collected concurrently. */
  concurrency: number;
  /** Rules read concurrently inside one account-region. */
  ruleConcurrency: number;
  /** Ownership tag prefix when the event gives none. */
  tagPrefix: string;
  /** Stop starting new work and abort in-flight calls when less than this remains. */
  deadlineMarginMs: number;
}

/** Everything `runBatch` needs, injected by the Lambda handler, the CLI or a test. */
export interface BatchDeps {
  /** Where the shard (and the plan manifest, with `plan_key`) live. */
  store: Store;
  /** Normalised REPORT_PREFIX (see `normalizePrefix`): empty or ending in `/`. */
  prefix: string;
  logger: LoggerPort;
  /** Wall clock for `started_at`/`finished_at`. */
  clock: () => Date;
  settings: BatchSettings;
  /** Opens the shard's Config source (src/aws/configSource.ts, or a fake); closed when the shard is done. */
  configSource: ConfigSourceFactory;
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
