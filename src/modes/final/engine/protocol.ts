/**
 * Messages between final mode's main thread and its worker threads. Types only.
 */
import type { EncodedRows } from '../../../report/xlsx/index.js';
import type { CanonicalOutcome } from '../canonical.js';
import type { SpoolRows } from '../rows.js';

/** `workerData` of a worker: which task it runs. */
export type FinalWorkerData =
  | {
      configreportFinalWorker: 'shards';
      /** The worker's own spool file. */
      spoolPath: string;
      ownerTagKey: string;
      /** Tag keys (lower-case) whose resource values are environment evidence. */
      environmentTagKeys: string[];
      maxLineBytes: number;
    }
  | ({
      configreportFinalWorker: 'csv';
      order: Uint32Array;
      outPath: string;
      gzipLevel: number;
      formulaGuard: boolean;
    } & SpoolRows)
  | ({
      configreportFinalWorker: 'sheets';
      nonCompliantOrder: Uint32Array;
      detailsOrder: Uint32Array;
      /** Data rows per part of a split sheet. */
      rowLimit: number;
    } & SpoolRows);

/** `workerData` of each task. */
export type ShardTaskData = Extract<FinalWorkerData, { configreportFinalWorker: 'shards' }>;
export type CsvTaskData = Extract<FinalWorkerData, { configreportFinalWorker: 'csv' }>;
export type SheetTaskData = Extract<FinalWorkerData, { configreportFinalWorker: 'sheets' }>;

/** Main → shard worker. */
export type ToShardWorker =
  | { t: 'open'; id: number; groupId: string; shardId: string }
  | { t: 'chunk'; id: number; buf: Uint8Array }
  | { t: 'end'; id: number }
  /** The shard's bytes stopped coming (a storage error): drop it; the main thread reads it again. */
  | { t: 'abort'; id: number }
  | { t: 'close' };

/** Up to a few thousand parsed records of one shard, in compact columns; ids are the worker's own. */
export interface RecordBatch {
  keys: string[];
  recorded: Float64Array;
  invoked: Float64Array;
  compliance: Uint8Array;
  offset: Float64Array;
  length: Uint32Array;
  account: Uint32Array;
  region: Uint32Array;
  rule: Uint32Array;
  owner: Uint32Array;
  /** Dictionary entries the worker added since its previous batch, in id order. */
  newAccounts: string[];
  newRegions: string[];
  newRules: string[];
  newOwners: string[];
  /** Account names first seen on records, for accounts in `newAccounts`. */
  accountNames: string[];
  /** Distinct resource environment tags in the batch, `accountId\0key\0value` (ResourceEnvironmentTags). */
  environmentTags: string[];
}

/** Shard worker → main. */
export type FromShardWorker =
  | { t: 'ack'; id: number }
  | { t: 'batch'; id: number; batch: RecordBatch }
  | { t: 'done'; id: number; outcome: CanonicalOutcome }
  | { t: 'closed'; spoolBytes: number };

/** CSV worker → main. */
export type FromCsvWorker = { t: 'done'; rows: number };

/** The evaluation sheets a sheet worker encodes, in the order it sends them. */
export type EncodedSheet = 'nonCompliant' | 'details';

/** Sheet worker → main: blocks of each sheet in order, then its end. */
export type FromSheetWorker =
  | { t: 'block'; sheet: EncodedSheet; block: EncodedRows }
  | { t: 'end'; sheet: EncodedSheet };

/** Main → sheet worker: one block was written (the worker keeps a bounded number unacknowledged). */
export type ToSheetWorker = { t: 'ack' };
