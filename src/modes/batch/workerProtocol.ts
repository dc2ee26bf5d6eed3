/**
 * Messages between batch mode's main thread and its collection workers. Everything here is plain
 * data (structured-clone safe): settings, accounts and outcomes, never clients or credential
 * providers.
 */
import type { AssumeRoleSettings } from '../../aws/AccountCredentials.js';
import type { AwsClientSettings } from '../../aws/clientConfig.js';
import type { BatchSettings } from '../../config/batchSettings.js';
import type { CollectedRegion } from './buildShard.js';
import type { ShardAccountInput } from './shardAccounts.js';
import type { BatchProgressEvent } from './types.js';

/** `workerData` of one batch worker: its group of whole accounts and how to read them. */
export interface BatchWorkerData {
  configreportBatchWorker: 1;
  accounts: ShardAccountInput[];
  regions: string[];
  tagPrefix: string;
  settings: BatchSettings;
  /** This worker's share of `settings.concurrency`. */
  concurrency: number;
  /** Client settings whose `credentials`, if any, are static keys (a provider cannot be sent). */
  aws: AwsClientSettings;
  assumeRole: AssumeRoleSettings;
  /** Epoch ms at which to stop (the main thread's deadline minus its margin); may be Infinity. */
  deadlineAt: number;
  /** Whether to post progress events (only when the main thread has a listener). */
  progress: boolean;
}

/** Worker → main thread. `done` is always the last message of a worker that finished normally. */
export type BatchWorkerMessage =
  | { type: 'progress'; event: BatchProgressEvent }
  | { type: 'account'; account: ShardAccountInput; results: CollectedRegion[] }
  | { type: 'done'; assumeRoleCalls: number };

/** Main thread → worker: stop now (the main thread's deadline fired or it is aborting). */
export interface BatchWorkerAbort {
  type: 'abort';
}
