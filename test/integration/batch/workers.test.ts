/**
 * Worker-thread collection: the same shard collected in-process and by two worker threads is the
 * same file (apart from measured durations), holds exactly the simulator's ground truth, keeps every
 * account-region's status, and workers stop at the main thread's deadline.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index.js';
import type { RunningSimulator } from '../../../simulator/types.js';
import { LocalStore } from '../../../src/store/LocalStore.js';
import { batchEvent, collect, compareWithTruth, memberAccounts, parseShard, statusOf } from './helpers.js';

/** The shard text with the measured per-region durations zeroed (they differ on every run). */
const withoutDurations = (text: string): string => text.replace(/"duration_ms":\d+/g, '"duration_ms":0');

describe('batch mode with worker threads', () => {
  let sim: RunningSimulator;
  let root: string;
  let store: LocalStore;
  let accounts: { account_id: string; account_name: string }[];
  beforeAll(async () => {
    sim = await startSimulator({ accounts: 9, seed: 5, s3: false });
    accounts = memberAccounts(sim);
    sim.denyRole(accounts[0]!.account_id);
    sim.setConfigEnabled(accounts[1]!.account_id, 'eu-west-1', false);
    root = await mkdtemp(join(tmpdir(), 'batch-workers-'));
    store = new LocalStore(root);
  });
  afterAll(async () => {
    await sim.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('writes the same shard with 0 and 2 workers, exactly the ground truth', async () => {
    const clock = () => new Date('2026-01-01T00:00:00.000Z');
    const texts: string[] = [];
    for (const workers of [0, 2]) {
      const result = await collect(sim, store, batchEvent(sim, { accounts, shard_id: `w${workers}` }), {
        clock,
        settings: { workers },
      });
      expect(result.workers).toBe(workers);
      expect(result.accountRegions).toBe(accounts.length * sim.regions.length);
      texts.push(withoutDurations(await store.getText(result.key)));
    }
    const [inProcess, threaded] = texts.map((t) => t.replace(/"shard_id":"w\d"/, '"shard_id":"x"'));
    expect(threaded).toBe(inProcess);

    const shard = parseShard(texts[1]!);
    const truth = sim.groundTruth({
      accountIds: accounts.slice(1).map((a) => a.account_id),
      regions: sim.regions,
    });
    const { collected, expected } = compareWithTruth(
      shard,
      truth.filter((e) => !(e.accountId === accounts[1]!.account_id && e.region === 'eu-west-1')),
    );
    expect(collected).toEqual(expected);
    expect(statusOf(shard, accounts[0]!.account_id, 'us-east-1')).toBe('ASSUME_ROLE_DENIED');
    expect(statusOf(shard, accounts[1]!.account_id, 'eu-west-1')).toBe('CONFIG_NOT_ENABLED');
    expect(shard.accounts).toHaveLength(accounts.length);
  });

  it('stops the workers at the deadline and still reports every account-region', async () => {
    const result = await collect(sim, store, batchEvent(sim, { accounts, shard_id: 'late' }), {
      remainingMs: () => 1_000,
      settings: { workers: 2, deadlineMarginMs: 30_000 },
    });
    expect(result.workers).toBe(2);
    expect(result.deadlineReached).toBe(true);
    const shard = parseShard(await store.getText(result.key));
    const statuses = shard.accounts.flatMap((a) => a.regions.map((r) => r.status));
    expect(statuses).toHaveLength(accounts.length * sim.regions.length);
    expect(new Set(statuses)).toEqual(new Set(['TIMED_OUT']));
  });
});
