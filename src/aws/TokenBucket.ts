/**
 * A client-side token bucket that paces the requests of one account-region, so AWS Config is asked
 * at a rate it accepts instead of being hammered into throttling. The configured rate is a ceiling:
 * the customer's real limit is unknown (and shared with their other callers), so the bucket learns
 * it from the throttles.
 *
 * How it learns. Config throttles with a token bucket of its own, so right after a throttle that
 * bucket is empty (under one token), and at the next throttle it is empty again: the successes
 * between two throttles are what the server refilled in between, give or take one. `successes /
 * span` estimates its rate, `(successes + 1) / span` bounds it from above, and the longer the span
 * the better (the ±1 does not grow with it).
 *
 * - Every throttle drains our burst and re-spaces the requests already waiting, from now, at our
 *   rate: the server's bucket is empty now.
 * - The first throttle only starts a measurement: at a well-chosen rate it is jitter.
 * - Each later one lowers the rate to {@link MARGIN} of the estimate since that start, or halves it
 *   when no request succeeded since. When the upper bound is at least our rate, the server may well
 *   accept that rate: the throttle is jitter (a stalled event loop sent a bunch at once) and the rate
 *   stays, as the previous version learned to do at Config's exact rate. The start moves on once a
 *   span holds {@link MIN_SAMPLE} successes; until then it stays, so the span grows and the ±1
 *   weighs less.
 * - A throttle of a request sent before the last reaction is an echo of the same overload: it only
 *   drains and re-spaces.
 * - After a reaction, {@link HOLD} successes pass before the rate rises (none after a coarse estimate,
 *   which may be far too low); then it climbs quickly to {@link MARGIN} of the upper bound and, above
 *   that, slowly ({@link PROBE_STEP} per success) to the ceiling, to find out whether the limit went
 *   up (the customer's other callers went quiet).
 *
 * Why this and not plain AIMD (the previous version: a quarter off per repeated throttle, a tenth of
 * the ceiling back per success): a cut relative to our own rate knows nothing of the server's, so
 * from 5/s to a 1/s limit it takes several cuts, and a recovery per success of a fixed share of the
 * ceiling overshoots again at once; at a 1/s limit 58 % of the calls were throttled. Measuring lands
 * near the limit in a few throttles. Steps count successes, not seconds, so a probe costs about one
 * throttle per ~30 calls whatever the limit (~3 %). Tried and measured worse (bench:collect, 1/s
 * limit): pacing at 95 % of the estimate (4.6 % throttled in steady state, too close to the 5 %
 * target); cutting to the upper bound while the sample is small (16–17 % of a run's calls throttled
 * instead of 13 %, no faster). Limitation: with a small server burst, a span in which we were below
 * the limit underestimates it (the server's bucket overflowed), so the rate settles lower than 90 %
 * (~85 % with a burst of 2 in the simulation). Measurements: docs/performance.md (Collect) and
 * test/unit/aws/pacing.test.ts (a simulated server bucket).
 *
 * Waiters are served in arrival order (each reserves the next free slot; a throttle moves the
 * reserved slots later, never earlier).
 */
import { abortableSleep } from './abortableSleep.js';

/** Options of a token bucket. */
export interface TokenBucketOptions {
  /** Sustained requests per second: the ceiling the adaptive rate never exceeds. */
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

/** Share of the server's estimated rate we pace at: the slack absorbs jitter and event-loop stalls. */
const MARGIN = 0.9;
/** Successes in a measurement's span before the next measurement starts from its end. */
const MIN_SAMPLE = 8;
/** Cut of the rate on a throttle with no success since the measurement started. */
const BLIND_DECREASE = 0.5;
/** Successes after a throttle before the rate may rise again. */
const HOLD = 8;
/** Growth per success while below {@link MARGIN} of the last upper bound of the server's rate. */
const RECOVERY_STEP = 0.05;
/** Growth per success above it: slow, since each probe past the limit costs a throttle. */
const PROBE_STEP = 0.01;

/** A request waiting for its slot; `releaseAt` moves later when a throttle re-spaces the queue. */
interface Waiter {
  releaseAt: number;
}

/** Token-bucket limiter with adaptive rate. */
export class TokenBucket {
  readonly #maxRate: number;
  readonly #minRate: number;
  readonly #burst: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #queue: Waiter[] = [];
  #rate: number;
  #tokens: number;
  #last: number;
  /** Successes so far. */
  #successes = 0;
  /** Where the current measurement started: the time and success count of a throttle. */
  #mark: { at: number; successes: number } | undefined;
  /** When the rate last reacted to a throttle: throttles of requests sent earlier are echoes. */
  #reactedAt = Number.NEGATIVE_INFINITY;
  /** The last upper bound of the server's rate (requests/s), once a span held a success. */
  #measured: number | undefined;
  /** Success count below which the rate is held after a reaction. */
  #holdUntil = 0;

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

