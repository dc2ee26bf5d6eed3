/**
 * Worker side of parallel pass 1: parses shards whose bytes the main thread streams in (the main
 * thread keeps all storage access), validates records, spools their display text to this worker's
 * own spool file, and sends compact batches back. Each chunk is acknowledged, so the main thread
 * never sends more than a few chunks ahead.
 */
import type { MessagePort } from 'node:worker_threads';
import { complianceCode, dedupeKey } from '../../core/dedupe.js';
import { Interner } from '../../core/interner.js';
import { CanonicalShardParser } from './canonical.js';
import { SpoolWriter } from './spool.js';
import { encodeSpoolLine } from './spoolRecord.js';
import { UNTAGGED } from './tags.js';
import type { FinalWorkerData, FromShardWorker, RecordBatch, ToShardWorker } from './workerProtocol.js';

const BATCH = 4096;

/** Runs the shard task until the main thread sends `close`. */
export function runShardWorker(
  port: MessagePort,
  data: Extract<FinalWorkerData, { configreportFinalWorker: 'shards' }>,
): void {
  const spool = new SpoolWriter(data.spoolPath);
  const dims = {
    accounts: new Interner(),
    regions: new Interner(),
    rules: new Interner(),
    owners: new Interner(),
  };
  dims.owners.id(UNTAGGED);
  const sent = { accounts: 0, regions: 0, rules: 0, owners: 1 };
  const accountNames: string[] = [];
  const post = (message: FromShardWorker, transfer?: ArrayBuffer[]) =>
    port.postMessage(message, transfer ?? []);

  let current: { id: number; parser: CanonicalShardParser; done: boolean } | null = null;
  let b = newBatch();
  let n = 0;

  const flush = (id: number): void => {
    if (n === 0) return;
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
      accountNames: accountNames.slice(sent.accounts),
    };
    sent.accounts = dims.accounts.size;
    sent.regions = dims.regions.size;
    sent.rules = dims.rules.size;
    sent.owners = dims.owners.size;
    const transfer = [
      batch.recorded,
      batch.invoked,
      batch.compliance,
      batch.offset,
      batch.length,
      batch.account,
      batch.region,
      batch.rule,
      batch.owner,
    ].map((a) => a.buffer as ArrayBuffer);
    post({ t: 'batch', id, batch }, transfer);
    b = newBatch();
    n = 0;
  };

  const finish = (id: number, outcome: ReturnType<CanonicalShardParser['end']>): void => {
    flush(id);
    post({ t: 'done', id, outcome });
    if (current?.id === id) current.done = true;
  };

  port.on('message', (message: ToShardWorker) => {
    if (message.t === 'open') {
      const id = message.id;
      current = {
        id,
        done: false,
        parser: new CanonicalShardParser(
          { groupId: message.groupId, shardId: message.shardId },
          data.maxLineBytes,
          (checked, rawJson) => {
            const r = checked.record;
            const owner = r.tags[data.ownerTagKey]?.trim() ?? '';
            const place = spool.appendText(encodeSpoolLine(r, owner, rawJson));
            const before = dims.accounts.size;
            b.keys.push(dedupeKey(r));
            b.recorded[n] = checked.recordedMs;
            b.invoked[n] = checked.invokedMs;
            b.compliance[n] = complianceCode(r.compliance_type);
            b.offset[n] = place.offset;
            b.length[n] = place.length;
            b.account[n] = dims.accounts.id(r.account_id);
            if (dims.accounts.size > before) accountNames.push(r.account_name);
            b.region[n] = dims.regions.id(r.region);
            b.rule[n] = dims.rules.id(r.rule_name);
            b.owner[n] = owner !== '' ? dims.owners.id(owner) : 0;
            if (++n === BATCH) flush(id);
          },
        ),
      };
      return;
    }
    if (message.t === 'close') {
      spool.close();
      post({ t: 'closed', spoolBytes: spool.size });
      port.close();
      return;
    }
    const shard = current;
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

function newBatch() {
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
