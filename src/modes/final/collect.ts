/**
 * Pass 1 of the reduce phase: list every object under the group's batch prefix, read each shard,
 * validate it, spool its records and keep one compact winner per dedupe key. Shards are parsed in
 * worker threads when available (parallelCollect.ts) and in-process otherwise; either way they are
 * applied in shard id order, so the result is the same. What cannot be used is recorded with a
 * reason; nothing is dropped silently.
 */
import type { Readable } from 'node:stream';
import type { RejectedShard, ShardRecordNote } from '../../core/coverage.js';
import { type Candidate, complianceCode, dedupeKey } from '../../core/dedupe.js';
import { Interner } from '../../core/interner.js';
import { isSafeId } from '../../core/keys.js';
import type { LoggerPort } from '../../core/logger.js';
import { HeaderMerger } from '../../core/merge.js';
import { WinnerTable } from '../../core/winnerTable.js';
import type { Store, StoredObject } from '../../store/Store.js';
import { collectInWorkers } from './parallelCollect.js';
import { type RecordSink, readShard, type ShardReadResult } from './readShard.js';
import { SHARED_COLUMN_MEMORY } from './sharedColumns.js';
import type { SpoolWriter } from './spool.js';
import { encodeSpoolLine } from './spoolRecord.js';
import { UNTAGGED } from './tags.js';

export { UNTAGGED } from './tags.js';

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
  /** Spool files, by the number the winner table stores (0 = the main thread's). */
  spoolPaths: string[];
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
  /** The main thread's spool (file 0). */
  spool: SpoolWriter;
  /** Worker threads for parsing (0: in-process). */
  workers: number;
  /** Where worker spools go. */
  tempDir: string;
  logger: LoggerPort;
}

/** A listed file that looks like a shard. */
export interface ShardCandidate {
  object: StoredObject;
  shardId: string;
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
  const objects: StoredObject[] = [];
  for await (const object of input.store.list(input.batchPrefix)) objects.push(object);
  // A fixed order whatever order the store lists in.
  objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const result = newCollected(objects.length, input.spool.path);
  const candidates: ShardCandidate[] = [];
  for (const object of objects) {
    const kind = classifyKey(object.key, input.batchPrefix);
    if ('reason' in kind) result.rejected.push({ key: object.key, reason: kind.reason });
    else if (object.size === 0)
      result.rejected.push({ key: object.key, shardId: kind.shardId, reason: 'empty file' });
    else candidates.push({ object, shardId: kind.shardId });
  }
  // Shard id order (`02` before `02-retry`) fixes which of two equal duplicates is kept.
  candidates.sort((a, b) => (a.shardId < b.shardId ? -1 : a.shardId > b.shardId ? 1 : 0));

  const sink = createSink(result, input.spool, input.ownerTagKey);
  const inProcess = (candidate: ShardCandidate, first?: Promise<Readable>) => {
    let opening = first;
    const open = (): Promise<Readable> => {
      const stream = opening ?? input.store.getStream(candidate.object.key);
      opening = undefined;
      return stream;
    };
    return readShard(open, { groupId: input.groupId, shardId: candidate.shardId }, sink, input.maxLineBytes);
  };
  if (input.workers > 0 && candidates.length > 1) {
    const done = await collectInWorkers(
      input,
      candidates,
      result,
      (c, read) => recordOutcome(result, c, read, input.logger),
      inProcess,
    );
    if (done) return result;
  }
  await collectInProcess(input, candidates, result, inProcess);
  return result;
}

async function collectInProcess(
  input: CollectInput,
  candidates: readonly ShardCandidate[],
  result: Collected,
  read: (candidate: ShardCandidate, first?: Promise<Readable>) => Promise<ShardReadResult>,
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
    recordOutcome(result, candidates[i]!, await read(candidates[i]!, first), input.logger);
  }
}

/** A fresh, empty Collected. */
export function newCollected(listed: number, mainSpoolPath: string): Collected {
  const dims: Dimensions = {
    accounts: new Interner(),
    regions: new Interner(),
    rules: new Interner(),
    owners: new Interner(),
  };
  dims.owners.id(UNTAGGED);
  return {
    table: new WinnerTable(SHARED_COLUMN_MEMORY),
    dims,
    recordAccountNames: new Map(),
    merger: new HeaderMerger(),
    accepted: [],
    rejected: [],
    notes: [],
    warnings: [],
    listed,
    recordsRead: 0,
    invalidRecords: 0,
    spoolPaths: [mainSpoolPath],
  };
}

/** Books one shard's outcome: header merged and counts kept, or the rejection recorded. */
export function recordOutcome(
  result: Collected,
  candidate: ShardCandidate,
  read: ShardReadResult,
  logger: LoggerPort,
): void {
  const { object, shardId } = candidate;
  if (!read.accepted) {
    result.rejected.push({ key: object.key, shardId, reason: read.reason });
    logger.warn('shard rejected', { shard_id: shardId, key: object.key, reason: read.reason });
    return;
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

/** The in-process sink: spools to file 0 and offers to the winner table. */
function createSink(result: Collected, spool: SpoolWriter, ownerTagKey: string): RecordSink {
  const { dims, table } = result;
  const candidate: Candidate = {
    recordedMs: 0,
    invokedMs: 0,
    compliance: 0,
    spoolFile: 0,
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
      const owner = r.tags[ownerTagKey]?.trim() ?? '';
      const place = spool.appendText(encodeSpoolLine(r, owner, rawJson));
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
