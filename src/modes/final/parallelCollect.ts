/**
 * Parallel pass 1: shards are parsed in worker threads while the main thread streams their bytes
 * (it alone talks to the store) and merges the results. Results are applied strictly in shard id
 * order, exactly as the in-process path would, so workers change the speed and never the report.
 * A shard a worker cannot read in the canonical layout is re-read in-process (streaming parser).
 */
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { Candidate } from '../../core/dedupe.js';
import type { CanonicalOutcome } from './canonical.js';
import type { Collected, CollectInput, ShardCandidate } from './collect.js';
import type { ShardReadResult } from './readShard.js';
import { spawnFinalWorker, workersAvailable } from './workerHost.js';
import type { FromShardWorker, RecordBatch, ToShardWorker } from './workerProtocol.js';

/** Chunks sent to a worker ahead of its acknowledgements. */
const CREDITS = 8;

interface JobResult {
  outcome: CanonicalOutcome;
  batches: RecordBatch[];
  spoolFile: number;
}

interface Job {
  batches: RecordBatch[];
  credits: number;
  finished: boolean;
  wake: (() => void) | null;
  resolve: (result: JobResult) => void;
  reject: (error: unknown) => void;
}

/** One worker: its spool file number and the translation of its dictionary ids to global ones. */
class ShardWorker {
  readonly #jobs = new Map<number, Job>();
  readonly #map = { accounts: [] as number[], regions: [] as number[], rules: [] as number[], owners: [0] };
  #failure: unknown = null;
  #closed: Promise<void>;
  #onClosed: () => void = () => {};

