/**
 * The main thread's side of one shard worker: streams a shard's bytes to it with a few chunks of
 * credit, collects the record batches it sends back (translating the worker's dictionary ids into
 * the run's at once, in the order they arrive) and resolves each shard with what the worker found.
 */
import type { Worker } from 'node:worker_threads';
import type { CanonicalOutcome } from '../canonical.js';
import type { ReadShardsInput, ShardCandidate, ShardsRead } from '../shards.js';
import { workerExited, workerFailed } from './errors.js';
import type { FromShardWorker, RecordBatch, ToShardWorker } from './protocol.js';

/** Chunks sent to a worker ahead of its acknowledgements. */
const CREDITS = 8;

/** What a worker found in one shard. */
export interface ShardJobResult {
  outcome: CanonicalOutcome;
  batches: RecordBatch[];
  spoolFile: number;
}

interface Job {
  batches: RecordBatch[];
  credits: number;
  finished: boolean;
  wake: (() => void) | null;
  resolve: (result: ShardJobResult) => void;
  reject: (error: unknown) => void;
}

/** One worker: its spool file number and the translation of its dictionary ids to global ones. */
export class ShardWorkerClient {
  readonly #jobs = new Map<number, Job>();
  readonly #map = { accounts: [] as number[], regions: [] as number[], rules: [] as number[], owners: [0] };
  #failure: unknown = null;
  #closed: Promise<void>;
  #onClosed: () => void = () => {};

  constructor(
    readonly worker: Worker,
    readonly spoolFile: number,
    readonly into: Pick<ShardsRead, 'dims' | 'recordAccountNames'>,
  ) {
    this.#closed = new Promise((resolve) => {
      this.#onClosed = resolve;
    });
    worker.on('message', (message: FromShardWorker) => this.#message(message));
    worker.on('error', (error) => this.#fail(workerFailed('shard', error)));
    worker.on('exit', (code) => {
      this.#fail(workerExited('shard', code));
      this.#onClosed();
    });
  }

  /** Streams one shard to the worker and resolves with what it found. */
  run(
    candidate: ShardCandidate,
    input: Pick<ReadShardsInput, 'store' | 'groupId'>,
    id: number,
  ): Promise<ShardJobResult> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise<ShardJobResult>((resolve, reject) => {
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
        // Before the next `open` reaches this worker: its half-read records must not join that shard.
        if (!job.finished && !this.#failure) this.#post({ t: 'abort', id });
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
    const { dims, recordAccountNames } = this.into;
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
