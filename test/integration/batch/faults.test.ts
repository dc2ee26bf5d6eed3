/**
 * Throttling and 5xx answers slow a shard down but never lose data; when retries are exhausted the
 * rule is named as failed (PARTIAL), never silently missing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index.js';
import type { RunningSimulator } from '../../../simulator/types.js';
import type { BatchProgressEvent } from '../../../src/modes/batch.js';
import { LocalStore } from '../../../src/store/LocalStore.js';
import {
  batchEvent,
  collect,
  compareWithTruth,
  memberAccounts,
  parseShard,
  recordLine,
  truthLine,
} from './helpers.js';

describe('batch mode under faults', () => {
  let sim: RunningSimulator;
  let root: string;
  let store: LocalStore;
  let accounts: { account_id: string; account_name: string }[];
  beforeAll(async () => {
    sim = await startSimulator({
      accounts: 4,
      seed: 5,
      regions: ['us-east-1'],
      rulesPerRegion: 24,
      resourcesPerRegion: 30,
      s3: false,
    });
    accounts = memberAccounts(sim);
    root = await mkdtemp(join(tmpdir(), 'batch-faults-'));
    store = new LocalStore(root);
  });
  afterEach(() => {
    sim.clearFaults();
    sim.resetCounters();
  });
  afterAll(async () => {
    await sim.stop();
    await rm(root, { recursive: true, force: true });
  });

  const truth = () =>
    sim.groundTruth({ accountIds: accounts.map((a) => a.account_id), regions: ['us-east-1'] });

  it('loses no record when Config throttles far below our configured rate', async () => {
    sim.setFault({ service: 'config' }, { rateLimit: { rps: 12, burst: 2 } });
    const throttled: BatchProgressEvent[] = [];
    const result = await collect(sim, store, batchEvent(sim, { accounts, shard_id: 'throttle' }), {
      settings: { ratePerSecond: 60, burst: 20 },
      onProgress: (e) => e.kind === 'throttled' && throttled.push(e),
    });
    const shard = parseShard(await store.getText(result.key));
    const { collected, expected } = compareWithTruth(shard, truth());
    expect(collected).toEqual(expected);
    expect(result.statusCounts.OK).toBe(accounts.length);
    // Throttling really happened, was counted per account-region, and reported as progress.
    const counters = sim.counters();
    const serverThrottles = Object.values(counters).reduce((n, c) => n + c.throttled, 0);
    expect(serverThrottles).toBeGreaterThan(0);
    expect(result.throttles).toBe(serverThrottles);
    expect(shard.accounts.reduce((n, a) => n + (a.regions[0]?.throttles ?? 0), 0)).toBe(serverThrottles);
    expect(throttled).toHaveLength(serverThrottles);
  });

  it('paces itself under the limit when configured to it, so Config is not hammered', async () => {
    // Same sustained rate as the server; the server's larger burst absorbs arrival jitter from a busy
    // event loop (client and simulator share this process), so any throttle here means we overran.
    sim.setFault({ service: 'config' }, { rateLimit: { rps: 20, burst: 10 } });
    const result = await collect(sim, store, batchEvent(sim, { accounts, shard_id: 'polite' }), {
      settings: { ratePerSecond: 20, burst: 2 },
    });
    const shard = parseShard(await store.getText(result.key));
    expect(compareWithTruth(shard, truth()).collected).toHaveLength(truth().length);
    expect(result.throttles).toBe(0);
  });

  it('retries 5xx answers until every record is read', async () => {
    sim.setFault({ service: 'config' }, { errorRate: 0.25 });
    const result = await collect(sim, store, batchEvent(sim, { accounts, shard_id: 'errors' }));
    const shard = parseShard(await store.getText(result.key));
    const { collected, expected } = compareWithTruth(shard, truth());
    expect(collected).toEqual(expected);
    expect(result.statusCounts.OK).toBe(accounts.length);
    const errors = Object.values(sim.counters()).reduce((n, c) => n + c.errors, 0);
    expect(errors).toBeGreaterThan(10);
  });

  it('names the rules it could not read once retries are exhausted, and keeps the rest', async () => {
    // Evaluations of one account are throttled hard; the SDK and our page rounds give up quickly.
    const victim = accounts[0]!.account_id;
    sim.setFault(
      { accountId: victim, service: 'config', operation: 'GetComplianceDetailsByConfigRule' },
      { rateLimit: { rps: 0.5, burst: 1 } },
    );
    const result = await collect(sim, store, batchEvent(sim, { accounts, shard_id: 'exhausted' }), {
      settings: { maxAttempts: 1, pageRetries: 0, ruleConcurrency: 8 },
    });
    const shard = parseShard(await store.getText(result.key));
    const region = shard.accounts.find((a) => a.account_id === victim)!.regions[0]!;
    expect(region.status).toBe('PARTIAL');
    const failed = new Set(region.failed_rules!.map((f) => f.rule_name));
    expect(failed.size).toBeGreaterThan(0);
    for (const f of region.failed_rules!) expect(f.error_name).toBe('ThrottlingException');
    // Every evaluation is either in the shard or belongs to a rule named as failed.
    const collected = new Set(shard.records.map(recordLine));
    for (const e of truth()) {
      if (!collected.has(truthLine(e))) expect(e.accountId === victim && failed.has(e.ruleName)).toBe(true);
    }
    expect(result.statusCounts.OK).toBe(accounts.length - 1);
  });
});
