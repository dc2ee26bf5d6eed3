/**
 * Store calls bounded by the Lambda deadline: a signal that fires when only a safety margin is left
 * before the invocation would be killed, so a slow write (S3 answering SlowDown for a minute) fails
 * with a named, retryable error while there is still time to clean up, instead of being killed
 * mid-write with nothing logged.
 */
import { ConfigReportError, ErrorKind, guardFor } from '../core/errors.js';

/**
 * Time kept back from the store when a deadline is known: calls still running when this much is
 * left are abandoned (AbortMultipartUpload included: it gets at most 3 s of it, S3Store.ts).
 */
export const STORE_SAFETY_MARGIN_MS = 5000;

/** Checks at least this often, even when the deadline is far away (clocks can jump). */
const MAX_CHECK_INTERVAL_MS = 1000;

/** A store call was abandoned because the invocation was about to be killed. Retrying may succeed. */
export class StoreDeadlineError extends ConfigReportError {
  override readonly name = 'StoreDeadlineError';
  readonly kind = ErrorKind.Failed;
  constructor(readonly remainingMs: number) {
    super(
      `storage did not answer in time: ${Math.round(remainingMs)} ms left before the invocation is killed, gave up`,
    );
  }
}

/** True for a {@link StoreDeadlineError}. */
export const isStoreDeadlineError = guardFor<StoreDeadlineError>('StoreDeadlineError');

/** A signal bound to a deadline; `dispose()` stops watching (call it when the work is over). */
export interface DeadlineSignal {
  readonly signal: AbortSignal;
  dispose(): void;
}

/**
 * A signal that aborts once `remainingMs()` drops to `marginMs`, with `reason(remaining)` as its
 * reason. When less than twice the margin is left at the start, the margin shrinks to half of what
 * is left: work started late still gets half the remaining time rather than being abandoned at
 * once. Re-reads `remainingMs` at least every second rather than trusting one long timer.
 *
 * @example
 * ```ts
 * const deadline = deadlineSignal(() => context.getRemainingTimeInMillis(), STORE_SAFETY_MARGIN_MS);
 * try { await store.put(key, body, 'application/json', { signal: deadline.signal }); }
 * finally { deadline.dispose(); }
 * ```
 */
export function deadlineSignal(
  remainingMs: () => number,
  marginMs: number,
  reason: (remainingMs: number) => Error = (left) => new StoreDeadlineError(left),
): DeadlineSignal {
  const controller = new AbortController();
  const margin = Math.min(marginMs, remainingMs() / 2);
  let timer: NodeJS.Timeout | undefined;
  const check = (): void => {
    timer = undefined;
    const left = remainingMs();
    const budget = left - margin;
    if (budget <= 0) {
      controller.abort(reason(left));
      return;
    }
    if (!Number.isFinite(budget)) return;
    timer = setTimeout(check, Math.min(Math.max(budget, 1), MAX_CHECK_INTERVAL_MS));
    // A pending check must never keep the process alive on its own.
    timer.unref();
  };
  check();
  return {
    signal: controller.signal,
    dispose: () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
