/**
 * An SDK plugin that paces every HTTP attempt of a client through a token bucket and counts what
 * the wire saw. It sits in the `deserialize` step, inside the SDK's retry loop, so retries are paced
 * too (a retry storm cannot exceed the rate) and each throttled attempt is counted, including the
 * ones the SDK retried successfully. It tells the bucket when each throttled attempt left, so the
 * bucket can tell a new signal from an echo of one it already reacted to.
 */
import type { DeserializeMiddleware, Pluggable } from '@aws-sdk/types';
import { isThrottlingError } from './errorKinds.js';
import type { TokenBucket } from './TokenBucket.js';

/** Counters of one client (one account-region). */
export interface CallStats {
  /** HTTP attempts sent (retries included). */
  calls: number;
  /** Attempts answered with throttling. */
  throttles: number;
  /** Attempts that failed for another reason. */
  errors: number;
}

/** What the plugin needs. */
export interface PacingOptions {
  limiter: TokenBucket;
  stats: CallStats;
  /** Aborts waits for a token (the shard's deadline). */
  signal?: AbortSignal;
  /** Called once per throttled attempt (progress reporting). */
  onThrottle?: () => void;
}

/** Creates fresh zeroed counters. */
export function newCallStats(): CallStats {
  return { calls: 0, throttles: 0, errors: 0 };
}

/** The plugin: `client.middlewareStack.use(pacingPlugin({...}))`. */
export function pacingPlugin<Input extends object, Output extends object>(
  options: PacingOptions,
): Pluggable<Input, Output> {
  const middleware: DeserializeMiddleware<Input, Output> = (next) => async (args) => {
    await options.limiter.acquire(options.signal);
    const sentAt = options.limiter.now();
    options.stats.calls += 1;
    try {
      const result = await next(args);
      options.limiter.onSuccess();
      return result;
    } catch (error) {
      if (isThrottlingError(error)) {
        options.stats.throttles += 1;
        options.limiter.onThrottle(sentAt);
        options.onThrottle?.();
      } else {
        options.stats.errors += 1;
      }
      throw error;
    }
  };
  return {
    applyToStack: (stack) => {
      stack.add(middleware, { step: 'deserialize', name: 'configreportPacing', priority: 'high' });
    },
  };
}
