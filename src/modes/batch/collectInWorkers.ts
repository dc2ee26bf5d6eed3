/**
 * The main thread's side of worker collection: splits the shard's accounts into groups of whole
 * accounts (so each account's cached role session stays in one thread), runs one worker per group,
 * relays progress and each account's outcomes, stops workers when the main thread's deadline fires,
 * and turns a crashed worker's unreported accounts into ERROR account-regions, never dropping them.
 */
import type { Worker } from 'node:worker_threads';
import type { AssumeRoleSettings } from '../../aws/AccountCredentials.js';
import type { AwsClientSettings } from '../../aws/clientConfig.js';
import { errorMessage, errorName } from '../../aws/errorKinds.js';
import { newCallStats } from '../../aws/pacingPlugin.js';
import type { BatchSettings } from '../../config/batchSettings.js';
import type { CollectedRegion } from './buildShard.js';
import type { ShardAccountInput } from './shardAccounts.js';
import type { BatchProgressEvent } from './types.js';
import { spawnBatchWorker } from './workerHost.js';
import type { BatchWorkerAbort, BatchWorkerData, BatchWorkerMessage } from './workerProtocol.js';

/** What the workers need, all plain data except the callbacks and the main thread's signal. */
export interface WorkerCollectJob {
  accounts: ShardAccountInput[];
  workers: number;
  regions: string[];
  tagPrefix: string;
  settings: BatchSettings;
  aws: AwsClientSettings;
  assumeRole: AssumeRoleSettings;
  /** Epoch ms at which workers stop (Infinity when unbounded). */
  deadlineAt: number;
  /** The main thread's deadline signal: when it aborts, every worker is told to stop. */
  signal: AbortSignal;
  /** Progress listener, or undefined to spare the workers posting events nobody reads. */
  progress: ((event: BatchProgressEvent) => void) | undefined;
  onAccount: (account: ShardAccountInput, results: CollectedRegion[]) => void;
}

/** Sum of the workers' AssumeRole calls. */
export interface WorkerCollectResult {
  assumeRoleCalls: number;
}

/**
 * Accounts dealt into `n` groups of (nearly) equal size, round-robin in the given order, so a group
 * of related accounts listed together is spread over the threads.
 */
export function splitAccounts<T>(accounts: readonly T[], n: number): T[][] {
  const groups: T[][] = Array.from({ length: Math.max(1, n) }, () => []);
  accounts.forEach((account, i) => {
    groups[i % groups.length]!.push(account);
  });
  return groups.filter((g) => g.length > 0);
}

/** The outcome given to each region of an account whose worker died before reporting it. */
export function crashedOutcome(region: string, error: unknown): CollectedRegion {
  return {
    result: {
      region,
      status: 'ERROR',
      error_name: errorName(error),
      error_message: `collection worker failed: ${errorMessage(error)}`.slice(0, 1000),
      rules_count: 0,
      records_count: 0,
      throttles: 0,
      duration_ms: 0,
    },
    rules: [],
    records: 0,
    recordLines: '',
    stats: newCallStats(),
  };
}

/**
 * Collects the accounts in worker threads. Returns null, having started nothing, when this build
 * has no worker entry (the caller then collects in-process).
 */
export async function collectInWorkers(job: WorkerCollectJob): Promise<WorkerCollectResult | null> {
  const groups = splitAccounts(job.accounts, job.workers);
  const concurrency = Math.max(1, Math.ceil(job.settings.concurrency / groups.length));
  const started: { worker: Worker | null; error?: unknown }[] = [];
  for (const accounts of groups) {
    const data: BatchWorkerData = {
      configreportBatchWorker: 1,
      accounts,
      regions: job.regions,
      tagPrefix: job.tagPrefix,
      settings: job.settings,
      concurrency,
      aws: job.aws,
      assumeRole: job.assumeRole,
      deadlineAt: job.deadlineAt,
      progress: job.progress !== undefined,
    };
    try {
      const worker = spawnBatchWorker(data);
      if (!worker && started.length === 0) return null;
      started.push({ worker });
    } catch (error) {
      started.push({ worker: null, error });
    }
  }

  const stopAll = (): void => {
    for (const { worker } of started) worker?.postMessage({ type: 'abort' } satisfies BatchWorkerAbort);
  };
  if (job.signal.aborted) stopAll();
  else job.signal.addEventListener('abort', stopAll, { once: true });
  try {
    const calls = await Promise.all(
      started.map(({ worker, error }, i) => runOne(worker, error, groups[i]!, job)),
    );
    return { assumeRoleCalls: calls.reduce((a, b) => a + b, 0) };
  } finally {
    job.signal.removeEventListener('abort', stopAll);
  }
}

/** Waits for one worker; resolves with its AssumeRole calls, never rejects. */
function runOne(
  worker: Worker | null,
  spawnError: unknown,
  accounts: ShardAccountInput[],
  job: WorkerCollectJob,
): Promise<number> {
  const pending = new Map(accounts.map((a) => [a.account_id, a]));
  const failAll = (error: unknown): void => {
    for (const account of pending.values()) {
      job.onAccount(
        account,
        job.regions.map((region) => crashedOutcome(region, error)),
      );
    }
    pending.clear();
  };
  if (!worker) {
    failAll(spawnError ?? new Error('no worker entry'));
    return Promise.resolve(0);
  }
  return new Promise<number>((resolve) => {
    let done: number | undefined;
    let failure: unknown;
    worker.on('message', (message: BatchWorkerMessage) => {
      if (message.type === 'progress') job.progress?.(message.event);
      else if (message.type === 'account') {
        if (!pending.delete(message.account.account_id)) return;
        job.onAccount(message.account, message.results);
      } else if (message.type === 'done') {
        done = message.assumeRoleCalls;
        void worker.terminate();
      }
    });
    worker.on('error', (error) => {
      failure ??= error;
    });
    worker.on('messageerror', (error) => {
      failure ??= error;
    });
    worker.on('exit', (code) => {
      if (pending.size > 0) {
        failAll(failure ?? new Error(`collection worker exited with code ${code} before finishing`));
      }
      resolve(done ?? 0);
    });
  });
}
