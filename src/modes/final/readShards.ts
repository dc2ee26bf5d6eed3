/**
 * Pass 1 of the reduce phase: list every object under the group's batch prefix, read each shard,
 * validate it, spool its records and keep one compact winner per dedupe key. Shards are parsed by
 * the thread engine's workers when there are any and in this thread otherwise; either way their
 * outcomes are booked in shard id order, so the result is the same. What cannot be used is
 * recorded with a reason; nothing is dropped silently.
 */
import type { Readable } from 'node:stream';
import { complianceCode, dedupeKey, emptyCandidate } from '../../core/dedupe.js';
import type { StoredObject } from '../../store/Store.js';
import { readShardsInWorkers, SHARED_COLUMN_MEMORY } from './engine/index.js';
import { environmentTagEntries, ResourceEnvironmentTags } from './environmentTags.js';
import { type RecordSink, readShard, type ShardReadResult } from './readShard.js';
import { type EarlierFailure, readWithRetry } from './shardRetry.js';
import {
  bookShard,
  classifyKey,
  newShardsRead,
  type ReadShardsInput,
  type ShardCandidate,
  type ShardsRead,
} from './shards.js';
import type { SpoolWriter } from './spool.js';
import { encodeSpoolLine } from './spoolRecord.js';
import { NO_OWNER, ownerOf, UNTAGGED_OWNER_ID } from './tags.js';

/**
 * Reads one candidate in this thread, retried (`input.retry`); `first` is its stream when it was
 * opened ahead, `earlier` an attempt that already failed elsewhere (in a worker).
 */
type ReadInProcess = (
  candidate: ShardCandidate,
  first?: Promise<Readable>,
  earlier?: EarlierFailure,
) => Promise<ShardReadResult>;

/**
 * Runs pass 1. Bad content never throws; a listing error propagates, and a shard that cannot be
 * read after the retries throws a ShardReadError naming its key.
 */
export async function readShards(input: ReadShardsInput): Promise<ShardsRead> {
  const objects: StoredObject[] = [];
  for await (const object of input.store.list(input.batchPrefix)) objects.push(object);
  // A fixed order whatever order the store lists in.
  objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  // Workers read the winners' spool locations from shared memory in pass 2 instead of a copy.
  const memory = input.workers > 0 ? SHARED_COLUMN_MEMORY : undefined;
  const result = newShardsRead(objects.length, input.spool.path, memory);
  const candidates = shardCandidates(objects, input.batchPrefix, result);
  const sink = inProcessSink(result, input.spool, input.ownerTagKey, input.environmentTagKeys);
  const readInProcess: ReadInProcess = (candidate, first, earlier) => {
    // The stream opened ahead serves the first attempt only: a retry starts from a fresh GET.
    let opening = first;
    const open = (): Promise<Readable> => {
      const stream = opening ?? input.store.getStream(candidate.object.key);
      opening = undefined;
      return stream;
    };
    const expected = { groupId: input.groupId, shardId: candidate.shardId };
    return readWithRetry(
      candidate.object.key,
      input.retry,
      input.logger,
      () => readShard(open, expected, sink, input.maxLineBytes),
      earlier,
    );
  };
  if (input.workers > 0 && candidates.length > 1) {
    const book = (candidate: ShardCandidate, read: ShardReadResult) =>
      bookShard(result, candidate, read, input.logger);
    if (await readShardsInWorkers({ input, candidates, into: result, book, readInProcess })) return result;
  }
  await readShardsInProcess(input, candidates, result, readInProcess);
  return result;
}

/** The listed objects that look like shards, in shard id order; the others are recorded as rejected. */
function shardCandidates(
  objects: readonly StoredObject[],
  batchPrefix: string,
  result: ShardsRead,
): ShardCandidate[] {
  const candidates: ShardCandidate[] = [];
  for (const object of objects) {
    const kind = classifyKey(object.key, batchPrefix);
    if ('reason' in kind) result.rejected.push({ key: object.key, reason: kind.reason });
    else if (object.size === 0)
      result.rejected.push({ key: object.key, shardId: kind.shardId, reason: 'empty file' });
    else candidates.push({ object, shardId: kind.shardId });
  }
  // Shard id order (`02` before `02-retry`) fixes which of two equal duplicates is kept.
  return candidates.sort((a, b) => (a.shardId < b.shardId ? -1 : a.shardId > b.shardId ? 1 : 0));
}

/** Reads the candidates one by one in this thread, opening up to `readAhead` of the next ones early. */
async function readShardsInProcess(
  input: ReadShardsInput,
  candidates: readonly ShardCandidate[],
  result: ShardsRead,
  read: ReadInProcess,
): Promise<void> {
  const prefetched = new Map<number, Promise<Readable>>();
  const prefetch = (i: number): void => {
    const candidate = candidates[i];
    if (!candidate || prefetched.has(i)) return;
    const opening = input.store.getStream(candidate.object.key).then((stream) => {
      // A stream that fails before we read it must not crash the process; the read reports it.
      stream.on('error', () => {});
      return stream;
    });
    opening.catch(() => {});
    prefetched.set(i, opening);
  };
  for (let i = 0; i < candidates.length; i++) {
    for (let j = i; j <= i + input.readAhead; j++) prefetch(j);
    const first = prefetched.get(i);
    prefetched.delete(i);
    bookShard(result, candidates[i]!, await read(candidates[i]!, first), input.logger);
  }
}

/**
 * The in-process sink: spools to file 0 and offers to the winner table; the shard's resource
 * environment tags are kept aside until it is committed.
 */
function inProcessSink(
  result: ShardsRead,
  spool: SpoolWriter,
  ownerTagKey: string,
  environmentTagKeys: readonly string[],
): RecordSink {
  const { dims, table } = result;
  const candidate = emptyCandidate();
  const keys = new Set(environmentTagKeys.map((k) => k.toLowerCase()));
  const pending = new ResourceEnvironmentTags();
  return {
    begin: () => {
      table.begin();
      pending.clear();
    },
    commit: () => {
      table.commit();
      result.resourceEnvironmentTags.takeFrom(pending);
    },
    rollback: () => {
      table.rollback();
      pending.clear();
    },
    accept(checked, rawJson) {
      const r = checked.record;
      const environmentTags = environmentTagEntries(r.tags, keys);
      if (environmentTags) pending.add(r.account_id, environmentTags);
      const owner = ownerOf(r.tags, ownerTagKey);
      const place = spool.appendText(encodeSpoolLine(r, owner, rawJson));
      candidate.recordedMs = checked.recordedMs;
      candidate.invokedMs = checked.invokedMs;
      candidate.compliance = complianceCode(r.compliance_type);
      candidate.spoolOffset = place.offset;
      candidate.spoolLength = place.length;
      candidate.account = dims.accounts.id(r.account_id);
      candidate.region = dims.regions.id(r.region);
      candidate.rule = dims.rules.id(r.rule_name);
      candidate.owner = owner !== NO_OWNER ? dims.owners.id(owner) : UNTAGGED_OWNER_ID;
      if (r.account_name !== '' && !result.recordAccountNames.has(r.account_id)) {
        result.recordAccountNames.set(r.account_id, r.account_name);
      }
      table.offer(dedupeKey(r), candidate);
    },
  };
}
