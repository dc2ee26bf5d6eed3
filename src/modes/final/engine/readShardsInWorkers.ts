/**
 * Parallel pass 1: shards are parsed in worker threads while the main thread streams their bytes
 * (it alone talks to the store) and merges the results. Outcomes are booked strictly in shard id
 * order, exactly as the in-process path books them, so workers change the speed and never the
 * report. A shard a worker cannot read in the canonical layout is re-read in-process (streaming
 * parser).
 */
import { join } from 'node:path';
import { emptyCandidate } from '../../../core/dedupe.js';
import type { ShardReadResult } from '../readShard.js';
import type { ReadShardsInput, ShardCandidate, ShardsRead } from '../shards.js';
import { isFinalWorkerError } from './errors.js';
import { spawnFinalWorker, workersAvailable } from './host.js';
import type { RecordBatch } from './protocol.js';
import { type ShardJobResult, ShardWorkerClient } from './shardWorkerClient.js';

/** A parallel read: what to read, where results go, and the domain's hooks. */
export interface WorkerReadJob {
  input: ReadShardsInput;
  /** In shard id order: the order outcomes are booked in. */
  candidates: readonly ShardCandidate[];
  /** The run's table, dimensions and spool list; worker spools are appended to `spoolPaths`. */
  into: Pick<ShardsRead, 'table' | 'dims' | 'recordAccountNames' | 'resourceEnvironmentTags' | 'spoolPaths'>;
  /** Books one shard's outcome (called in shard id order). */
  book(candidate: ShardCandidate, read: ShardReadResult): void;
  /**
   * Reads a shard in this thread, retried: the ones not in the canonical layout, and the ones whose
   * bytes could not be streamed to a worker (`earlier`: that failed attempt).
   */
  readInProcess(
    candidate: ShardCandidate,
    first?: undefined,
    earlier?: { attempts: number; error: unknown },
  ): Promise<ShardReadResult>;
}

/**
 * Reads every candidate with worker threads and books each outcome in shard id order. Returns
 * false (having done nothing) when this build cannot start workers.
 */
export async function readShardsInWorkers(job: WorkerReadJob): Promise<boolean> {
  const { candidates } = job;
  const workers = startWorkers(job);
  if (workers.length === 0) return false;
  const idle = [...workers];
  const running = new Map<number, Promise<ShardJobResult>>();
  // At most two shards per worker are read ahead of the one being booked (bounds memory).
  const window = workers.length * 2;
  let next = 0;
  let booked = 0;
  const dispatch = (): void => {
    while (next < candidates.length && next < booked + window && idle.length > 0) {
      const worker = idle.shift()!;
      const i = next++;
      const result = worker.run(candidates[i]!, job.input, i).finally(() => {
        idle.push(worker);
        dispatch();
      });
      result.catch(() => {});
      running.set(i, result);
    }
  };
  let ok = false;
  try {
    for (; booked < candidates.length; booked++) {
      dispatch();
      const result = running.get(booked);
      if (!result) throw new Error(`shard ${booked} was not dispatched`);
      running.delete(booked);
      const candidate = candidates[booked]!;
      let found: ShardJobResult;
      try {
        found = await result;
      } catch (error) {
        // A worker that failed fails the run; a read that failed is retried in this thread.
        if (isFinalWorkerError(error)) throw error;
        job.book(candidate, await job.readInProcess(candidate, undefined, { attempts: 1, error }));
        continue;
      }
      await bookResult(job, candidate, found);
    }
    ok = true;
  } finally {
    if (ok) await Promise.all(workers.map((w) => w.close()));
    else await Promise.all(workers.map((w) => w.worker.terminate()));
  }
  return true;
}

/** Starts up to `input.workers` shard workers (no more than shards), each with its own spool. */
function startWorkers(job: WorkerReadJob): ShardWorkerClient[] {
  const { input, into } = job;
  const workers: ShardWorkerClient[] = [];
  if (!workersAvailable()) return workers;
  for (let w = 0; w < Math.min(input.workers, job.candidates.length); w++) {
    const spoolPath = join(input.tempDir, `records-w${w + 1}.spool`);
    const worker = spawnFinalWorker({
      configreportFinalWorker: 'shards',
      spoolPath,
      ownerTagKey: input.ownerTagKey,
      environmentTagKeys: input.environmentTagKeys.map((k) => k.toLowerCase()),
      maxLineBytes: input.maxLineBytes,
    });
    if (!worker) break;
    workers.push(new ShardWorkerClient(worker, into.spoolPaths.length, into));
    into.spoolPaths.push(spoolPath);
  }
  return workers;
}

/** Applies one worker result: its records offered and the shard booked, or re-read in-process. */
async function bookResult(
  job: WorkerReadJob,
  candidate: ShardCandidate,
  result: ShardJobResult,
): Promise<void> {
  const { outcome, batches, spoolFile } = result;
  if (outcome.kind === 'done') {
    offerBatches(job.into, batches, spoolFile);
    const { records, invalid, firstInvalid } = outcome.tally;
    job.book(candidate, {
      accepted: true,
      header: outcome.header,
      records,
      invalidRecords: invalid,
      firstInvalid,
      layout: 'canonical',
    });
  } else if (outcome.kind === 'rejected') {
    job.book(candidate, { accepted: false, reason: outcome.reason });
  } else {
    job.book(candidate, await job.readInProcess(candidate));
  }
}

/**
 * Offers an accepted shard's records to the table in one transaction, in the order the worker read
 * them, and keeps its resource environment tags.
 */
function offerBatches(into: WorkerReadJob['into'], batches: readonly RecordBatch[], spoolFile: number): void {
  const { table } = into;
  for (const b of batches) into.resourceEnvironmentTags.addEntries(b.environmentTags);
  const c = emptyCandidate(spoolFile);
  table.begin();
  for (const b of batches) {
    for (let k = 0; k < b.keys.length; k++) {
      c.recordedMs = b.recorded[k]!;
      c.invokedMs = b.invoked[k]!;
      c.compliance = b.compliance[k]!;
      c.spoolOffset = b.offset[k]!;
      c.spoolLength = b.length[k]!;
      c.account = b.account[k]!;
      c.region = b.region[k]!;
      c.rule = b.rule[k]!;
      c.owner = b.owner[k]!;
      table.offer(b.keys[k]!, c);
    }
  }
  table.commit();
}
