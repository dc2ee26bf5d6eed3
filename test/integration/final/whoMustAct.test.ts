/**
 * "Who must act", end to end against the simulator: plan mode reads the organization (OU paths
 * included), batch collects every planned shard through `plan_key`, final reduces them. The Top
 * owners, the untagged remainder, the per-OU table, the distinct non-compliant resources and the
 * worst-first order of Accounts and Owners must equal an independent recomputation from the
 * simulator's ground truth (its evaluations and its accounts' OU paths) — no code of ours on the
 * expected side.
 */
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_CREDENTIALS, startSimulator } from '../../../simulator/index.js';
import type { RunningSimulator } from '../../../simulator/types.js';
import { createOrganizationsPort } from '../../../src/aws/organizations.js';
import { type PlanEvent, parseEvent } from '../../../src/core/event.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { FinalResult } from '../../../src/modes/final.js';
import { runPlan } from '../../../src/modes/plan.js';
import type { SummaryJson } from '../../../src/report/summaryJson.js';
import { testSettings } from '../../helpers/settings.js';
import { batchEvent, collect } from '../batch/helpers.js';
import { openWorkbook, rowsOf, run, tableOf, tempStore } from './helpers.js';

const GROUP = '2026-01-01';
const TOP_N = 3;
const ORG = { accounts: 14, seed: 41, regions: ['us-east-1', 'eu-west-1'], resourcesPerRegion: 14 };

/** Independent tallies: compliant, non-compliant, distinct non-compliant resources, accounts. */
interface Tally {
  c: number;
  nc: number;
  resources: Set<string>;
  accounts: Set<string>;
}
const tally = (): Tally => ({ c: 0, nc: 0, resources: new Set(), accounts: new Set() });
const ratioOf = (t: Tally) => (t.c + t.nc === 0 ? null : t.c / (t.c + t.nc));
/** Most non-compliant, then lowest ratio (no data last), then label — the documented ranking. */
const workFirst = (a: [string, Tally], b: [string, Tally]) => {
  if (a[1].nc !== b[1].nc) return b[1].nc - a[1].nc;
  const [ra, rb] = [ratioOf(a[1]), ratioOf(b[1])];
  if (ra !== rb) return ra === null ? 1 : rb === null ? -1 : ra - rb;
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
};

let sim: RunningSimulator;
let env: Awaited<ReturnType<typeof tempStore>>;
let wb: ExcelJS.Workbook;
let summary: SummaryJson;

beforeAll(async () => {
  sim = await startSimulator({ ...ORG, s3: false });
  env = await tempStore();
  const aws = {
    region: sim.region,
    endpoints: { sts: sim.endpoint, organizations: sim.endpoint },
    credentials: HUB_CREDENTIALS,
    maxAttempts: 5,
  };
  const plan = await runPlan(
    parseEvent({ mode: 'plan', group_id: GROUP, regions: sim.regions, shard_size: 5 }) as PlanEvent,
    {
      store: env.store,
      prefix: '',
      logger: silentLogger,
      clock: () => new Date(),
      settings: testSettings({}, sim.region).plan,
      organizations: (options) => createOrganizationsPort(aws, options),
    },
  );
  for (const shardId of plan.shardIds) {
    await collect(
      sim,
      env.store,
      batchEvent(sim, { shard_id: shardId, plan_key: plan.planKey, regions: undefined }),
    );
  }
  const result: FinalResult = await run(env.store, env.dir, { group_id: GROUP }, { topN: TOP_N });
  summary = result.summary;
  wb = await openWorkbook(env.store, result.keys.xlsx);
}, 120_000);
afterAll(async () => {
  await sim?.stop();
  await env?.cleanup();
});

/** The expected numbers, from the simulator's ground truth and its accounts' OU paths only. */
function expected() {
  const active = sim.accounts().filter((a) => a.state === 'ACTIVE');
  const byOwner = new Map<string, Tally>();
  const byAccount = new Map<string, Tally>(active.map((a) => [a.accountId, tally()]));
  const all = tally();
  for (const e of sim.groundTruth()) {
    const owner = e.resourceTags['mox.owner']?.trim() || '(no owner tag)';
    if (!byOwner.has(owner)) byOwner.set(owner, tally());
    const resource = [e.accountId, e.region, e.resourceType, e.resourceId].join('|');
    for (const t of [byOwner.get(owner)!, byAccount.get(e.accountId)!, all]) {
      t.accounts.add(e.accountId);
      if (e.complianceType === 'COMPLIANT') t.c++;
      if (e.complianceType === 'NON_COMPLIANT') {
        t.nc++;
        t.resources.add(resource);
      }
    }
  }
  const byOu = new Map<string, Tally>();
  for (const a of active) {
    if (!byOu.has(a.ouPath)) byOu.set(a.ouPath, tally());
    const t = byOu.get(a.ouPath)!;
    const acc = byAccount.get(a.accountId)!;
    t.accounts.add(a.accountId);
    t.c += acc.c;
    t.nc += acc.nc;
    for (const r of acc.resources) t.resources.add(r);
  }
  return { active, byOwner, byAccount, byOu, all };
}

