/**
 * Pass 1 of the reduce phase: list every object under the group's batch prefix, read each shard
 * (in key order, a few opened ahead), validate it, spool its records and keep one compact winner
 * per dedupe key. What cannot be used is recorded with a reason; nothing is dropped silently.
 */
import type { Readable } from 'node:stream';
import type { RejectedShard, ShardRecordNote } from '../../core/coverage.js';
import { type Candidate, complianceCode, dedupeKey, WinnerTable } from '../../core/dedupe.js';
import { Interner } from '../../core/interner.js';
import { isSafeId } from '../../core/keys.js';
import type { LoggerPort } from '../../core/logger.js';
import { HeaderMerger } from '../../core/merge.js';
import type { Store, StoredObject } from '../../store/Store.js';
import { type RecordSink, readShard } from './readShard.js';
import type { SpoolWriter } from './spool.js';
import { encodeSpoolLine } from './spoolRecord.js';

/** Owner label of resources without the owner tag. */
export const UNTAGGED = '(untagged)';

/** Interned dimensions of the winners. */
export interface Dimensions {
  /** By account id. */
  accounts: Interner;
  regions: Interner;
  rules: Interner;
  /** Owner tag values; id 0 is UNTAGGED. */
  owners: Interner;
}

/** One shard that was accepted. */
export interface AcceptedShard {
  key: string;
  shardId: string;
  records: number;
  invalidRecords: number;
  layout: 'canonical' | 'streaming-parser';
}

/** Everything pass 1 learned. */
export interface Collected {
  table: WinnerTable;
  dims: Dimensions;
  /** Account names seen on records, for accounts no header describes. */
  recordAccountNames: Map<string, string>;
  merger: HeaderMerger;
  accepted: AcceptedShard[];
  rejected: RejectedShard[];
  notes: ShardRecordNote[];
  warnings: string[];
  /** Objects listed under the batch prefix. */
  listed: number;
  /** Valid records read from accepted shards (before dedupe). */
  recordsRead: number;
  invalidRecords: number;
}

/** Inputs of pass 1. */
export interface CollectInput {
  store: Store;
  /** `batchPrefix(prefix, groupId)`. */
  batchPrefix: string;
  groupId: string;
  ownerTagKey: string;
  readAhead: number;
  maxLineBytes: number;
  spool: SpoolWriter;
  logger: LoggerPort;
}

/** Classifies a listed key: the shard id it names, or why it is not a shard file. */
export function classifyKey(key: string, batchPrefix: string): { shardId: string } | { reason: string } {
  const rest = key.slice(batchPrefix.length);
  if (rest.includes('/')) return { reason: 'not a shard file: it is in a subfolder of the batch prefix' };
  if (!rest.endsWith('.json')) return { reason: 'not a shard file: the name does not end in .json' };
  const shardId = rest.slice(0, -'.json'.length);
  if (!isSafeId(shardId))
    return { reason: `not a shard file: ${JSON.stringify(shardId)} is not a valid shard id` };
  return { shardId };
}

