/**
 * A client-side token bucket that paces the requests of one account-region, so AWS Config is asked
 * at a rate it accepts instead of being hammered into throttling. It adapts: a throttling answer
 * drains the burst (re-syncing with the server's bucket); a throttle within 2 s of the previous one
 * also cuts the rate by a quarter (at most once a second); each success wins a tenth of the ceiling
 * back. An isolated throttle keeps the rate, because at a well-chosen rate most throttles come from
 * arrival jitter, not from a rate that is too high; repeated throttles still drive the rate down
 * geometrically until the server is satisfied. Waiters are served in arrival order (each reserves the next free slot).
 */
import { abortableSleep } from './abortableSleep.js';

/** Options of a token bucket. */
export interface TokenBucketOptions {
  /** Sustained requests per second (the ceiling when adapting). */
  ratePerSecond: number;
  /** Requests allowed at once from a full bucket. */
  burst: number;
  /** Floor for the adaptive rate (default: a tenth of the rate, at most 0.5/s). */
  minRatePerSecond?: number;
  /** Milliseconds clock (injectable for tests). */
  now?: () => number;
  /** Sleep (injectable for tests). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Share of the ceiling won back per success after a throttle. */
const RECOVERY_STEP = 0.1;
/** Share of the rate kept after a throttle. */
const DECREASE_FACTOR = 0.75;
/** Minimum gap between two rate cuts, so one burst of throttles does not collapse the rate. */
const DECREASE_GAP_MS = 1000;
/**
 * A throttle this long after the previous one is taken as arrival jitter (the bucket is re-synced by
 * draining it, the rate is kept); a throttle sooner than this means the rate is too high, and cuts it.
 */
const ISOLATED_AFTER_MS = 2000;

/** Token-bucket limiter with adaptive rate. */
export class TokenBucket {
  readonly #maxRate: number;
  readonly #minRate: number;
  readonly #burst: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  #rate: number;
  #tokens: number;
  #last: number;
  #lastDecrease = Number.NEGATIVE_INFINITY;
  #lastThrottle = Number.NEGATIVE_INFINITY;

  constructor(options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0)) throw new RangeError('ratePerSecond must be positive');
    if (!(options.burst >= 1)) throw new RangeError('burst must be at least 1');
    this.#maxRate = options.ratePerSecond;
    this.#minRate = Math.min(options.minRatePerSecond ?? Math.min(0.5, this.#maxRate / 10), this.#maxRate);
    this.#burst = options.burst;
    this.#now = options.now ?? (() => performance.now());
    this.#sleep = options.sleep ?? abortableSleep;
    this.#rate = this.#maxRate;
    this.#tokens = this.#burst;
    this.#last = this.#now();
  }

  /** The current (possibly reduced) rate. */
  get ratePerSecond(): number {
    return this.#rate;
  }

  /**
   * Waits for a token. Resolves with the milliseconds waited; rejects if the signal aborts (the
   * reserved slot is given back).
   */
  async acquire(signal?: AbortSignal): Promise<number> {
    this.#refill();
    this.#tokens -= 1;
    if (this.#tokens >= 0) return 0;
    const waitMs = (-this.#tokens / this.#rate) * 1000;
    try {
      await this.#sleep(waitMs, signal);
    } catch (error) {
      this.#tokens += 1;
      throw error;
    }
    return waitMs;
  }

  /**
   * Call after a throttling answer: drain the burst; if another throttle came less than 2 s before,
   * also cut the rate (at most once a second).
   */
  onThrottle(): void {
    this.#refill();
    this.#tokens = Math.min(this.#tokens, 0);
    const now = this.#now();
    const repeated = now - this.#lastThrottle < ISOLATED_AFTER_MS;
    this.#lastThrottle = now;
    if (repeated && now - this.#lastDecrease >= DECREASE_GAP_MS) {
      this.#rate = Math.max(this.#minRate, this.#rate * DECREASE_FACTOR);
      this.#lastDecrease = now;
    }
  }

  /** Call after a successful answer: win back a step of the rate, up to the ceiling. */
  onSuccess(): void {
    if (this.#rate >= this.#maxRate) return;
    this.#refill();
    this.#rate = Math.min(this.#maxRate, this.#rate + this.#maxRate * RECOVERY_STEP);
  }

  #refill(): void {
    const now = this.#now();
    const elapsed = Math.max(0, now - this.#last);
    this.#tokens = Math.min(this.#burst, this.#tokens + (elapsed * this.#rate) / 1000);
    this.#last = now;
  }
}
