import { describe, expect, it } from 'vitest';
import { type PlanEvent, parseEvent } from '../../../../src/core/event.js';
import { silentLogger } from '../../../../src/core/logger.js';
import type { PlanManifest } from '../../../../src/core/model.js';
import type {
  OrgAccount,
  OrganizationsPort,
  OrganizationsPortOptions,
} from '../../../../src/modes/plan/types.js';
import { PlanSourceError, runPlan } from '../../../../src/modes/plan.js';
import { MemoryStore } from '../../../helpers/memoryStore.js';
import { testSettings } from '../../../helpers/settings.js';

const id = (n: number) => String(n).padStart(12, '0');

/** A fake organization at the edge of the unit: accounts, tags, and tag reads that may fail. */
function fakeOrg(
  accounts: OrgAccount[],
  tags: Record<string, Record<string, string>>,
  failing: string[] = [],
) {
  const calls = { tags: [] as string[], options: [] as OrganizationsPortOptions[] };
  const factory = (options: OrganizationsPortOptions): OrganizationsPort => {
    calls.options.push(options);
    return {
      listAccounts: async () => accounts,
      listTags: async (accountId) => {
        calls.tags.push(accountId);
        if (failing.includes(accountId))
          throw Object.assign(new Error('denied'), { name: 'AccessDeniedException' });
        return tags[accountId] ?? {};
      },
    };
  };
  return { factory, calls };
}

const planEvent = (extra: Record<string, unknown> = {}) =>
  parseEvent({ mode: 'plan', group_id: '2024-05-01', ...extra }) as PlanEvent;

const settings = testSettings(
  { PLAN_SHARD_SIZE: '2', CONFIGREPORT_REGIONS: 'us-east-1,eu-west-1' },
  'us-east-1',
).plan;
const fixedNow = () => new Date('2024-05-01T06:00:00Z');
/** What every run gets besides store and settings. */
const base = { logger: silentLogger, clock: fixedNow };

async function manifestOf(store: MemoryStore, key: string): Promise<PlanManifest> {
  return JSON.parse(await store.getText(key)) as PlanManifest;
}

describe('runPlan from Organizations', () => {
  const accounts: OrgAccount[] = [
    { id: id(5), name: 'prod-app-01', state: 'ACTIVE' },
    { id: id(3), name: 'dev-web-01', state: 'ACTIVE' },
    { id: id(9), name: 'old-one', state: 'SUSPENDED' },
    { id: id(1), name: 'shared-network', state: 'ACTIVE' },
    { id: id(7), name: 'closing', state: 'PENDING_CLOSURE' },
    { id: id(4), name: 'gone', state: 'CLOSED' },
    { id: id(2), name: 'sandbox-01', state: 'ACTIVE' },
  ];
  const tags = {
    [id(5)]: { Environment: 'prod', CostCenter: 'cc-1' },
    [id(3)]: { environment: 'dev' },
    [id(1)]: { Owner: 'network' },
  };

  it('plans ACTIVE accounts sorted into balanced shards and lists the rest as skipped', async () => {
    const store = new MemoryStore();
    const org = fakeOrg(accounts, tags);
    const result = await runPlan(planEvent({ role_name: 'reader' }), {
      ...base,
      store,
      prefix: 'team/',
      settings,
      organizations: org.factory,
    });

    expect(result).toEqual({
      groupId: '2024-05-01',
      planKey: 'team/plans/2024-05-01/manifest.json',
      shardIds: ['0001', '0002'],
      roleName: 'reader',
      regions: ['us-east-1', 'eu-west-1'],
      accountsCount: 4,
      skippedCount: 3,
      tagFailures: 0,
      ouFailures: 0,
      source: 'organizations',
    });
    const manifest = await manifestOf(store, result.planKey);
    expect(manifest.shards).toEqual([
      {
        shard_id: '0001',
        accounts: [
          { account_id: id(1), account_name: 'shared-network', tags: { Owner: 'network' } },
          {
            account_id: id(2),
            account_name: 'sandbox-01',
            tags: {},
            environment: 'Non-Prod',
            environment_source: 'name-rule',
          },
        ],
      },
      {
        shard_id: '0002',
        accounts: [
          {
            account_id: id(3),
            account_name: 'dev-web-01',
            tags: { environment: 'dev' },
            environment: 'Non-Prod',
            environment_source: 'account-tag',
          },
          {
            account_id: id(5),
            account_name: 'prod-app-01',
            tags: { Environment: 'prod', CostCenter: 'cc-1' },
            environment: 'Prod',
            environment_source: 'account-tag',
          },
        ],
      },
    ]);
    expect(manifest.skipped_accounts).toEqual([
      { account_id: id(4), account_name: 'gone', state: 'CLOSED' },
      { account_id: id(7), account_name: 'closing', state: 'PENDING_CLOSURE' },
      { account_id: id(9), account_name: 'old-one', state: 'SUSPENDED' },
    ]);
    expect(manifest).toMatchObject({
      schema_version: 1,
      group_id: '2024-05-01',
      created_at: '2024-05-01T06:00:00.000Z',
      role_name: 'reader',
      shard_size: 2,
      source: 'organizations',
    });
    // Tags are read only for accounts that will be collected.
    expect(org.calls.tags.sort()).toEqual([id(1), id(2), id(3), id(5)]);
  });

  it('plans an account whose tags cannot be read, without tags (labelled by its name), and counts it', async () => {
    const store = new MemoryStore();
    const org = fakeOrg(accounts, tags, [id(5)]);
    const result = await runPlan(planEvent(), {
      ...base,
      store,
      prefix: '',
      settings,
      organizations: org.factory,
    });
    expect(result.tagFailures).toBe(1);
    const planned = (await manifestOf(store, result.planKey)).shards.flatMap((s) => s.accounts);
    expect(planned.find((a) => a.account_id === id(5))).toEqual({
      account_id: id(5),
      account_name: 'prod-app-01',
      environment: 'Prod',
      environment_source: 'name-rule',
    });
  });

  it('skips excluded accounts as EXCLUDED and assumes the configured or event role', async () => {
    const store = new MemoryStore();
    const org = fakeOrg(accounts, tags);
    const excluding = {
      ...settings,
      excludeAccounts: [id(1)],
      organizationsRoleArn: 'arn:aws:iam::111111111111:role/settings',
      organizationsExternalId: 'ext',
    };
    const result = await runPlan(
      planEvent({ organizations_role_arn: 'arn:aws:iam::222222222222:role/event' }),
      { ...base, store, prefix: '', settings: excluding, organizations: org.factory },
    );
    expect(org.calls.options).toEqual([
      { roleArn: 'arn:aws:iam::222222222222:role/event', externalId: 'ext' },
    ]);
    const manifest = await manifestOf(store, result.planKey);
    expect(manifest.skipped_accounts).toContainEqual({
      account_id: id(1),
      account_name: 'shared-network',
      state: 'EXCLUDED',
    });
    expect(result.accountsCount).toBe(3);
  });

  it('does not read tags when tag reading is off', async () => {
    const org = fakeOrg(accounts, tags);
    await runPlan(planEvent(), {
      ...base,
      store: new MemoryStore(),
      prefix: '',
      settings: { ...settings, readTags: false },
      organizations: org.factory,
    });
    expect(org.calls.tags).toEqual([]);
  });

  it('writes an empty plan for an organization with no active account', async () => {
    const store = new MemoryStore();
    const org = fakeOrg([{ id: id(9), name: 'old', state: 'SUSPENDED' }], {});
    const result = await runPlan(planEvent(), {
      ...base,
      store,
      prefix: '',
      settings,
      organizations: org.factory,
    });
    expect(result.shardIds).toEqual([]);
    expect((await manifestOf(store, result.planKey)).skipped_accounts).toHaveLength(1);
  });
});

