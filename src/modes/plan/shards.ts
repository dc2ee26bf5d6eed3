/**
 * Pure sharding: order accounts deterministically and cut them into balanced shards with
 * zero-padded ids. The same accounts and size always give the same shards.
 */
import type { PlannedAccount, PlanShard } from '../../core/model.js';

/** Shard ids are at least this wide (`0001`), wider when a plan has 10,000 shards or more. */
export const MIN_SHARD_ID_WIDTH = 4;

/** Sorts by account id (12-digit ids sort numerically as strings), the one key that never changes. */
export function sortAccounts<T extends { account_id: string }>(accounts: readonly T[]): T[] {
  return [...accounts].sort((a, b) =>
    a.account_id < b.account_id ? -1 : a.account_id > b.account_id ? 1 : 0,
  );
}

/** `0001`-style id of the n-th shard (1-based) in a plan of `count` shards. */
export function shardId(index: number, count: number): string {
  const width = Math.max(MIN_SHARD_ID_WIDTH, String(count).length);
  return String(index).padStart(width, '0');
}

/**
 * Cuts sorted accounts into `ceil(n / maxSize)` shards whose sizes differ by at most one, so no
 * shard is a straggler: 101 accounts at size 50 give 34 + 34 + 33, not 50 + 50 + 1.
 */
export function cutShards(accounts: readonly PlannedAccount[], maxSize: number): PlanShard[] {
  if (!Number.isInteger(maxSize) || maxSize < 1)
    throw new RangeError(`shard size must be >= 1, got ${maxSize}`);
  const count = Math.ceil(accounts.length / maxSize);
  const shards: PlanShard[] = [];
  const base = Math.floor(accounts.length / Math.max(count, 1));
  const larger = accounts.length - base * count;
  let start = 0;
  for (let i = 0; i < count; i++) {
    const size = base + (i < larger ? 1 : 0);
    shards.push({ shard_id: shardId(i + 1, count), accounts: accounts.slice(start, start + size) });
    start += size;
  }
  return shards;
}
