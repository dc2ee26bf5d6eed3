import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src/aws/TokenBucket.js';

/** A virtual clock: sleeping advances time, so pacing is measured exactly and instantly. */
function virtualTime() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('TokenBucket', () => {
  it('lets a burst through at once, then paces at the rate', async () => {
    const time = virtualTime();
    const bucket = new TokenBucket({ ratePerSecond: 5, burst: 3, now: time.now, sleep: time.sleep });
    const waits: number[] = [];
    for (let i = 0; i < 13; i++) waits.push(await bucket.acquire());
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    // 10 requests beyond the burst at 5/s need 2 seconds in total.
    expect(time.now()).toBeCloseTo(2000, 6);
  });

  it('serves concurrent waiters in arrival order, each in its own slot', async () => {
    const time = virtualTime();
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 1, now: time.now, sleep: async () => {} });
    const waits = await Promise.all([bucket.acquire(), bucket.acquire(), bucket.acquire(), bucket.acquire()]);
    expect(waits).toEqual([0, 100, 200, 300]);
  });

  it('refills over idle time but never beyond the burst', async () => {
    const time = virtualTime();
    const bucket = new TokenBucket({ ratePerSecond: 5, burst: 2, now: time.now, sleep: time.sleep });
    await bucket.acquire();
    await bucket.acquire();
    time.advance(60_000);
    expect([await bucket.acquire(), await bucket.acquire()]).toEqual([0, 0]);
    expect(await bucket.acquire()).toBeCloseTo(200, 6);
  });

  it('never slows below the floor', () => {
    const time = virtualTime();
    const bucket = new TokenBucket({ ratePerSecond: 4, burst: 1, minRatePerSecond: 1, now: time.now });
    for (let i = 0; i < 10; i++) {
      bucket.onThrottle();
      time.advance(1000);
    }
    bucket.onThrottle();
    expect(bucket.ratePerSecond).toBe(1);
  });

  it('drains the burst after a throttle so the next request waits', async () => {
    const time = virtualTime();
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 5, now: time.now, sleep: time.sleep });
    bucket.onThrottle();
    expect(await bucket.acquire()).toBeGreaterThan(0);
  });

  it('gives the slot back when a wait is aborted', async () => {
    const time = virtualTime();
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 1, now: time.now, sleep: time.sleep });
    await bucket.acquire();
    const controller = new AbortController();
    controller.abort(new Error('deadline'));
    await expect(bucket.acquire(controller.signal)).rejects.toThrow('deadline');
    // The aborted waiter did not consume the next slot: one second, not two.
    expect(await bucket.acquire()).toBeCloseTo(1000, 6);
  });

  it('rejects nonsense settings', () => {
    expect(() => new TokenBucket({ ratePerSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => new TokenBucket({ ratePerSecond: 1, burst: 0 })).toThrow(RangeError);
  });
});
