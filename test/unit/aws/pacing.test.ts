/**
 * The adaptive TokenBucket against a simulated server bucket, in virtual time: sleeps are timers
 * that `VirtualTime.run` fires in order, so nothing here depends on the machine's speed.
 */
import type { DeserializeHandler, DeserializeHandlerArguments } from '@aws-sdk/types';
import { describe, expect, it } from 'vitest';
import { newCallStats, pacingPlugin } from '../../../src/aws/pacingPlugin.js';
import { TokenBucket } from '../../../src/aws/TokenBucket.js';

/** Deterministic PRNG (mulberry32), for latency jitter and the SDK's random backoff. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Virtual time: `sleep` registers a timer; `run` fires timers in time order until none is left. */
class VirtualTime {
  now = 0;
  #timers: { at: number; seq: number; fire: () => void }[] = [];
  #seq = 0;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer = { at: this.now + Math.max(0, ms), seq: this.#seq++, fire: () => resolve() };
      this.#timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.#timers = this.#timers.filter((t) => t !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });

  /** Lets every pending promise settle (setImmediate runs after all microtasks), then fires timers. */
  async run(until = Number.POSITIVE_INFINITY): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#timers[0];
      if (next === undefined || next.at > until) return;
      this.#timers.shift();
      this.now = next.at;
      next.fire();
    }
  }
}

