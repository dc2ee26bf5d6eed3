/**
 * Retrying a shard read. A shard is one object: a read that fails (a body cut mid-stream, a 5xx
 * after the SDK's own retries) is started again from the first byte, its half-offered records rolled
 * back, a bounded number of times; after the last attempt the error names the shard's key.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage, errorName } from '../../core/errors.js';
import type { LoggerPort } from '../../core/logger.js';
import { ShardReadError } from './errors.js';

/** How a shard read is retried. */
export interface ShardReadRetry {
  /** Attempts in all, the first read included (at least 1). */
  attempts: number;
  /** Waits before the next attempt, after `failed` attempts failed (1, 2, …). */
  backoff(failed: number): Promise<void>;
}

/** 4 attempts, waiting 0.25 s, 0.5 s, then 1 s: long enough for a blip, short beside a final run. */
export const DEFAULT_SHARD_READ_RETRY: ShardReadRetry = {
  attempts: 4,
  backoff: (failed) => sleep(250 * 2 ** (failed - 1)),
};

/** What an earlier attempt outside {@link readWithRetry} (a worker thread's) left behind. */
export interface EarlierFailure {
  attempts: number;
  error: unknown;
}

/**
 * Runs `read(attempt)` until it resolves or `retry.attempts` attempts failed, then throws a
 * {@link ShardReadError} naming `key` with the last error as its cause. `read` must leave nothing
 * behind when it throws (readShard rolls its transaction back).
 */
export async function readWithRetry<T>(
  key: string,
  retry: ShardReadRetry,
  logger: LoggerPort,
  read: (attempt: number) => Promise<T>,
  earlier: EarlierFailure = { attempts: 0, error: undefined },
): Promise<T> {
  let failed = earlier.attempts;
  let last = earlier.error;
  for (;;) {
    if (failed > 0) {
      if (failed >= retry.attempts) throw new ShardReadError(key, failed, last);
      logger.warn('shard read failed, retrying', {
        key,
        attempt: failed,
        of: retry.attempts,
        error_name: errorName(last),
        error: errorMessage(last),
      });
      await retry.backoff(failed);
    }
    try {
      return await read(failed + 1);
    } catch (error) {
      failed++;
      last = error;
    }
  }
}
