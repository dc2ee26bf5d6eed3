/**
 * OU paths in plan mode: each parent is asked once however many accounts share it (also with reads
 * in flight in parallel), the path format, and a tree that cannot be read never failing the plan.
 */
import { describe, expect, it } from 'vitest';
import { type PlanEvent, parseEvent } from '../../../../src/core/event.js';
import { silentLogger } from '../../../../src/core/logger.js';
import type { PlanManifest } from '../../../../src/core/model.js';
import { OuPathCache, readOuPaths } from '../../../../src/modes/plan/ouPaths.js';
import type { OrganizationsPort, OrgParent } from '../../../../src/modes/plan/types.js';
import { runPlan } from '../../../../src/modes/plan.js';
import { MemoryStore } from '../../../helpers/memoryStore.js';
import { testSettings } from '../../../helpers/settings.js';

const id = (n: number) => String(n).padStart(12, '0');
const ROOT = 'r-ab12';
const ou = (name: string) =>
  `ou-ab12-${name
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .padEnd(8, '0')}`;

/**
 * Root ─┬─ Security ─── 1
 *       ├─ Workloads ─┬─ Prod ───── 2, 3, 4
 *       │             └─ Non-Prod ─ 5, 6
 *       └─ 7 (directly under the root)
 */
const TREE: Record<string, { parent: string; name?: string }> = {
  [ou('Security')]: { parent: ROOT, name: 'Security' },
  [ou('Workloads')]: { parent: ROOT, name: 'Workloads' },
  [ou('Prod')]: { parent: ou('Workloads'), name: 'Prod' },
  [ou('NonProd')]: { parent: ou('Workloads'), name: 'Non-Prod' },
  [id(1)]: { parent: ou('Security') },
  [id(2)]: { parent: ou('Prod') },
  [id(3)]: { parent: ou('Prod') },
  [id(4)]: { parent: ou('Prod') },
  [id(5)]: { parent: ou('NonProd') },
  [id(6)]: { parent: ou('NonProd') },
  [id(7)]: { parent: ROOT },
};

/** A fake tree that counts every call and answers after a tick, so reads overlap. */
function fakeTree(failing: Record<string, string> = {}) {
  const calls = { listParents: [] as string[], describe: [] as string[] };
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
  const port = {
    async listParents(childId: string): Promise<OrgParent[]> {
      calls.listParents.push(childId);
      await tick();
      if (failing[childId]) throw Object.assign(new Error('no'), { name: failing[childId] });
      const parent = TREE[childId]!.parent;
      return [{ id: parent, type: parent === ROOT ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }];
    },
    async describeOrganizationalUnit(ouId: string) {
      calls.describe.push(ouId);
      await tick();
      return { id: ouId, name: TREE[ouId]!.name! };
    },
  };
  return { port, calls };
}

const accountIds = [1, 2, 3, 4, 5, 6, 7].map(id);

