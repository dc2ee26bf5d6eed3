import { describe, expect, it } from 'vitest';
import { Deadline } from '../../../../src/modes/batch/Deadline.js';

describe('Deadline', () => {
  it('aborts once less than the margin remains, with a named reason', () => {
    let remaining = 60_000;
    const deadline = new Deadline(() => remaining, 30_000);
    expect(deadline.check()).toBe(false);
    expect(deadline.budgetMs()).toBe(30_000);
    remaining = 30_001;
    expect(deadline.check()).toBe(false);
    remaining = 29_999;
    expect(deadline.check()).toBe(true);
    expect(deadline.signal.aborted).toBe(true);
    expect((deadline.signal.reason as Error).name).toBe('DeadlineReachedError');
  });

  it('stays reached even if the clock reports more time later', () => {
    let remaining = 1_000;
    const deadline = new Deadline(() => remaining, 5_000);
    deadline.check();
    remaining = 900_000;
    expect(deadline.check()).toBe(true);
  });

  it('is already reached at start when the invocation begins inside the margin', () => {
    const deadline = new Deadline(() => 10_000, 30_000);
    deadline.start();
    expect(deadline.reached).toBe(true);
  });

  it('never fires when unbounded', async () => {
    const deadline = new Deadline(() => Number.POSITIVE_INFINITY, 30_000);
    deadline.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(deadline.reached).toBe(false);
    expect(deadline.budgetMs()).toBe(Number.POSITIVE_INFINITY);
    deadline.stop();
  });

  it('fires on its own timer when the margin arrives', async () => {
    const end = performance.now() + 80;
    const deadline = new Deadline(() => end - performance.now(), 30);
    deadline.start();
    const aborted = new Promise<number>((resolve) =>
      deadline.signal.addEventListener('abort', () => resolve(end - performance.now())),
    );
    const leftWhenAborted = await aborted;
    expect(leftWhenAborted).toBeLessThanOrEqual(30);
    deadline.stop();
  });
});