/** Summary rows from the header whose first cell is `first` down to the next empty row. */
function summaryTable(first: string): unknown[][] {
  const rows = rowsOf(wb.getWorksheet('Summary')!);
  const start = rows.findIndex((r) => r[0] === first);
  expect(start).toBeGreaterThan(0);
  const end = rows.findIndex((r, i) => i > start && r.every((c) => c === null));
  return rows.slice(start + 1, end);
}

describe('who must act, against the simulator ground truth', () => {
  it('the data is discriminating: resources fail several rules, OUs and owners differ', () => {
    const { all, byOu, byOwner } = expected();
    expect(all.resources.size).toBeLessThan(all.nc);
    expect(byOu.size).toBeGreaterThan(TOP_N);
    expect(byOwner.size).toBeGreaterThan(TOP_N + 1);
    expect(byOwner.get('(no owner tag)')!.nc).toBeGreaterThan(0);
  });

  it('Summary: top owners by non-compliant, then the untagged remainder', () => {
    const { byOwner, all } = expected();
    const top = [...byOwner]
      .filter(([owner, t]) => owner !== '(no owner tag)' && t.nc > 0)
      .sort(workFirst)
      .slice(0, TOP_N);
    const row = ([owner, t]: [string, Tally]) => [
      owner,
      t.accounts.size,
      t.nc,
      t.resources.size,
      t.c,
      t.nc / all.nc,
      ratioOf(t),
    ];
    const u = byOwner.get('(no owner tag)')!;
    expect(summaryTable('Owner')).toEqual([
      ...top.map(row),
      ['Untagged (no mox.owner)', u.accounts.size, u.nc, u.resources.size, null, u.nc / all.nc, null],
    ]);
    expect(summary.top_owners.map((o) => [o.owner, o.non_compliant, o.non_compliant_resources])).toEqual(
      top.map(([owner, t]) => [owner, t.nc, t.resources.size]),
    );
    expect(summary.owners).toMatchObject({
      untagged_non_compliant: u.nc,
      untagged_non_compliant_share: u.nc / all.nc,
      untagged_non_compliant_resources: u.resources.size,
    });
  });

  it('Summary and JSON: distinct non-compliant resources overall', () => {
    const { all } = expected();
    const rows = rowsOf(wb.getWorksheet('Summary')!);
    expect(rows.find((r) => r[0] === 'Non-compliant resources (distinct)')?.[1]).toBe(all.resources.size);
    expect(rows.find((r) => r[0] === 'Non-compliant evaluations')?.[1]).toBe(all.nc);
    expect(summary.records.non_compliant_resources).toBe(all.resources.size);
  });

  it('Summary and JSON: per OU, most non-compliant first', () => {
    const { byOu, all } = expected();
    const ous = [...byOu].sort(workFirst);
    expect(
      summary.organizational_units.map((o) => [
        o.ou_path,
        o.accounts,
        o.non_compliant,
        o.non_compliant_resources,
        o.compliance_ratio,
      ]),
    ).toEqual(ous.map(([path, t]) => [path, t.accounts.size, t.nc, t.resources.size, ratioOf(t)]));
    expect(summaryTable('OU path')).toEqual(
      ous
        .slice(0, TOP_N)
        .map(([path, t]) => [path, t.accounts.size, t.nc, t.resources.size, t.c, t.nc / all.nc, ratioOf(t)]),
    );
  });

  it('Accounts: OU path and distinct resources per account, most non-compliant first', () => {
    const { active, byAccount } = expected();
    const names = new Map(active.map((a) => [a.accountId, a.name]));
    const order = [...byAccount]
      .map(([id, t]): [string, Tally] => [`${names.get(id)}\u0000${id}`, t])
      .sort(workFirst)
      .map(([label]) => label.split('\u0000')[1]);
    const rows = tableOf(wb.getWorksheet('Accounts')!);
    expect(rows.map((r) => r['Account ID'])).toEqual(order);
    const ouOf = new Map(active.map((a) => [a.accountId, a.ouPath]));
    for (const r of rows) {
      const t = byAccount.get(String(r['Account ID']))!;
      expect([r['OU path'], r['Non-compliant'], r['Non-compliant resources']]).toEqual([
        ouOf.get(String(r['Account ID'])),
        t.nc,
        t.resources.size,
      ]);
    }
  });

  it('Owners: distinct resources per owner, most non-compliant first (untagged not pinned)', () => {
    const { byOwner } = expected();
    const rows = tableOf(wb.getWorksheet('Owners')!);
    expect(rows.map((r) => r['Owner (mox.owner)'])).toEqual([...byOwner].sort(workFirst).map(([o]) => o));
    for (const r of rows) {
      const t = byOwner.get(String(r['Owner (mox.owner)']))!;
      expect([r['Non-compliant'], r['Non-compliant resources'], r.Accounts]).toEqual([
        t.nc,
        t.resources.size,
        t.accounts.size,
      ]);
    }
  });
});