/** Runs pass 1. Storage errors (listing, reading) propagate; bad content never does. */
export async function collectShards(input: CollectInput): Promise<Collected> {
  const { store, logger } = input;
  const objects: StoredObject[] = [];
  for await (const object of store.list(input.batchPrefix)) objects.push(object);
  // A fixed order whatever order the store lists in.
  objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const dims: Dimensions = {
    accounts: new Interner(),
    regions: new Interner(),
    rules: new Interner(),
    owners: new Interner(),
  };
  dims.owners.id(UNTAGGED);
  const result: Collected = {
    table: new WinnerTable(),
    dims,
    recordAccountNames: new Map(),
    merger: new HeaderMerger(),
    accepted: [],
    rejected: [],
    notes: [],
    warnings: [],
    listed: objects.length,
    recordsRead: 0,
    invalidRecords: 0,
  };
  const sink = createSink(result, input);

  const candidates: { object: StoredObject; shardId: string }[] = [];
  for (const object of objects) {
    const kind = classifyKey(object.key, input.batchPrefix);
    if ('reason' in kind) result.rejected.push({ key: object.key, reason: kind.reason });
    else if (object.size === 0)
      result.rejected.push({ key: object.key, shardId: kind.shardId, reason: 'empty file' });
    else candidates.push({ object, shardId: kind.shardId });
  }
  // Shard id order (`02` before `02-retry`) fixes which of two equal duplicates is kept.
  candidates.sort((a, b) => (a.shardId < b.shardId ? -1 : a.shardId > b.shardId ? 1 : 0));

  const prefetched = new Map<number, Promise<Readable>>();
  const prefetch = (i: number): void => {
    const candidate = candidates[i];
    if (!candidate || prefetched.has(i)) return;
    const opening = store.getStream(candidate.object.key).then((stream) => {
      // A stream that fails before we read it must not crash the process; the read reports it.
      stream.on('error', () => {});
      return stream;
    });
    opening.catch(() => {});
    prefetched.set(i, opening);
  };

  for (let i = 0; i < candidates.length; i++) {
    for (let j = i; j <= i + input.readAhead; j++) prefetch(j);
    const { object, shardId } = candidates[i]!;
    let first: Promise<Readable> | undefined = prefetched.get(i);
    prefetched.delete(i);
    const open = (): Promise<Readable> => {
      const stream = first ?? store.getStream(object.key);
      first = undefined;
      return stream;
    };
    const read = await readShard(open, { groupId: input.groupId, shardId }, sink, input.maxLineBytes);
    if (!read.accepted) {
      result.rejected.push({ key: object.key, shardId, reason: read.reason });
      logger.warn('shard rejected', { shard_id: shardId, key: object.key, reason: read.reason });
      continue;
    }
    result.merger.add(read.header);
    result.accepted.push({
      key: object.key,
      shardId,
      records: read.records,
      invalidRecords: read.invalidRecords,
      layout: read.layout,
    });
    result.recordsRead += read.records;
    result.invalidRecords += read.invalidRecords;
    if (read.invalidRecords > 0) {
      result.notes.push({ shardId, invalidRecords: read.invalidRecords, firstReason: read.firstInvalid });
    }
    const declared = read.header.accounts.reduce(
      (sum, a) => sum + a.regions.reduce((s, r) => s + r.records_count, 0),
      0,
    );
    if (declared !== read.records + read.invalidRecords) {
      result.warnings.push(
        `shard ${shardId}: the header declares ${declared} records, the file holds ${read.records + read.invalidRecords}`,
      );
    }
    logger.debug('shard read', { shard_id: shardId, records: read.records, layout: read.layout });
  }
  return result;
}

function createSink(result: Collected, input: CollectInput): RecordSink {
  const { dims, table } = result;
  const candidate: Candidate = {
    recordedMs: 0,
    invokedMs: 0,
    compliance: 0,
    spoolOffset: 0,
    spoolLength: 0,
    account: 0,
    region: 0,
    rule: 0,
    owner: 0,
  };
  return {
    begin: () => table.begin(),
    commit: () => table.commit(),
    rollback: () => table.rollback(),
    accept(checked, rawJson) {
      const r = checked.record;
      const owner = r.tags[input.ownerTagKey]?.trim() ?? '';
      const place = input.spool.appendText(encodeSpoolLine(r, owner, rawJson));
      candidate.recordedMs = checked.recordedMs;
      candidate.invokedMs = checked.invokedMs;
      candidate.compliance = complianceCode(r.compliance_type);
      candidate.spoolOffset = place.offset;
      candidate.spoolLength = place.length;
      candidate.account = dims.accounts.id(r.account_id);
      candidate.region = dims.regions.id(r.region);
      candidate.rule = dims.rules.id(r.rule_name);
      candidate.owner = owner !== '' ? dims.owners.id(owner) : 0;
      if (r.account_name !== '' && !result.recordAccountNames.has(r.account_id)) {
        result.recordAccountNames.set(r.account_id, r.account_name);
      }
      table.offer(dedupeKey(r), candidate);
    },
  };
}