/** AWS Config's side: a token bucket per account-region, as the simulator keeps it. */
class ServerBucket {
  #tokens: number;
  #last = 0;
  constructor(
    readonly rate: number,
    readonly burst: number,
  ) {
    this.#tokens = burst;
  }
  take(now: number): boolean {
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.rate);
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

interface Collection {
  sends: { at: number; ok: boolean }[];
  ms: number;
}

/**
 * One account-region's collection: `requests` successful calls, four in flight (the rule
 * concurrency), 30–50 ms per answer, and the SDK's standard retry after a throttle (a random share
 * of 1 s × 2^attempt), every attempt paced by the bucket, as `pacingPlugin` does.
 */
async function collect(options: {
  serverRate: number;
  clientRate: number;
  requests: number;
  seed: number;
}): Promise<Collection> {
  const time = new VirtualTime();
  const random = prng(options.seed);
  const server = new ServerBucket(options.serverRate, 5);
  const bucket = new TokenBucket({
    ratePerSecond: options.clientRate,
    burst: 5,
    now: () => time.now,
    sleep: time.sleep,
  });
  const sends: Collection['sends'] = [];
  let left = options.requests;
  const worker = async () => {
    while (left > 0) {
      left -= 1;
      for (let attempt = 0; ; attempt++) {
        await bucket.acquire();
        const sentAt = bucket.now();
        const ok = server.take(time.now);
        sends.push({ at: time.now, ok });
        await time.sleep(30 + random() * 20);
        if (ok) {
          bucket.onSuccess();
          break;
        }
        bucket.onThrottle(sentAt);
        await time.sleep(random() * Math.min(20_000, 1000 * 2 ** attempt));
      }
    }
  };
  const done = Promise.all([worker(), worker(), worker(), worker()]);
  await time.run();
  await done;
  return { sends, ms: time.now };
}

const throttledShare = (sends: Collection['sends']) => sends.filter((s) => !s.ok).length / sends.length;

describe('TokenBucket under a server limit it does not know', () => {
  const cases = [5, 20].flatMap((clientRate) =>
    [1, 5, 20].flatMap((serverRate) => [1, 2].map((seed) => ({ clientRate, serverRate, seed }))),
  );

  it.each(cases)(
    'client $clientRate/s, server $serverRate/s (seed $seed): ≤ 5 % throttled in steady state, ≤ 1.25× the bound',
    async ({ clientRate, serverRate, seed }) => {
      const requests = 200;
      const { sends, ms } = await collect({ serverRate, clientRate, requests, seed });
      const steady = sends.filter((s) => s.at >= ms / 4);
      expect(throttledShare(steady)).toBeLessThanOrEqual(0.05);
      // Whole run, learning included: at most a handful of throttles more.
      expect(throttledShare(sends)).toBeLessThanOrEqual(0.06);
      // The bound: after both bursts, the tighter of the two rates.
      const boundMs = Math.max((requests - 5) / serverRate, (requests - 5) / clientRate) * 1000;
      expect(ms / boundMs).toBeLessThanOrEqual(1.25);
    },
  );

  it('a bucket that does not adapt is throttled for most calls at 1/s (the simulation can tell)', async () => {
    // The same server and load, with a bucket that cannot adapt: no onThrottle/onSuccess calls.
    const time = new VirtualTime();
    const server = new ServerBucket(1, 5);
    const bucket = new TokenBucket({ ratePerSecond: 5, burst: 5, now: () => time.now, sleep: time.sleep });
    const sends: boolean[] = [];
    const worker = async () => {
      while (sends.filter(Boolean).length < 40) {
        await bucket.acquire();
        sends.push(server.take(time.now));
        await time.sleep(30);
      }
    };
    const done = Promise.all([worker(), worker()]);
    await time.run();
    await done;
    expect(sends.filter((ok) => !ok).length / sends.length).toBeGreaterThan(0.5);
  });

  it('never sends more than its burst plus its ceiling rate in any window', async () => {
    for (const serverRate of [1, 5, 20]) {
      const { sends } = await collect({ serverRate, clientRate: 5, requests: 120, seed: 3 });
      for (let i = 0; i < sends.length; i++) {
        for (let j = i; j < sends.length; j++) {
          const allowed = 5 + (5 * (sends[j]!.at - sends[i]!.at)) / 1000;
          expect(j - i + 1).toBeLessThanOrEqual(allowed + 1e-9);
        }
      }
    }
  });
});

describe('TokenBucket reactions', () => {
  function bucketAt(rate: number, burst = 1) {
    const time = new VirtualTime();
    const bucket = new TokenBucket({ ratePerSecond: rate, burst, now: () => time.now, sleep: time.sleep });
    return { time, bucket };
  }

  it('keeps the rate on a first throttle (jitter at a well-chosen rate), halves it when the next comes with no success between', () => {
    const { time, bucket } = bucketAt(8);
    bucket.onThrottle();
    expect(bucket.ratePerSecond).toBe(8);
    time.now += 100;
    bucket.onThrottle();
    expect(bucket.ratePerSecond).toBe(4);
  });

  it('measures the server from the successes between two throttles and paces at 90 % of it', () => {
    const { time, bucket } = bucketAt(10);
    bucket.onThrottle(); // the server's bucket is empty: the measurement starts
    for (let i = 0; i < 11; i++) {
      time.now += 500;
      bucket.onSuccess();
    }
    time.now += 500;
    bucket.onThrottle();
    // 11 successes in 6 s between two moments the server's bucket was empty: it refills ~11/6 a second.
    expect(bucket.ratePerSecond).toBeCloseTo(0.9 * (11 / 6), 9);
  });

  it('never raises the rate on a throttle (one well below the measured rate is jitter)', () => {
    const { time, bucket } = bucketAt(2);
    bucket.onThrottle();
    for (let i = 0; i < 40; i++) {
      time.now += 100;
      bucket.onSuccess();
    }
    time.now += 100;
    bucket.onThrottle(); // 40 successes in 4.1 s: ~10/s measured, far above 2/s
    expect(bucket.ratePerSecond).toBe(2);
  });

  it('keeps the rate on a throttle consistent with the server accepting it, and measures on over the longer span', () => {
    const { time, bucket } = bucketAt(5);
    bucket.onThrottle(); // the mark
    for (let i = 0; i < 20; i++) {
      time.now += 200;
      bucket.onSuccess();
    }
    bucket.onThrottle(); // 20 in 4 s: the server may take up to 21/4 = 5.25/s, so this is jitter
    expect(bucket.ratePerSecond).toBe(5);
    for (let i = 0; i < 4; i++) {
      time.now += 500;
      bucket.onSuccess();
    }
    bucket.onThrottle(); // 24 in 6 s since the mark (not 4 in 2 s since the jitter): ~4/s
    expect(bucket.ratePerSecond).toBeCloseTo(0.9 * (24 / 6), 9);
  });

  it('climbs back at once after a coarse estimate (few successes), which may be far too low', () => {
    const { time, bucket } = bucketAt(20);
    bucket.onThrottle(); // the mark
    time.now += 500;
    bucket.onSuccess();
    time.now += 500;
    bucket.onThrottle(); // 1 success in 1 s: estimate 1/s, but the server may take up to 2/s
    expect(bucket.ratePerSecond).toBeCloseTo(0.9, 9);
    bucket.onSuccess(); // no hold: 5 % up at once, towards 90 % of the upper bound
    expect(bucket.ratePerSecond).toBeCloseTo(0.9 * 1.05, 9);
  });

  it('takes throttles of requests sent before its last reaction as echoes: no second cut', () => {
    const { time, bucket } = bucketAt(8);
    const sentEarly = bucket.now();
    bucket.onThrottle();
    time.now += 100;
    bucket.onThrottle(); // halves: no success since the first
    expect(bucket.ratePerSecond).toBe(4);
    bucket.onThrottle(sentEarly); // in flight before the reaction
    expect(bucket.ratePerSecond).toBe(4);
    bucket.onThrottle(bucket.now()); // sent after it: a new signal
    expect(bucket.ratePerSecond).toBe(2);
  });

  it('holds after a throttle, climbs quickly back towards the measured limit, then probes slowly up to the ceiling', () => {
    const { time, bucket } = bucketAt(10);
    bucket.onThrottle();
    for (let i = 0; i < 11; i++) {
      time.now += 500;
      bucket.onSuccess();
    }
    time.now += 500;
    bucket.onThrottle(); // measured 11/6 ≈ 1.83/s (at most 12/6 = 2/s): paces at 1.65/s
    time.now += 200;
    bucket.onThrottle(); // no success since: halved to 0.825/s
    expect(bucket.ratePerSecond).toBeCloseTo(0.825, 9);
    const rates: number[] = [];
    for (let i = 0; i < 60; i++) {
      bucket.onSuccess();
      rates.push(bucket.ratePerSecond);
    }
    expect(rates.slice(0, 7).every((r) => r === rates[0])).toBe(true); // the hold
    // Quickly (5 % per success) up to 90 % of the measured upper bound, 2/s.
    const back = rates.findIndex((r) => r >= 1.8 - 1e-9);
    expect(back).toBeGreaterThan(7);
    expect(back).toBeLessThan(30);
    expect(rates[back]).toBeCloseTo(1.8, 9);
    // Past it, 1 % per success.
    expect(rates[back + 10]! / rates[back]!).toBeCloseTo(1.01 ** 10, 6);
    for (let i = 0; i < 1000; i++) bucket.onSuccess();
    expect(bucket.ratePerSecond).toBe(10);
  });

  it('never slows below the floor', () => {
    const { time, bucket } = bucketAt(4);
    for (let i = 0; i < 20; i++) {
      bucket.onThrottle();
      time.now += 1000;
    }
    expect(bucket.ratePerSecond).toBe(0.4);
  });

  it('re-spaces the requests already waiting at the new rate after a throttle', async () => {
    const { time, bucket } = bucketAt(10);
    const released: number[] = [];
    const waits = [0, 1, 2, 3].map(() =>
      bucket.acquire().then(() => {
        released.push(time.now);
      }),
    );
    // Reserved at 10/s: 0, 100, 200, 300 ms. At 50 ms a throttle drains; at 60 ms another halves.
    await time.run(50);
    time.now = 50;
    bucket.onThrottle();
    time.now = 60;
    bucket.onThrottle();
    await time.run();
    await Promise.all(waits);
    expect(released[0]).toBe(0);
    // The three waiting go out from 60 ms, one per 200 ms (5/s), instead of at 100, 200, 300 ms.
    expect(released.slice(1)).toEqual([260, 460, 660]);
    // And the next request queues behind them.
    const next = bucket.acquire();
    await time.run();
    expect(await next).toBeCloseTo(860 - 660, 6);
  });

  it('aborts a wait even after a throttle moved it, and gives the slot back', async () => {
    const { time, bucket } = bucketAt(1);
    await bucket.acquire();
    const controller = new AbortController();
    const waiting = bucket.acquire(controller.signal);
    const outcome = waiting.then(
      () => 'released',
      (error: Error) => error.message,
    );
    await time.run(500);
    time.now = 500;
    bucket.onThrottle(); // re-spaced: from 1000 ms to 1500 ms
    await time.run(1200); // the waiter wakes at 1000 ms and sleeps on
    expect(time.now).toBe(1000);
    controller.abort(new Error('deadline'));
    expect(await outcome).toBe('deadline');
    // The aborted waiter's slot is free again: the next request gets it (at 1500 ms), not the one after.
    const next = bucket.acquire();
    await time.run();
    expect(await next).toBeCloseTo(500, 6);
    expect(time.now).toBeCloseTo(1500, 6);
  });
});

describe('pacingPlugin', () => {
  it('counts attempts and throttles and tells the bucket when each throttled request was sent', async () => {
    const time = new VirtualTime();
    const limiter = new TokenBucket({ ratePerSecond: 8, burst: 8, now: () => time.now, sleep: time.sleep });
    const stats = newCallStats();
    let middleware:
      | ((next: DeserializeHandler<object, object>) => DeserializeHandler<object, object>)
      | undefined;
    pacingPlugin<object, object>({ limiter, stats }).applyToStack({
      add: (m: typeof middleware) => {
        middleware = m;
      },
    } as never);
    const throttle = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    // Two requests leave together and both come back throttled 30 ms later, then a third is sent.
    const answer = (ok: boolean) => async () => {
      await time.sleep(30);
      if (!ok) throw throttle;
      return { output: {}, response: {} };
    };
    const send = (ok: boolean) =>
      middleware!(answer(ok))({ input: {}, request: {} } as DeserializeHandlerArguments<object>).catch(
        (error: Error) => error.name,
      );
    const first = [send(false), send(false)];
    await time.run();
    expect(await Promise.all(first)).toEqual(['ThrottlingException', 'ThrottlingException']);
    // The first throttle set the mark; the second was sent before that reaction: an echo, no cut.
    expect(limiter.ratePerSecond).toBe(8);
    const third = send(false);
    await time.run();
    await third;
    expect(limiter.ratePerSecond).toBe(4);
    expect(stats).toEqual({ calls: 3, throttles: 3, errors: 0 });
  });
});
