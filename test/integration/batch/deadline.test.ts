/**
 * The deadline path: when the invocation is about to time out, batch mode stops starting work,
 * abandons in-flight calls and still writes the shard, with the unfinished account-regions marked
 * TIMED_OUT and everything read so far kept.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index.js';
import type { RunningSimulator } from '../../../simulator/types.js';
import { LocalStore } from '../../../src/store/LocalStore.js';
import { batchEvent, collect, memberAccounts, parseShard, recordLine, truthLine } from './helpers.js';

describe('batch mode near the Lambda deadline', () => {
  let sim: RunningSimulator;
  let root: string;
  let store: LocalStore;
  beforeAll(async () => {
    sim = await startSimulator({ accounts: 9, seed: 21, s3: false, faults: { latencyMs: 150 } });
    root = await mkdtemp(join(tmpdir(), 'batch-deadline-'));
    store = new LocalStore(root);
  });
  afterAll(async () => {
    await sim.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('writes the shard in time with unfinished account-regions marked TIMED_OUT', async () => {
    const accounts = memberAccounts(sim);
    // The simulated invocation runs out of time once three account-regions are done (driven by
    // progress, not by the wall clock, so a busy machine cannot change the outcome).
    let done = 0;
    const result = await collect(sim, store, batchEvent(sim, { accounts, shard_id: 'late' }), {
      remainingMs: () => (done >= 3 ? 1_000 : 900_000),
      onProgress: (e) => {
        if (e.kind === 'account-region-done') done += 1;
      },
      settings: { deadlineMarginMs: 30_000, concurrency: 4, ruleConcurrency: 2 },
    });
    expect(result.deadlineReached).toBe(true);

    const shard = parseShard(await store.getText('batches/2026-01-01/late.json'));
    const regions = shard.accounts.flatMap((a) => a.regions.map((r) => ({ account: a.account_id, ...r })));
    // Every expected account-region is present with a status: none silently missing.
    expect(regions).toHaveLength(accounts.length * sim.regions.length);
    const timedOut = regions.filter((r) => r.status === 'TIMED_OUT');
    expect(timedOut.length).toBeGreaterThan(0);
    for (const r of timedOut) expect(r).toMatchObject({ error_name: 'DeadlineReached' });
    expect(result.statusCounts.TIMED_OUT).toBe(timedOut.length);

    // What was read is real: every record kept is in the ground truth. Account-regions that finished
    // match it exactly, tags included; timed-out ones may lack tags (the tag query never ran).
    const truth = sim.groundTruth({ accountIds: accounts.map((a) => a.account_id) });
    const full = new Set(truth.map((e) => truthLine(e)));
    const withoutTags = new Set(truth.map((e) => truthLine({ ...e, resourceTags: {} })));
    const finished = new Set(regions.filter((r) => r.status === 'OK').map((r) => `${r.account}|${r.region}`));
    expect(finished.size).toBeGreaterThanOrEqual(3);
    for (const record of shard.records) {
      if (finished.has(`${record.account_id}|${record.region}`))
        expect(full.has(recordLine(record))).toBe(true);
      else expect(withoutTags.has(recordLine({ ...record, tags: {} }))).toBe(true);
    }
  });

  it('starts nothing when the invocation begins inside the margin, and still writes the shard', async () => {
    const accounts = memberAccounts(sim).slice(0, 2);
    sim.resetCounters();
    const result = await collect(sim, store, batchEvent(sim, { accounts, shard_id: 'too-late' }), {
      remainingMs: () => 1000,
      settings: { deadlineMarginMs: 30_000 },
    });
    expect(result.statusCounts.TIMED_OUT).toBe(accounts.length * sim.regions.length);
    expect(Object.values(sim.counters()).reduce((n, c) => n + c.calls, 0)).toBe(0);
    expect(await store.exists('batches/2026-01-01/too-late.json')).toBe(true);
  });
});
