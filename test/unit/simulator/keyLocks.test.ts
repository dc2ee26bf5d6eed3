import { describe, expect, it } from 'vitest';
import { KeyLocks } from '../../../simulator/s3/atomicStore.js';

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('KeyLocks', () => {
  it('runs sections of one key one at a time, in arrival order', async () => {
    const locks = new KeyLocks();
    const log: string[] = [];
    const first = gate();
    const a = locks.run('k', async () => {
      log.push('a start');
      await first.opened;
      log.push('a end');
    });
    const b = locks.run('k', async () => {
      log.push('b');
    });
    const other = locks.run('other', async () => {
      log.push('other');
    });
    await other;
    expect(log).toEqual(['a start', 'other']);
    first.open();
    await Promise.all([a, b]);
    expect(log).toEqual(['a start', 'other', 'a end', 'b']);
  });

  it('is re-entrant within one call chain and releases after a failure', async () => {
    const locks = new KeyLocks();
    const nested = await locks.run('k', () => locks.run('k', async () => 'inner'));
    expect(nested).toBe('inner');
    await expect(locks.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(locks.run('k', async () => 'after')).resolves.toBe('after');
  });
});
