/**
 * Pass 1's vocabulary: which listed files are shards, what reading them yields, and how one shard's
 * outcome is booked. Shared by the in-process reader (readShards.ts) and the thread engine's
 * parallel reader, which both apply outcomes in shard id order through {@link bookShard}.
 */
import type { RejectedShard, ShardRecordNote } from '../../core/coverage.js';
import { Interner } from '../../core/interner.js';
import { isSafeId } from '../../core/keys.js';
import type { LoggerPort } from '../../core/logger.js';
import { HeaderMerger } from '../../core/merge.js';
import { type ColumnMemory, WinnerTable } from '../../core/winnerTable.js';
import type { Store, StoredObject } from '../../store/Store.js';
import { ResourceEnvironmentTags } from './environmentTags.js';
import type { ShardReadResult } from './readShard.js';
import type { ShardReadRetry } from './shardRetry.js';
import type { SpoolWriter } from './spool.js';
import { NO_OWNER } from './tags.js';

/** Interned dimensions of the winners. */
export interface Dimensions {
  /** By account id. */
  accounts: Interner;
  regions: Interner;
  rules: Interner;
  /** Owner tag values; id 0 (UNTAGGED_OWNER_ID) is NO_OWNER, the resources without the tag. */
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
export interface ShardsRead {
  table: WinnerTable;
  dims: Dimensions;
  /** Account names seen on records, for accounts no header describes. */
  recordAccountNames: Map<string, string>;
  /** Environment tags of each account's resources (accepted shards only): the classifier's last resort. */
  resourceEnvironmentTags: ResourceEnvironmentTags;
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
export interface ReadShardsInput {
  store: Store;
  /** `batchPrefix(prefix, groupId)`. */
  batchPrefix: string;
  groupId: string;
  ownerTagKey: string;
  /** Tag keys (any case) whose resource tag values are kept as environment evidence. */
  environmentTagKeys: readonly string[];
  readAhead: number;
  maxLineBytes: number;
  /** The main thread's spool (file 0). */
  spool: SpoolWriter;
  /** Worker threads for parsing (0: in-process). */
  workers: number;
  /** Where worker spools go. */
  tempDir: string;
  logger: LoggerPort;
  /** How a shard whose read fails is retried (then the run fails naming it). */
  retry: ShardReadRetry;
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

/** A fresh, empty result whose winner table keeps its columns in `memory`. */
export function newShardsRead(listed: number, mainSpoolPath: string, memory?: ColumnMemory): ShardsRead {
  const dims: Dimensions = {
    accounts: new Interner(),
    regions: new Interner(),
    rules: new Interner(),
    owners: new Interner(),
  };
  dims.owners.id(NO_OWNER);
  return {
    table: new WinnerTable(memory),
    dims,
    recordAccountNames: new Map(),
    resourceEnvironmentTags: new ResourceEnvironmentTags(),
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
export function bookShard(
  result: ShardsRead,
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
