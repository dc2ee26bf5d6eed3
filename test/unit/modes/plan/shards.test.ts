import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlannedAccount } from '../../../../src/core/model.js';
import { cutShards, shardId, sortAccounts } from '../../../../src/modes/plan/shards.js';

const account = (n: number): PlannedAccount => ({
  account_id: String(n).padStart(12, '0'),
  account_name: `acct-${n}`,
});

describe('sharding', () => {
  it('balances shards so none is a straggler', () => {
    const accounts = Array.from({ length: 101 }, (_, i) => account(i + 1));
    const shards = cutShards(accounts, 50);
    expect(shards.map((s) => s.accounts.length)).toEqual([34, 34, 33]);
    expect(shards.map((s) => s.shard_id)).toEqual(['0001', '0002', '0003']);
  });

  it('gives no shards for no accounts, and one shard when all fit', () => {
    expect(cutShards([], 10)).toEqual([]);
    const shards = cutShards([account(1), account(2)], 10);
    expect(shards).toEqual([{ shard_id: '0001', accounts: [account(1), account(2)] }]);
  });

  it('zero-pads ids to 4 digits, wider only when the count needs it', () => {
    expect(shardId(7, 12)).toBe('0007');
    expect(shardId(7, 12_000)).toBe('00007');
  });

  it('rejects a shard size below 1', () => {
    expect(() => cutShards([account(1)], 0)).toThrow(/shard size/);
  });

  it('sorts by account id whatever the input order', () => {
    const sorted = sortAccounts([account(30), account(2), account(100)]);
    expect(sorted.map((a) => a.account_id)).toEqual(['000000000002', '000000000030', '000000000100']);
  });

  it('keeps every account exactly once, in order, within the size, balanced (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 120 }), (n, size) => {
        const accounts = Array.from({ length: n }, (_, i) => account(i));
        const shards = cutShards(accounts, size);
        expect(shards.length).toBe(Math.ceil(n / size));
        expect(shards.flatMap((s) => s.accounts)).toEqual(accounts);
        const sizes = shards.map((s) => s.accounts.length);
        if (sizes.length > 0) {
          expect(Math.max(...sizes)).toBeLessThanOrEqual(size);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          expect(Math.min(...sizes)).toBeGreaterThan(0);
        }
        const ids = shards.map((s) => s.shard_id);
        expect(new Set(ids).size).toBe(ids.length);
        expect([...ids].sort()).toEqual(ids);
      }),
    );
  });
});
