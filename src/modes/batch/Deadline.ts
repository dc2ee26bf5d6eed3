/**
 * Watches the time left in the invocation. Once less than the safety margin remains it aborts its
 * signal: no new account-region starts, in-flight SDK calls and limiter waits are abandoned, and
 * the shard is written with the unfinished account-regions marked TIMED_OUT. The write itself has a
 * deadline too (5 s before the kill, batch.ts): past it, the invocation fails with
 * `ShardWriteTimeoutError`.
 */
import { setMaxListeners } from 'node:events';
import { ConfigReportError, ErrorKind, guardFor } from '../../core/errors.js';
import { DeadlineReachedError } from './errors.js';

/** Checks at least this often even when the remaining time is far away (clocks can jump). */
const MAX_CHECK_INTERVAL_MS = 1000;

/** A deadline over a `remainingMs()` function. */
export class Deadline {
  readonly #remainingMs: () => number;
  readonly #marginMs: number;
  readonly #controller = new AbortController();
  #timer: NodeJS.Timeout | undefined;

  /**
   * @param remainingMs milliseconds left before the invocation is killed (`Infinity` if unbounded)
   * @param marginMs stop when fewer than this remain
   */
  constructor(remainingMs: () => number, marginMs: number) {
    this.#remainingMs = remainingMs;
    this.#marginMs = marginMs;
    // One signal is shared by every in-flight call of the shard (hundreds at once, by design): Node's
    // default of 10 listeners would print a false "possible leak" warning on every run.
    setMaxListeners(0, this.#controller.signal);
  }

  /** Aborted once the margin is reached; its reason is a `DeadlineReachedError`. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** True once the margin has been reached. */
  get reached(): boolean {
    return this.#controller.signal.aborted;
  }

  /** Milliseconds of work left before the margin (never negative; `Infinity` if unbounded). */
  budgetMs(): number {
    return Math.max(0, this.#remainingMs() - this.#marginMs);
  }

  /** Checks now; aborts the signal if the margin is reached. Returns `reached`. */
  check(): boolean {
    if (this.reached) return true;
    const remaining = this.#remainingMs();
    if (remaining - this.#marginMs <= 0) this.#controller.abort(new DeadlineReachedError(remaining));
    return this.reached;
  }

  /** Starts watching: a timer that fires when the margin should be reached (re-checked, then re-armed). */
  start(): void {
    if (this.check()) return;
    const budget = this.budgetMs();
    if (!Number.isFinite(budget)) return;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.start();
      },
      Math.min(Math.max(budget, 1), MAX_CHECK_INTERVAL_MS),
    );
    // A pending check must never keep the process alive on its own.
    this.#timer.unref();
  }

  /** Stops watching (the run is over). */
  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/**
 * The shard could not be written before the invocation would have been killed (S3 slow or
 * throttling past the deadline margin). The collection is lost; a retry of the invocation starts over.
 */
export class ShardWriteTimeoutError extends ConfigReportError {
  override readonly name = 'ShardWriteTimeoutError';
  readonly kind = ErrorKind.Failed;
  constructor(
    readonly key: string,
    readonly remainingMs: number,
  ) {
    super(
      `shard ${key} not written: ${Math.round(remainingMs)} ms left before the invocation is killed, gave up the write`,
    );
  }
}

/** True for a {@link ShardWriteTimeoutError}. */
export const isShardWriteTimeoutError = guardFor<ShardWriteTimeoutError>('ShardWriteTimeoutError');
