/**
 * Worker side of parallel pass 1: parses shards whose bytes the main thread streams in (the main
 * thread keeps all storage access), validates records, spools their display text to this worker's
 * own spool file, and sends compact batches back. Each chunk is acknowledged, so the main thread
 * never sends more than a few chunks ahead.
 */
import type { MessagePort } from 'node:worker_threads';
import { complianceCode, dedupeKey } from '../../../core/dedupe.js';
import { Interner } from '../../../core/interner.js';
import type { CheckedRecord } from '../../../core/shardSchema.js';
import { type CanonicalOutcome, CanonicalShardParser } from '../canonical.js';
import { environmentTagEntries, ResourceEnvironmentTags } from '../environmentTags.js';
import { SpoolWriter } from '../spool.js';
import { encodeSpoolLine } from '../spoolRecord.js';
import { NO_OWNER, ownerOf, UNTAGGED_OWNER_ID } from '../tags.js';
import type { FromShardWorker, RecordBatch, ShardTaskData, ToShardWorker } from './protocol.js';

/** Records per batch message. */
const BATCH = 4096;

/**
 * Builds batches: each record's spool place, dedupe key and dimension ids (this worker's own ids),
 * plus the dictionary entries added since the previous batch, so the main thread can translate.
 */
class BatchBuilder {
  readonly #dims = {
    accounts: new Interner(),
    regions: new Interner(),
    rules: new Interner(),
    owners: new Interner(),
  };
  readonly #sent = { accounts: 0, regions: 0, rules: 0, owners: 1 };
  readonly #accountNames: string[] = [];
  #columns = newColumns();
  #n = 0;

  /** This batch's resource environment tags (distinct, capped per account). */
  readonly #environmentTags = new ResourceEnvironmentTags();
  readonly #environmentKeys: ReadonlySet<string>;

  constructor(
    readonly spool: SpoolWriter,
    readonly ownerTagKey: string,
    environmentTagKeys: readonly string[],
  ) {
    this.#environmentKeys = new Set(environmentTagKeys);
    this.#dims.owners.id(NO_OWNER);
  }

  /** Adds a valid record; true when the batch is full. */
  add(checked: CheckedRecord, rawJson: string | null): boolean {
    const r = checked.record;
    const b = this.#columns;
    const n = this.#n;
    const dims = this.#dims;
    const owner = ownerOf(r.tags, this.ownerTagKey);
    const environmentTags = environmentTagEntries(r.tags, this.#environmentKeys);
    if (environmentTags) this.#environmentTags.add(r.account_id, environmentTags);
    const place = this.spool.appendText(encodeSpoolLine(r, owner, rawJson));
    const before = dims.accounts.size;
    b.keys.push(dedupeKey(r));
    b.recorded[n] = checked.recordedMs;
    b.invoked[n] = checked.invokedMs;
    b.compliance[n] = complianceCode(r.compliance_type);
    b.offset[n] = place.offset;
    b.length[n] = place.length;
    b.account[n] = dims.accounts.id(r.account_id);
    if (dims.accounts.size > before) this.#accountNames.push(r.account_name);
    b.region[n] = dims.regions.id(r.region);
    b.rule[n] = dims.rules.id(r.rule_name);
    b.owner[n] = owner !== NO_OWNER ? dims.owners.id(owner) : UNTAGGED_OWNER_ID;
    return ++this.#n === BATCH;
  }

  /** The records added since the last call (null when none), with the buffers to transfer. */
  take(): { batch: RecordBatch; transfer: ArrayBuffer[] } | null {
    const n = this.#n;
    if (n === 0) return null;
    const dims = this.#dims;
    const sent = this.#sent;
    const b = this.#columns;
    const batch: RecordBatch = {
      keys: b.keys,
      recorded: b.recorded.slice(0, n),
      invoked: b.invoked.slice(0, n),
      compliance: b.compliance.slice(0, n),
      offset: b.offset.slice(0, n),
      length: b.length.slice(0, n),
      account: b.account.slice(0, n),
      region: b.region.slice(0, n),
      rule: b.rule.slice(0, n),
      owner: b.owner.slice(0, n),
      newAccounts: dims.accounts.values().slice(sent.accounts),
      newRegions: dims.regions.values().slice(sent.regions),
      newRules: dims.rules.values().slice(sent.rules),
      newOwners: dims.owners.values().slice(sent.owners),
      accountNames: this.#accountNames.slice(sent.accounts),
      environmentTags: this.#environmentTags.entries(),
    };
    this.#environmentTags.clear();
    sent.accounts = dims.accounts.size;
    sent.regions = dims.regions.size;
    sent.rules = dims.rules.size;
    sent.owners = dims.owners.size;
    this.#columns = newColumns();
    this.#n = 0;
    const { recorded, invoked, compliance, offset, length, account, region, rule, owner } = batch;
    const arrays = [recorded, invoked, compliance, offset, length, account, region, rule, owner];
    return { batch, transfer: arrays.map((a) => a.buffer as ArrayBuffer) };
  }
}