  /** The bucket's clock, to stamp when a request was sent (see {@link onThrottle}). */
  now(): number {
    return this.#now();
  }

  /**
   * Waits for a token. Resolves with the milliseconds waited; rejects if the signal aborts (the
   * reserved slot is given back).
   */
  async acquire(signal?: AbortSignal): Promise<number> {
    this.#refill();
    this.#tokens -= 1;
    if (this.#tokens >= 0) return 0;
    const start = this.#now();
    const waiter: Waiter = { releaseAt: start + (-this.#tokens / this.#rate) * 1000 };
    this.#queue.push(waiter);
    try {
      // Sleep to the slot; if a throttle moved it later meanwhile, sleep on to the new one.
      for (let slept = start; waiter.releaseAt > slept; ) {
        const target = waiter.releaseAt;
        await this.#sleep(target - slept, signal);
        slept = target;
      }
    } catch (error) {
      this.#tokens += 1;
      throw error;
    } finally {
      this.#queue.splice(this.#queue.indexOf(waiter), 1);
    }
    return waiter.releaseAt - start;
  }

  /**
   * Call after a throttling answer, with the time (this bucket's {@link now}) the request was sent.
   * The server's bucket is empty now, so ours is drained and the waiting requests are re-spaced from
   * now; unless the request left before the last reaction (an echo), the server's rate is measured
   * and ours lowered.
   */
  onThrottle(sentAt: number = this.#now()): void {
    if (sentAt >= this.#reactedAt) this.#react();
    this.#resync();
  }

  /** Call after a successful answer: after the hold, win back some rate, up to the ceiling. */
  onSuccess(): void {
    this.#successes += 1;
    if (this.#successes < this.#holdUntil || this.#rate >= this.#maxRate) return;
    const known = this.#measured === undefined ? this.#maxRate : this.#measured * MARGIN;
    this.#setRate(
      this.#rate < known ? Math.min(known, this.#rate * (1 + RECOVERY_STEP)) : this.#rate * (1 + PROBE_STEP),
    );
  }

  /**
   * Measures from the mark (the throttle that started the measurement) to now; see the file's
   * comment. A span in which the server's bucket overflowed (we were idle or well below its rate)
   * can only underestimate, which errs on the polite side, and the next probe corrects it.
   */
  #react(): void {
    const now = this.#now();
    this.#reactedAt = now;
    this.#holdUntil = this.#successes + HOLD;
    const mark = this.#mark;
    if (mark === undefined || now <= mark.at) {
      this.#mark = { at: now, successes: this.#successes };
      return;
    }
    const sample = this.#successes - mark.successes;
    const perSecond = 1000 / (now - mark.at); // one request per span, as a rate
    if (sample === 0) {
      this.#setRate(Math.min(this.#rate * BLIND_DECREASE, perSecond * MARGIN));
      return;
    }
    this.#measured = (sample + 1) * perSecond;
    // The server may accept our rate: a throttle consistent with that is arrival jitter (a stalled
    // event loop sends a bunch at once); the rate stays and the span goes on to measure more.
    if (this.#measured >= this.#rate) return;
    this.#setRate(sample * perSecond * MARGIN);
    if (sample >= MIN_SAMPLE) this.#mark = { at: now, successes: this.#successes };
    // A coarse estimate (a few successes, ±1) may be far too low: climb back at once, not after a hold.
    else this.#holdUntil = this.#successes;
  }

  /** The server's bucket is empty: ours too, and the queue goes out from now at our rate. */
  #resync(): void {
    this.#refill();
    const now = this.#now();
    const gap = 1000 / this.#rate;
    this.#queue.forEach((waiter, i) => {
      waiter.releaseAt = Math.max(waiter.releaseAt, now + (i + 1) * gap);
    });
    this.#tokens = Math.min(this.#tokens, -this.#queue.length);
  }

  #setRate(rate: number): void {
    this.#refill();
    this.#rate = Math.min(this.#maxRate, Math.max(this.#minRate, rate));
  }

  #refill(): void {
    const now = this.#now();
    const elapsed = Math.max(0, now - this.#last);
    this.#tokens = Math.min(this.#burst, this.#tokens + (elapsed * this.#rate) / 1000);
    this.#last = now;
  }
}
