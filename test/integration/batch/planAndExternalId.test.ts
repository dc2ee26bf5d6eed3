/**
 * Batch mode reading its accounts from a plan manifest (`plan_key`), and assuming roles that
 * require an ExternalId.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index.js';
import type { RunningSimulator } from '../../../simulator/types.js';
import type { PlanManifest } from '../../../src/core/model.js';
import { LocalStore } from '../../../src/store/LocalStore.js';
import { batchEvent, collect, compareWithTruth, memberAccounts, parseShard } from './helpers.js';

describe('plan manifest and ExternalId', () => {
  let sim: RunningSimulator;
  let root: string;
  let store: LocalStore;
  beforeAll(async () => {
    sim = await startSimulator({ accounts: 5, seed: 8, s3: false, externalId: 'org-compliance-2026' });
    root = await mkdtemp(join(tmpdir(), 'batch-plan-'));
    store = new LocalStore(root);
  });
  afterAll(async () => {
    await sim.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('collects exactly the plan shard named by shard_id, in the plan regions, with the ExternalId', async () => {
    const [a, b, c] = memberAccounts(sim);
    const manifest: PlanManifest = {
      schema_version: 1,
      group_id: '2026-01-01',
      created_at: '2026-01-01T00:00:00Z',
      role_name: sim.roleName,
      regions: ['eu-west-1'],
      shard_size: 2,
      source: 'organizations',
      shards: [
        { shard_id: '001', accounts: [a!] },
        { shard_id: '002', accounts: [{ ...b!, environment: 'Prod', ou_path: 'Root/Workloads/Prod' }, c!] },
      ],
      skipped_accounts: [],
    };
    await store.put('plans/2026-01-01/manifest.json', JSON.stringify(manifest));
    const event = batchEvent(sim, {
      shard_id: '002',
      plan_key: 'plans/2026-01-01/manifest.json',
      external_id: 'org-compliance-2026',
      regions: undefined,
    });
    const result = await collect(sim, store, event);
    const shard = parseShard(await store.getText(result.key));
    expect(shard.accounts.map((x) => x.account_id)).toEqual([b!.account_id, c!.account_id].sort());
    expect(shard.accounts.flatMap((x) => x.regions.map((r) => `${r.region}:${r.status}`))).toEqual([
      'eu-west-1:OK',
      'eu-west-1:OK',
    ]);
    expect(shard.accounts.find((x) => x.account_id === b!.account_id)).toMatchObject({
      environment: 'Prod',
      environment_source: 'plan',
      ou_path: 'Root/Workloads/Prod',
    });
    // No OU path in the plan, none in the shard.
    expect(shard.accounts.find((x) => x.account_id === c!.account_id)).not.toHaveProperty('ou_path');
    const truth = sim.groundTruth({ accountIds: [b!.account_id, c!.account_id], regions: ['eu-west-1'] });
    const { collected, expected } = compareWithTruth(shard, truth);
    expect(collected).toEqual(expected);
  });

  it('reports ASSUME_ROLE_DENIED when the ExternalId is missing', async () => {
    const accounts = memberAccounts(sim).slice(0, 1);
    const result = await collect(sim, store, batchEvent(sim, { accounts, shard_id: 'no-ext' }));
    expect(result.statusCounts.ASSUME_ROLE_DENIED).toBe(sim.regions.length);
    // One AssumeRole for the account, not one per region: a denial is remembered.
    expect(result.assumeRoleCalls).toBe(1);
  });
});
