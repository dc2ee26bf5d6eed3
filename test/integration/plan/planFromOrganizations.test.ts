/**
 * Plan mode against the simulator's Organizations, through the real SDK client: every page
 * (including the simulator's deliberate empty pages), suspended accounts listed as skipped,
 * account tags and environment labels carried into the manifest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_CREDENTIALS, type RunningSimulator, startSimulator } from '../../../simulator/index.js';
import type { AwsClientSettings } from '../../../src/aws/clientConfig.js';
import { createOrganizationsPort } from '../../../src/aws/organizations.js';
import { type PlanEvent, parseEvent } from '../../../src/core/event.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { PlanManifest } from '../../../src/core/model.js';
import { runPlan } from '../../../src/modes/plan.js';
import { MemoryStore } from '../../helpers/memoryStore.js';
import { testSettings } from '../../helpers/settings.js';

let sim: RunningSimulator;
let aws: AwsClientSettings;

beforeAll(async () => {
  // 47 accounts: three non-empty pages of at most 20, plus the simulator's empty pages in between.
  sim = await startSimulator({ accounts: 47, seed: 11, s3: false, rulesPerRegion: 1, resourcesPerRegion: 1 });
  aws = {
    region: sim.region,
    endpoints: { sts: sim.endpoint, organizations: sim.endpoint },
    credentials: HUB_CREDENTIALS,
    maxAttempts: 5,
  };
});

afterAll(async () => {
  await sim?.stop();
});

const planEvent = (extra: Record<string, unknown> = {}) =>
  parseEvent({ mode: 'plan', group_id: '2024-06-01', ...extra }) as PlanEvent;

describe('plan from Organizations (simulator)', () => {
  it('lists every page, skips non-ACTIVE accounts by name, carries tags and labels', async () => {
    const store = new MemoryStore();
    sim.resetCounters();
    const result = await runPlan(planEvent({ shard_size: 10 }), {
      logger: silentLogger,
      clock: () => new Date(),
      store,
      prefix: 'org/',
      settings: testSettings({}, sim.region).plan,
      organizations: (options) => createOrganizationsPort(aws, options),
    });

    const truth = sim.accounts();
    const active = truth.filter((a) => a.state === 'ACTIVE');
    const inactive = truth.filter((a) => a.state !== 'ACTIVE');
    expect(inactive.length).toBeGreaterThan(0);

    const manifest = JSON.parse(await store.getText('org/plans/2024-06-01/manifest.json')) as PlanManifest;
    const planned = manifest.shards.flatMap((s) => s.accounts);
    expect(planned.map((a) => a.account_id)).toEqual(active.map((a) => a.accountId).sort());
    expect(manifest.skipped_accounts).toEqual(
      inactive
        .map((a) => ({ account_id: a.accountId, account_name: a.name, state: a.state }))
        .sort((x, y) => x.account_id.localeCompare(y.account_id)),
    );
    for (const account of active) {
      const entry = planned.find((p) => p.account_id === account.accountId)!;
      expect(entry.account_name).toBe(account.name);
      expect(entry.tags).toEqual(account.tags);
      const env = account.tags.environment;
      if (env === 'prod') expect(entry.environment).toBe('Prod');
      else if (env === 'dev' || env === 'staging' || env === 'sandbox')
        expect(entry.environment).toBe('Non-Prod');
    }
    expect(planned.some((p) => p.environment === 'Prod')).toBe(true);
    expect(planned.some((p) => p.environment === 'Non-Prod')).toBe(true);

    expect(result.shardIds).toEqual(manifest.shards.map((s) => s.shard_id));
    expect(result.shardIds[0]).toBe('0001');
    expect(manifest.shards.every((s) => s.accounts.length <= 10)).toBe(true);
    expect(manifest.source).toBe('organizations');

    // Three pages of data at least, and the empty pages were followed rather than ending the list.
    const calls = sim.counters();
    expect(calls.ListAccounts?.calls).toBeGreaterThanOrEqual(3);
    expect(calls.ListTagsForResource?.calls).toBe(active.length);
  });

  it('carries each account’s OU path, asking ListParents once per account and OU, and each OU name once', async () => {
    const store = new MemoryStore();
    sim.resetCounters();
    await runPlan(planEvent(), {
      logger: silentLogger,
      clock: () => new Date(),
      store,
      prefix: '',
      settings: { ...testSettings({}, sim.region).plan, readTags: false, tagConcurrency: 8 },
      organizations: (options) => createOrganizationsPort(aws, options),
    });
    const manifest = JSON.parse(await store.getText('plans/2024-06-01/manifest.json')) as PlanManifest;
    const planned = manifest.shards.flatMap((s) => s.accounts);
    const active = sim.accounts().filter((a) => a.state === 'ACTIVE');
    expect(Object.fromEntries(planned.map((a) => [a.account_id, a.ou_path]))).toEqual(
      Object.fromEntries(active.map((a) => [a.accountId, a.ouPath])),
    );
    expect(new Set(planned.map((a) => a.ou_path)).size).toBeGreaterThan(3);
    expect(manifest.warnings).toBeUndefined();
    // The OUs above the active accounts: every prefix of their paths below the root.
    const ous = new Set<string>();
    for (const a of active) {
      const names = a.ouPath.split('/').slice(1);
      for (let i = 1; i <= names.length; i++) ous.add(names.slice(0, i).join('/'));
    }
    expect(ous.size).toBeGreaterThan(3);
    const calls = sim.counters();
    expect(calls.ListParents?.calls).toBe(active.length + ous.size);
    expect(calls.DescribeOrganizationalUnit?.calls).toBe(ous.size);
  });

  it('plans without OU paths, and says so, when the tree cannot be read', async () => {
    sim.setFault({ service: 'organizations', operation: 'ListParents' }, { errorRate: 1 });
    try {
      const store = new MemoryStore();
      const result = await runPlan(planEvent(), {
        logger: silentLogger,
        clock: () => new Date(),
        store,
        prefix: '',
        settings: { ...testSettings({}, sim.region).plan, readTags: false },
        organizations: (options) =>
          createOrganizationsPort(aws, { ...options, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2 } }),
      });
      const manifest = JSON.parse(await store.getText('plans/2024-06-01/manifest.json')) as PlanManifest;
      const planned = manifest.shards.flatMap((s) => s.accounts);
      expect(result.accountsCount).toBe(sim.accounts().filter((a) => a.state === 'ACTIVE').length);
      expect(result.ouFailures).toBe(result.accountsCount);
      expect(planned.every((a) => a.ou_path === '')).toBe(true);
      expect(manifest.warnings).toEqual([
        expect.stringMatching(/^OU paths could not be read for \d+ of \d+ account/),
      ]);
    } finally {
      sim.clearFaults();
    }
  });

  it('survives Organizations throttling without losing an account', async () => {
    sim.setFault({ service: 'organizations' }, { rateLimit: { rps: 20, burst: 2 } });
    try {
      const store = new MemoryStore();
      const result = await runPlan(planEvent(), {
        logger: silentLogger,
        clock: () => new Date(),
        store,
        prefix: '',
        // Tags only: the OU reads go through the same retry (and would triple the run time here).
        settings: { ...testSettings({}, sim.region).plan, tagConcurrency: 8, readOus: false },
        organizations: (options) =>
          createOrganizationsPort(aws, {
            ...options,
            retry: { retries: 10, baseDelayMs: 20, maxDelayMs: 200 },
          }),
      });
      expect(result.accountsCount).toBe(sim.accounts().filter((a) => a.state === 'ACTIVE').length);
      expect(result.tagFailures).toBe(0);
      expect(sim.counters().ListTagsForResource?.throttled).toBeGreaterThan(0);
    } finally {
      sim.clearFaults();
    }
  });

  it('reads Organizations through a role in the management account', async () => {
    const roleArn = `arn:aws:iam::${sim.hubAccountId}:role/${sim.roleName}`;
    const result = await runPlan(planEvent({ organizations_role_arn: roleArn }), {
      logger: silentLogger,
      clock: () => new Date(),
      store: new MemoryStore(),
      prefix: '',
      settings: { ...testSettings({}, sim.region).plan, readTags: false },
      organizations: (options) => createOrganizationsPort(aws, options),
    });
    expect(result.accountsCount).toBeGreaterThan(0);
  });

  it('fails clearly through a role in an account that is not the management account', async () => {
    const member = sim.accounts().find((a) => a.state === 'ACTIVE' && a.accountId !== sim.hubAccountId)!;
    const roleArn = `arn:aws:iam::${member.accountId}:role/${sim.roleName}`;
    await expect(
      runPlan(planEvent({ organizations_role_arn: roleArn }), {
        logger: silentLogger,
        clock: () => new Date(),
        store: new MemoryStore(),
        prefix: '',
        settings: testSettings({}, sim.region).plan,
        organizations: (options) => createOrganizationsPort(aws, options),
      }),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });
});
