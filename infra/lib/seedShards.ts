/**
 * The seed topology's static payloads: the configured accounts cut into shards, one batch event per
 * shard, exactly in the seed's event shape, plus the `{"mode": "final"}` event.
 */
import type { BatchEvent, EventAccount, FinalEvent } from '../../src/core/event.js';

/** One scheduled shard. */
export interface SeedShard {
  readonly shardId: string;
  readonly event: BatchEvent;
}

/** Inputs of {@link seedShardEvents}. */
export interface SeedShardInput {
  readonly accounts: readonly EventAccount[];
  readonly shardSize: number;
  readonly groupId: string;
  readonly roleName: string;
  readonly regions?: readonly string[] | undefined;
  readonly externalId?: string | undefined;
}

/**
 * Cuts accounts into shards of `shardSize`, in order. Shard ids are zero-padded (`01`, `02`, … as in
 * the seed), wide enough that they sort in shard order.
 */
export function seedShardEvents(input: SeedShardInput): SeedShard[] {
  if (!Number.isInteger(input.shardSize) || input.shardSize < 1)
    throw new RangeError(`shardSize must be a positive integer, got ${input.shardSize}`);
  const count = Math.ceil(input.accounts.length / input.shardSize);
  const width = Math.max(2, String(count).length);
  const shards: SeedShard[] = [];
  for (let i = 0; i < count; i++) {
    const shardId = String(i + 1).padStart(width, '0');
    const accounts = input.accounts.slice(i * input.shardSize, (i + 1) * input.shardSize);
    shards.push({
      shardId,
      event: {
        accounts: accounts.map((a) => ({ ...a })),
        group_id: input.groupId,
        mode: 'batch',
        role_name: input.roleName,
        shard_id: shardId,
        ...(input.regions ? { regions: [...input.regions] } : {}),
        ...(input.externalId ? { external_id: input.externalId } : {}),
      },
    });
  }
  return shards;
}

/** The seed's final event for a group. */
export function seedFinalEvent(groupId: string, regions?: readonly string[]): FinalEvent {
  return { mode: 'final', group_id: groupId, ...(regions ? { regions: [...regions] } : {}) };
}