describe('runPlan from a list', () => {
  it('uses event accounts: event fields win, duplicates merged, explicit environment kept', async () => {
    const store = new MemoryStore();
    const event = planEvent({
      shard_size: 5,
      regions: ['ap-southeast-2'],
      accounts: [
        { account_id: id(2), account_name: 'b', tags: { Environment: 'prod' }, environment: 'Non-Prod' },
        { account_id: id(1), account_name: 'a', tags: { Environment: 'prod' } },
        { account_id: id(2), account_name: 'b-duplicate' },
      ],
    });
    const result = await runPlan(event, { ...base, store, prefix: '', settings });
    expect(result).toMatchObject({ shardIds: ['0001'], regions: ['ap-southeast-2'], source: 'event' });
    expect(result.roleName).toBe('configreport-read-role');
    const manifest = await manifestOf(store, result.planKey);
    expect(manifest.shard_size).toBe(5);
    expect(manifest.shards[0]?.accounts).toEqual([
      {
        account_id: id(1),
        account_name: 'a',
        tags: { Environment: 'prod' },
        environment: 'Prod',
        environment_source: 'account-tag',
      },
      { account_id: id(2), account_name: 'b', tags: { Environment: 'prod' }, environment: 'Non-Prod' },
    ]);
  });

  it('prefers supplied accounts (accounts file) over the event and records the source', async () => {
    const store = new MemoryStore();
    const result = await runPlan(planEvent({ accounts: [{ account_id: id(1), account_name: 'event' }] }), {
      ...base,
      store,
      prefix: '',
      settings,
      supplied: { source: 'accounts-file', accounts: [{ account_id: id(3), account_name: 'file' }] },
    });
    const manifest = await manifestOf(store, result.planKey);
    expect(manifest.source).toBe('accounts-file');
    expect(manifest.shards.flatMap((s) => s.accounts.map((a) => a.account_name))).toEqual(['file']);
  });

  it('fails clearly when there is no source of accounts', async () => {
    await expect(
      runPlan(planEvent(), { ...base, store: new MemoryStore(), prefix: '', settings }),
    ).rejects.toThrow(PlanSourceError);
  });

  it('is deterministic: a rerun writes the same manifest to the same key', async () => {
    const store = new MemoryStore();
    const accounts = Array.from({ length: 30 }, (_, i) => ({
      account_id: id(100 - i),
      account_name: `n${i}`,
    }));
    const deps = { ...base, store, prefix: '', settings };
    const first = await runPlan(planEvent({ accounts }), deps);
    const firstText = await store.getText(first.planKey);
    const second = await runPlan(planEvent({ accounts: [...accounts].reverse() }), deps);
    expect(second).toEqual(first);
    expect(await store.getText(second.planKey)).toBe(firstText);
    expect(store.objects.size).toBe(1);
  });

  it('returns a result far below the Step Functions payload limit for 5,000 accounts', async () => {
    const accounts = Array.from({ length: 5000 }, (_, i) => ({
      account_id: id(i + 1),
      account_name: `account-with-a-long-name-${i}`,
      tags: { Environment: 'prod', Owner: 'team' },
    }));
    const result = await runPlan(planEvent({ accounts }), {
      ...base,
      store: new MemoryStore(),
      prefix: '',
      settings: { ...settings, shardSize: 5 },
    });
    expect(result.shardIds).toHaveLength(1000);
    expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThan(16 * 1024);
  });
});
