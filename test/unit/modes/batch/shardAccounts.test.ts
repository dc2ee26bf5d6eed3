import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BatchEvent, InvalidEventError } from '../../../../src/core/event.js';
import type { PlanManifest } from '../../../../src/core/model.js';
import { assertPlanKeyInPrefix, resolveShardScope } from '../../../../src/modes/batch/shardAccounts.js';
import { LocalStore } from '../../../../src/store/LocalStore.js';

const base: BatchEvent = { mode: 'batch', group_id: 'g1', shard_id: '002', role_name: 'r' };
const manifest: PlanManifest = {
  schema_version: 1,
  group_id: 'g1',
  created_at: '2026-01-01T00:00:00Z',
  role_name: 'r',
  regions: ['eu-west-1'],
  shard_size: 2,
  source: 'organizations',
  shards: [
    { shard_id: '001', accounts: [{ account_id: '111111111111', account_name: 'a' }] },
    {
      shard_id: '002',
      accounts: [
        { account_id: '222222222222', account_name: 'prod-b', environment: 'Prod', tags: { env: 'prod' } },
        { account_id: '333333333333', account_name: 'c' },
        {
          account_id: '444444444444',
          account_name: 'dev-d',
          environment: 'Non-Prod',
          environment_source: 'name-rule',
        },
      ],
    },
  ],
  skipped_accounts: [],
};

describe('which accounts a shard collects', () => {
  let root: string;
  let store: LocalStore;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'shard-accounts-'));
    store = new LocalStore(root);
    await store.put('plans/g1/manifest.json', JSON.stringify(manifest));
    await store.put('plans/g2/manifest.json', JSON.stringify({ ...manifest, group_id: 'other' }));
    await store.put('plans/bad/manifest.json', '{"shards": 3}');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('takes the inline accounts, labelled by the event, without duplicates', async () => {
    const scope = await resolveShardScope(
      {
        ...base,
        accounts: [
          { account_id: '111111111111', account_name: 'a', environment: 'Non-Prod' },
          { account_id: '111111111111', account_name: 'a' },
        ],
      },
      store,
    );
    expect(scope.accounts).toEqual([
      {
        account_id: '111111111111',
        account_name: 'a',
        environment: 'Non-Prod',
        environment_source: 'event',
        tags: {},
      },
    ]);
    expect(scope.planRegions).toBeUndefined();
  });

  it('reads the matching shard and its regions from the plan manifest', async () => {
    const scope = await resolveShardScope({ ...base, plan_key: 'plans/g1/manifest.json' }, store);
    expect(scope.accounts.map((a) => a.account_id)).toEqual(['222222222222', '333333333333', '444444444444']);
    expect(scope.accounts[0]).toMatchObject({
      environment: 'Prod',
      environment_source: 'plan',
      tags: { env: 'prod' },
    });
    expect(scope.accounts[1]).toMatchObject({ environment_source: 'none' });
    // A label the plan derived keeps saying so: final mode derives it again instead of trusting it.
    expect(scope.accounts[2]).toMatchObject({ environment: 'Non-Prod', environment_source: 'name-rule' });
    expect(scope.planRegions).toEqual(['eu-west-1']);
  });

  it.each([
    [
      'a shard missing from the plan',
      { shard_id: '999', plan_key: 'plans/g1/manifest.json' },
      'ShardNotInPlanError',
    ],
    ['a missing manifest', { plan_key: 'plans/none/manifest.json' }, 'InvalidPlanError'],
    ['a manifest of another group', { plan_key: 'plans/g2/manifest.json' }, 'InvalidPlanError'],
    ['a malformed manifest', { plan_key: 'plans/bad/manifest.json' }, 'InvalidPlanError'],
  ])('fails the shard for %s', async (_name, override, errorName) => {
    await expect(resolveShardScope({ ...base, ...override }, store)).rejects.toMatchObject({
      name: errorName,
    });
  });

  it.each(['other/plans/g1/manifest.json', 'p/../plans/g1/manifest.json', 'p//x'])(
    'refuses a plan_key outside REPORT_PREFIX (%s)',
    (key) => {
      expect(() => assertPlanKeyInPrefix(key, 'p/')).toThrow(InvalidEventError);
    },
  );
});