  constructor(
    readonly worker: Worker,
    readonly spoolFile: number,
    readonly result: Collected,
  ) {
    this.#closed = new Promise((resolve) => {
      this.#onClosed = resolve;
    });
    worker.on('message', (message: FromShardWorker) => this.#message(message));
    worker.on('error', (error) => this.#fail(error));
    worker.on('exit', (code) => {
      this.#fail(new Error(`shard worker exited with code ${code}`));
      this.#onClosed();
    });
  }

  /** Streams one shard to the worker and resolves with what it found. */
  run(candidate: ShardCandidate, input: CollectInput, id: number): Promise<JobResult> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise<JobResult>((resolve, reject) => {
      const job: Job = { batches: [], credits: CREDITS, finished: false, wake: null, resolve, reject };
      this.#jobs.set(id, job);
      this.#post({ t: 'open', id, groupId: input.groupId, shardId: candidate.shardId });
      (async () => {
        const stream = await input.store.getStream(candidate.object.key);
        for await (const chunk of stream) {
          while (job.credits === 0 && !job.finished) await new Promise<void>((wake) => (job.wake = wake));
          if (job.finished) break;
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
          // A copy with its own buffer, transferred (stream chunks may share a pooled buffer).
          const copy = new Uint8Array(bytes.length);
          copy.set(bytes);
          job.credits--;
          this.#post({ t: 'chunk', id, buf: copy }, [copy.buffer]);
        }
        stream.destroy();
        if (!job.finished) this.#post({ t: 'end', id });
      })().catch((error: unknown) => {
        this.#jobs.delete(id);
        job.finished = true;
        reject(error);
      });
    });
  }

  /** Asks the worker to close its spool and stop; resolves when it has exited. */
  async close(): Promise<void> {
    if (!this.#failure) this.#post({ t: 'close' });
    await this.#closed;
  }

  #post(message: ToShardWorker, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  #message(message: FromShardWorker): void {
    if (message.t === 'closed') return;
    const job = this.#jobs.get(message.id);
    if (message.t === 'batch') {
      // Translate at once: dictionary deltas must be applied in the order the worker sent them.
      const batch = this.#translate(message.batch);
      job?.batches.push(batch);
      return;
    }
    if (!job) return;
    if (message.t === 'ack') {
      job.credits++;
      job.wake?.();
      job.wake = null;
      return;
    }
    job.finished = true;
    job.wake?.();
    this.#jobs.delete(message.id);
    job.resolve({ outcome: message.outcome, batches: job.batches, spoolFile: this.spoolFile });
  }

  #translate(batch: RecordBatch): RecordBatch {
    const { dims, recordAccountNames } = this.result;
    batch.newAccounts.forEach((accountId, i) => {
      this.#map.accounts.push(dims.accounts.id(accountId));
      const name = batch.accountNames[i];
      if (name && !recordAccountNames.has(accountId)) recordAccountNames.set(accountId, name);
    });
    for (const region of batch.newRegions) this.#map.regions.push(dims.regions.id(region));
    for (const rule of batch.newRules) this.#map.rules.push(dims.rules.id(rule));
    for (const owner of batch.newOwners) this.#map.owners.push(dims.owners.id(owner));
    const remap = (ids: Uint32Array, map: number[]) => {
      for (let i = 0; i < ids.length; i++) ids[i] = map[ids[i]!]!;
    };
    remap(batch.account, this.#map.accounts);
    remap(batch.region, this.#map.regions);
    remap(batch.rule, this.#map.rules);
    remap(batch.owner, this.#map.owners);
    return batch;
  }

  #fail(error: unknown): void {
    if (this.#failure) return;
    this.#failure = error;
    for (const job of this.#jobs.values()) {
      job.finished = true;
      job.reject(error);
    }
    this.#jobs.clear();
  }
}

/**
 * Reads every candidate with worker threads and books each outcome in shard order. Returns false
 * (having done nothing) when this build cannot start workers.
 */
export async function collectInWorkers(
  input: CollectInput,
  candidates: readonly ShardCandidate[],
  result: Collected,
  book: (candidate: ShardCandidate, read: ShardReadResult) => void,
  inProcess: (candidate: ShardCandidate) => Promise<ShardReadResult>,
): Promise<boolean> {
  if (!workersAvailable()) return false;
  const workers: ShardWorker[] = [];
  for (let w = 0; w < Math.min(input.workers, candidates.length); w++) {
    const spoolPath = join(input.tempDir, `records-w${w + 1}.spool`);
    const worker = spawnFinalWorker({
      configreportFinalWorker: 'shards',
      spoolPath,
      ownerTagKey: input.ownerTagKey,
      maxLineBytes: input.maxLineBytes,
    });
    if (!worker) break;
    workers.push(new ShardWorker(worker, result.spoolPaths.length, result));
    result.spoolPaths.push(spoolPath);
  }
  if (workers.length === 0) return false;

  const idle = [...workers];
  const jobs = new Map<number, Promise<JobResult>>();
  const window = workers.length * 2;
  let next = 0;
  let applied = 0;
  const dispatch = (): void => {
    while (next < candidates.length && next < applied + window && idle.length > 0) {
      const worker = idle.shift()!;
      const i = next++;
      const job = worker.run(candidates[i]!, input, i).finally(() => {
        idle.push(worker);
        dispatch();
      });
      job.catch(() => {});
      jobs.set(i, job);
    }
  };
  let ok = false;
  try {
    for (let i = 0; i < candidates.length; i++) {
      dispatch();
      const job = jobs.get(i);
      if (!job) throw new Error(`shard ${i} was not dispatched`);
      jobs.delete(i);
      const { outcome, batches, spoolFile } = await job;
      const candidate = candidates[i]!;
      if (outcome.kind === 'done') {
        offerBatches(result, batches, spoolFile);
        const { records, invalid, firstInvalid } = outcome.tally;
        book(candidate, {
          accepted: true,
          header: outcome.header,
          records,
          invalidRecords: invalid,
          firstInvalid,
          layout: 'canonical',
        });
      } else if (outcome.kind === 'rejected') {
        book(candidate, { accepted: false, reason: outcome.reason });
      } else {
        book(candidate, await inProcess(candidate));
      }
      applied = i + 1;
    }
    ok = true;
  } finally {
    if (ok) await Promise.all(workers.map((w) => w.close()));
    else await Promise.all(workers.map((w) => w.worker.terminate()));
  }
  return true;
}

function offerBatches(result: Collected, batches: readonly RecordBatch[], spoolFile: number): void {
  const { table } = result;
  const c: Candidate = {
    recordedMs: 0,
    invokedMs: 0,
    compliance: 0,
    spoolFile,
    spoolOffset: 0,
    spoolLength: 0,
    account: 0,
    region: 0,
    rule: 0,
    owner: 0,
  };
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
