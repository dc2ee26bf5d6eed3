/**
 * Logical rules end to end: a simulated org of 60 accounts where Security Hub, Firewall Manager,
 * conformance packs and organization rules put one suffixed rule into every account-region is
 * collected by batch mode (three shards, with a denied account and Config off in one region) and
 * reduced by final mode. The Rules sheet must hold one row per logical rule, the Conformance packs
 * sheet one per pack, and Summary's worst rules the right ones — every number equal to a
 * recomputation from the simulator's ground truth (its own base names, never our suffix patterns).
 */
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index.js';
import type { RunningSimulator } from '../../../simulator/types.js';
import type { SummaryJson } from '../../../src/report/summaryJson.js';
import { batchEvent, collect, memberAccounts } from '../batch/helpers.js';
import { openWorkbook, readStored, rowsOf, run, tableOf, tempStore } from './helpers.js';

const ORG = { accounts: 60, seed: 29, regions: ['us-east-1', 'eu-west-1'], resourcesPerRegion: 10 };
const MIN_EVALUATIONS = 10;
const TOP_N = 10;

type Tally = { c: number; nc: number; na: number; id: number; instances: number; accounts: Set<string> };
const zero = (): Tally => ({ c: 0, nc: 0, na: 0, id: 0, instances: 0, accounts: new Set() });
const ratio = (c: number, nc: number) => (c + nc === 0 ? null : c / (c + nc));

let sim: RunningSimulator;
let env: Awaited<ReturnType<typeof tempStore>>;
let wb: ExcelJS.Workbook;
let summary: SummaryJson;
let workbookBytes: Buffer;
let members: { account_id: string; account_name: string }[];

beforeAll(async () => {
  sim = await startSimulator({ ...ORG, s3: false });
  members = memberAccounts(sim);
  sim.denyRole(members[3]!.account_id, true);
  sim.setConfigEnabled(members[7]!.account_id, 'eu-west-1', false);
  env = await tempStore();
  const third = Math.ceil(members.length / 3);
  for (const [i, shard] of ['a', 'b', 'c'].entries()) {
    const accounts = members.slice(i * third, (i + 1) * third);
    await collect(sim, env.store, batchEvent(sim, { accounts, shard_id: shard }));
  }
  const result = await run(env.store, env.dir, { group_id: '2026-01-01' });
  wb = await openWorkbook(env.store, result.keys.xlsx);
  workbookBytes = await readStored(env.store, result.keys.xlsx);
  summary = JSON.parse(
    (await readStored(env.store, result.keys.summaryJson)).toString('utf8'),
  ) as SummaryJson;
}, 180_000);
afterAll(async () => {
  await sim?.stop();
  await env?.cleanup();
});

/** Everything recomputed from the simulator: evaluations and the rules it says a collector lists. */
function expected() {
  const scope = { accountIds: members.map((m) => m.account_id) };
  const rules = sim.groundTruthRules(scope);
  const instance = new Map(rules.map((r) => [`${r.accountId}|${r.region}|${r.ruleName}`, r]));
  const byRule = new Map<string, Tally>();
  const tally = (name: string) => {
    if (!byRule.has(name)) byRule.set(name, zero());
    return byRule.get(name)!;
  };
  const evaluated = new Set<string>();
  const packs = new Map<
    string,
    { accounts: Set<string>; regions: Set<string>; nc: Set<string>; rules: Set<string>; c: number; n: number }
  >();
  const pack = (name: string) => {
    if (!packs.has(name))
      packs.set(name, {
        accounts: new Set(),
        regions: new Set(),
        nc: new Set(),
        rules: new Set(),
        c: 0,
        n: 0,
      });
    return packs.get(name)!;
  };
  for (const e of sim.groundTruth(scope)) {
    const key = `${e.accountId}|${e.region}|${e.ruleName}`;
    const rule = instance.get(key)!;
    const t = tally(rule.baseName);
    if (e.complianceType === 'COMPLIANT') t.c++;
    else if (e.complianceType === 'NON_COMPLIANT') t.nc++;
    else t.na++;
    evaluated.add(key);
    if (rule.conformancePackBaseName) {
      const p = pack(rule.conformancePackBaseName);
      if (e.complianceType === 'COMPLIANT') p.c++;
      if (e.complianceType === 'NON_COMPLIANT') {
        p.n++;
        // Config: a pack is NON_COMPLIANT where any of its rules is, i.e. has a failing resource.
        p.nc.add(`${e.accountId}|${e.region}`);
      }
    }
  }
  for (const r of rules) {
    const t = tally(r.baseName);
    t.instances++;
    t.accounts.add(r.accountId);
    // Deployed without any result: INSUFFICIENT_DATA once per instance.
    if (!evaluated.has(`${r.accountId}|${r.region}|${r.ruleName}`)) t.id++;
    if (r.conformancePackBaseName) {
      const p = pack(r.conformancePackBaseName);
      p.accounts.add(r.accountId);
      p.regions.add(`${r.accountId}|${r.region}`);
      p.rules.add(r.baseName);
    }
  }
  return { byRule, packs, instances: rules.length };
}