describe('OU paths', () => {
  it('builds Root/…/OU paths, asking ListParents once per child and each OU name once', async () => {
    const { port, calls } = fakeTree();
    const read = await readOuPaths(port, accountIds, 8, silentLogger);
    expect(Object.fromEntries(read.paths)).toEqual({
      [id(1)]: 'Root/Security',
      [id(2)]: 'Root/Workloads/Prod',
      [id(3)]: 'Root/Workloads/Prod',
      [id(4)]: 'Root/Workloads/Prod',
      [id(5)]: 'Root/Workloads/Non-Prod',
      [id(6)]: 'Root/Workloads/Non-Prod',
      [id(7)]: 'Root',
    });
    expect(read.failed).toEqual([]);
    // 7 accounts + 4 OUs: N + K ListParents and K DescribeOrganizationalUnit, never a repeat.
    const ous = [ou('Security'), ou('Workloads'), ou('Prod'), ou('NonProd')];
    expect([...calls.listParents].sort()).toEqual([...accountIds, ...ous].sort());
    expect([...calls.describe].sort()).toEqual([...ous].sort());
  });

  it('answers a repeated account from the cache', async () => {
    const { port, calls } = fakeTree();
    const cache = new OuPathCache(port);
    expect(await cache.accountPath(id(2))).toBe('Root/Workloads/Prod');
    expect(await cache.accountPath(id(2))).toBe('Root/Workloads/Prod');
    expect(calls.listParents.filter((c) => c === id(2))).toHaveLength(1);
  });

  it('an unreadable OU empties the paths below it only, asked once', async () => {
    const { port, calls } = fakeTree({ [ou('Prod')]: 'ServiceException' });
    const read = await readOuPaths(port, accountIds, 8, silentLogger);
    expect(read.failed).toEqual([id(2), id(3), id(4)]);
    expect(read.paths.get(id(2))).toBe('');
    expect(read.paths.get(id(5))).toBe('Root/Workloads/Non-Prod');
    expect(read.firstError).toBe('ServiceException: no');
    expect(calls.listParents.filter((c) => c === ou('Prod'))).toHaveLength(1);
  });

  it('stops asking after an access error: every account gets an empty path', async () => {
    const failing = Object.fromEntries(accountIds.map((a) => [a, 'AccessDeniedException']));
    const { port, calls } = fakeTree(failing);
    const read = await readOuPaths(port, accountIds, 1, silentLogger);
    expect(read.failed).toEqual(accountIds);
    expect(calls.listParents).toHaveLength(1);
  });
});

describe('runPlan with the OU tree', () => {
  const accounts = accountIds.map((a, i) => ({ id: a, name: `acct-${i + 1}`, state: 'ACTIVE' }));
  const planEvent = parseEvent({ mode: 'plan', group_id: '2024-05-01' }) as PlanEvent;
  const base = {
    logger: silentLogger,
    clock: () => new Date('2024-05-01T06:00:00Z'),
    prefix: '',
  };

  async function plan(tree: ReturnType<typeof fakeTree>, readOus = true) {
    const store = new MemoryStore();
    const port: OrganizationsPort = {
      listAccounts: async () => accounts,
      listTags: async () => ({}),
      ...tree.port,
    };
    const result = await runPlan(planEvent, {
      ...base,
      store,
      settings: { ...testSettings().plan, readOus },
      organizations: () => port,
    });
    const manifest = JSON.parse(await store.getText(result.planKey)) as PlanManifest;
    return { result, manifest, planned: manifest.shards.flatMap((s) => s.accounts) };
  }

  it('carries each account’s OU path in the manifest', async () => {
    const { result, manifest, planned } = await plan(fakeTree());
    expect(planned.map((a) => [a.account_id, a.ou_path])).toEqual([
      [id(1), 'Root/Security'],
      [id(2), 'Root/Workloads/Prod'],
      [id(3), 'Root/Workloads/Prod'],
      [id(4), 'Root/Workloads/Prod'],
      [id(5), 'Root/Workloads/Non-Prod'],
      [id(6), 'Root/Workloads/Non-Prod'],
      [id(7), 'Root'],
    ]);
    expect(result.ouFailures).toBe(0);
    expect(manifest.warnings).toBeUndefined();
  });

  it('plans without OU paths when the tree is unreadable, and says so', async () => {
    const failing = Object.fromEntries(accountIds.map((a) => [a, 'AccessDeniedException']));
    const { result, manifest, planned } = await plan(fakeTree(failing));
    expect(result.accountsCount).toBe(7);
    expect(result.ouFailures).toBe(7);
    expect(planned.every((a) => a.ou_path === '')).toBe(true);
    expect(manifest.warnings).toEqual([
      'OU paths could not be read for 7 of 7 account(s) (first error: AccessDeniedException: no); their OU path is empty',
    ]);
  });

  it('reads no OU with PLAN_READ_OUS=false', async () => {
    const tree = fakeTree();
    const { planned } = await plan(tree, false);
    expect(planned.every((a) => a.ou_path === undefined)).toBe(true);
    expect(tree.calls.listParents).toEqual([]);
  });
});