/** Runs the shard task until the main thread sends `close`. */
export function runShardTask(port: MessagePort, data: ShardTaskData): void {
  const spool = new SpoolWriter(data.spoolPath);
  const builder = new BatchBuilder(spool, data.ownerTagKey, data.environmentTagKeys);
  const post = (message: FromShardWorker, transfer: ArrayBuffer[] = []) =>
    port.postMessage(message, transfer);
  let current: { id: number; parser: CanonicalShardParser; done: boolean } | null = null;

  const flush = (id: number): void => {
    const taken = builder.take();
    if (taken) post({ t: 'batch', id, batch: taken.batch }, taken.transfer);
  };
  const finish = (id: number, outcome: CanonicalOutcome): void => {
    flush(id);
    post({ t: 'done', id, outcome });
    if (current?.id === id) current.done = true;
  };

  port.on('message', (message: ToShardWorker) => {
    if (message.t === 'open') {
      const { id } = message;
      const expected = { groupId: message.groupId, shardId: message.shardId };
      const parser = new CanonicalShardParser(expected, data.maxLineBytes, (checked, rawJson) => {
        if (builder.add(checked, rawJson)) flush(id);
      });
      current = { id, done: false, parser };
      return;
    }
    if (message.t === 'close') {
      spool.close();
      post({ t: 'closed', spoolBytes: spool.size });
      port.close();
      return;
    }
    const shard = current;
    if (message.t === 'abort') {
      // The records parsed so far go out under the dropped id (the main thread discards them but
      // must learn the dictionary entries they added); none may leak into the next shard's batches.
      if (shard && shard.id === message.id && !shard.done) {
        flush(shard.id);
        shard.done = true;
      }
      return;
    }
    if (!shard || shard.id !== message.id || shard.done) {
      // A chunk still in flight after an early outcome: acknowledge and drop it.
      if (message.t === 'chunk') post({ t: 'ack', id: message.id });
      return;
    }
    if (message.t === 'chunk') {
      shard.parser.push(Buffer.from(message.buf.buffer, message.buf.byteOffset, message.buf.byteLength));
      post({ t: 'ack', id: shard.id });
      const early = shard.parser.early;
      if (early) finish(shard.id, early);
      return;
    }
    finish(shard.id, shard.parser.end());
  });
}

function newColumns() {
  return {
    keys: [] as string[],
    recorded: new Float64Array(BATCH),
    invoked: new Float64Array(BATCH),
    compliance: new Uint8Array(BATCH),
    offset: new Float64Array(BATCH),
    length: new Uint32Array(BATCH),
    account: new Uint32Array(BATCH),
    region: new Uint32Array(BATCH),
    rule: new Uint32Array(BATCH),
    owner: new Uint32Array(BATCH),
  };
}