describe('logical rules against the simulator ground truth (60 accounts)', () => {
  it('Rules: one row per logical rule, each with the recomputed instances, accounts and counts', () => {
    const { byRule, instances } = expected();
    const rows = tableOf(wb.getWorksheet('Rules')!);
    expect(instances).toBeGreaterThan(50 * 2 * 30);
    expect(rows).toHaveLength(byRule.size);
    expect(rows.length).toBeLessThan(40);
    for (const row of rows) {
      const t = byRule.get(String(row.Rule));
      expect(t, String(row.Rule)).toBeDefined();
      expect([
        row.Rule,
        row.Instances,
        row.Accounts,
        row.Compliant,
        row['Non-compliant'],
        row['Not applicable'],
        row['Insufficient data'],
        row['Compliance %'],
      ]).toEqual([row.Rule, t!.instances, t!.accounts.size, t!.c, t!.nc, t!.na, t!.id, ratio(t!.c, t!.nc)]);
    }
    const creators = Object.fromEntries(rows.map((r) => [String(r.Rule), r['Created by']]));
    expect(creators).toMatchObject({
      'securityhub-ec2-security-group-attached-to-eni-periodic': 'Security Hub',
      'fms-security-group-content-check': 'Firewall Manager',
      'OrgConfigRule-required-tags': 'Organization rule',
      's3-bucket-logging-enabled-conformance-pack': 'Conformance pack',
      'restricted-ssh': 'Account',
    });
    const logging = rows.find((r) => r.Rule === 's3-bucket-logging-enabled-conformance-pack')!;
    expect(logging['Conformance packs']).toBe('Operational-Best-Practices-for-Amazon-S3');
  });

  it('Rules: worst first — most non-compliant, then the lowest ratio, then the name', () => {
    const rows = tableOf(wb.getWorksheet('Rules')!);
    const key = (r: Record<string, unknown>) => [
      -Number(r['Non-compliant']),
      r['Compliance %'] === null ? 2 : Number(r['Compliance %']),
      String(r.Rule),
    ];
    const sorted = [...rows].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return (
        (x[0] as number) - (y[0] as number) || (x[1] as number) - (y[1] as number) || (x[2]! < y[2]! ? -1 : 1)
      );
    });
    expect(rows.map((r) => r.Rule)).toEqual(sorted.map((r) => r.Rule));
  });

  it('Conformance packs: one row per pack across accounts, with AWS compliance score', () => {
    const { packs } = expected();
    const rows = tableOf(wb.getWorksheet('Conformance packs')!);
    expect(rows.map((r) => r['Conformance pack']).sort()).toEqual([...packs.keys()].sort());
    expect([...packs.keys()]).toContain('OrgConformsPack-security-baseline');
    for (const row of rows) {
      const p = packs.get(String(row['Conformance pack']))!;
      expect([
        row.Accounts,
        row['Account-regions'],
        row['Non-compliant account-regions'],
        row.Rules,
        row.Compliant,
        row['Non-compliant'],
        row['Compliance score'],
      ]).toEqual([p.accounts.size, p.regions.size, p.nc.size, p.rules.size, p.c, p.n, ratio(p.c, p.n)]);
    }
  });

  it('Summary and the summary JSON rank logical rules by non-compliant count, with a minimum sample', () => {
    const { byRule } = expected();
    const worst = [...byRule]
      .filter(([, t]) => t.c + t.nc >= MIN_EVALUATIONS && t.nc > 0)
      .sort(([a, x], [b, y]) => y.nc - x.nc || ratio(x.c, x.nc)! - ratio(y.c, y.nc)! || (a < b ? -1 : 1))
      .slice(0, TOP_N);
    const rows = rowsOf(wb.getWorksheet('Summary')!);
    const header = rows.findIndex((r) => r[0] === 'Rule' && r[1] === 'Instances');
    const listed = rows.slice(header + 1, header + 1 + worst.length).map((r) => [r[0], r[1], r[3]]);
    expect(listed).toEqual(worst.map(([name, t]) => [name, t.instances, t.nc]));
    expect(rows[header + 1 + worst.length]?.[0] ?? null).toBeNull();
    expect(summary.worst_rules.map((r) => [r.rule_name, r.instances, r.non_compliant])).toEqual(listed);
    expect(summary.worst_rules_min_evaluations).toBe(MIN_EVALUATIONS);
    expect(summary.conformance_packs.map((p) => p.pack_name).sort()).toEqual(
      [...expected().packs.keys()].sort(),
    );
  });

  it('the worker-thread path writes the same workbook', async () => {
    await run(env.store, env.dir, { group_id: '2026-01-01' }, { workers: 2 });
    const again = await readStored(env.store, 'reports/ConfigRule_2026-01-01.xlsx');
    expect(again.equals(workbookBytes)).toBe(true);
  }, 120_000);
});
