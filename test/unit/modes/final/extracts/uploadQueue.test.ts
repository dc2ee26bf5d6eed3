/** Thousands of extracts must not mean thousands of uploads at once, nor a lost failure. */
import { describe, expect, it } from 'vitest';
import { UploadQueue } from '../../../../../src/modes/final/extracts/uploadQueue.js';

/** A task that finishes when the test says so. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { done, open, fail };
}

describe('UploadQueue', () => {
  it('runs at most `limit` uploads at once; the producer waits for a free place', async () => {
    const queue = new UploadQueue(2);
    const gates = [gate(), gate(), gate()];
    let running = 0;
    let most = 0;
    const task = (i: number) => async () => {
      running++;
      most = Math.max(most, running);
      await gates[i]!.done;
      running--;
    };
    await queue.add(task(0));
    await queue.add(task(1));
    let third = false;
    const adding = queue.add(task(2)).then(() => {
      third = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(third).toBe(false);
    gates[0]!.open();
    await adding;
    expect(third).toBe(true);
    gates[1]!.open();
    gates[2]!.open();
    await queue.drain();
    expect(most).toBe(2);
  });

  it('reports the first failure and starts nothing after it', async () => {
    const queue = new UploadQueue(1);
    const first = gate();
    await queue.add(() => first.done);
    first.fail(new Error('upload 1 failed'));
    let started = false;
    await expect(
      queue.add(async () => {
        started = true;
      }),
    ).rejects.toThrow('upload 1 failed');
    expect(started).toBe(false);
    await expect(queue.drain()).rejects.toThrow('upload 1 failed');
    await expect(queue.settle()).resolves.toBeUndefined();
  });

  it('refuses a limit below 1', () => {
    expect(() => new UploadQueue(0)).toThrow(RangeError);
  });
});
