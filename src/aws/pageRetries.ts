/**
 * One more layer of patience above the SDK's retries: when the SDK gives up on a page because of
 * throttling or a transient failure (attempts or retry quota exhausted), wait and ask for the same
 * page again a few times before the caller records a failure. Throttling must slow a shard down,
 * never lose data.
 */
import { abortableSleep } from './abortableSleep.js';
import { isThrottlingError, isTransientError } from './errorKinds.js';

/** Options of `withPageRetries`. */
export interface PageRetryOptions {
  /** Extra rounds after the first failure. */
  retries: number;
  signal?: AbortSignal | undefined;
  /** First wait; doubles per round, with full jitter on top (default 2000 ms). */
  baseDelayMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** Runs `call`, repeating it after throttling/transient failures up to `retries` more times. */
export async function withPageRetries<T>(call: () => Promise<T>, options: PageRetryOptions): Promise<T> {
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const base = options.baseDelayMs ?? 2000;
  for (let round = 0; ; round++) {
    try {
      return await call();
    } catch (error) {
      const retryable = isThrottlingError(error) || isTransientError(error);
      if (!retryable || round >= options.retries || options.signal?.aborted) throw error;
      const delay = base * 2 ** round;
      await sleep(delay + random() * delay, options.signal);
    }
  }
}
