/**
 * End to end against the simulator: batch mode collects a simulated org with faults (a denied
 * role, Config off in one region) into two shards; final mode reduces them; the numbers in
 * Summary, Accounts, Rules and Owners must equal an independent recomputation from the
 * simulator's ground truth and its org model (no code of ours in the expected side).
 */

import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrg, startSimulator } from '../../../simulator/index.js';
import type { RunningSimulator, SimEvaluation } from '../../../simulator/types.js';
import { batchEvent, collect, memberAccounts } from '../batch/helpers.js';
import { openWorkbook, rowsOf, run, tableOf, tempStore } from './helpers.js';

const ORG = {
  accounts: 9,
  seed: 23,
  regions: ['us-east-1', 'eu-west-1'],
  resourcesPerRegion: 12,
  rulesPerRegion: 24,
};
type Tally = { c: number; nc: number; na: number; id: number };
const zero = (): Tally => ({ c: 0, nc: 0, na: 0, id: 0 });
const ratio = (t: Tally) => (t.c + t.nc === 0 ? null : t.c / (t.c + t.nc));
const bump = (t: Tally, type: string) => {
  if (type === 'COMPLIANT') t.c++;
  else if (type === 'NON_COMPLIANT') t.nc++;
  else if (type === 'NOT_APPLICABLE') t.na++;
  else t.id++;
};
/** Independent environment rule for the synthetic names (prod-…, dev-…, staging-…, test-…, sandbox-…). */
const envOf = (name: string) =>
  /^prod-/.test(name) ? 'Prod' : /^(dev|staging|test|sandbox)-/.test(name) ? 'Non-Prod' : 'Unclassified';

let sim: RunningSimulator;
let env: Awaited<ReturnType<typeof tempStore>>;
let wb: ExcelJS.Workbook;
let members: { account_id: string; account_name: string }[];
let denied: string;
let configOff: string;

beforeAll(async () => {
  sim = await startSimulator({ ...ORG, s3: false });
  members = memberAccounts(sim);
  denied = members[1]!.account_id;
  configOff = members[2]!.account_id;
  sim.denyRole(denied, true);
  sim.setConfigEnabled(configOff, 'eu-west-1', false);
  env = await tempStore();
  const half = Math.ceil(members.length / 2);
  await collect(sim, env.store, batchEvent(sim, { accounts: members.slice(0, half), shard_id: 'a' }));
  await collect(sim, env.store, batchEvent(sim, { accounts: members.slice(half), shard_id: 'b' }));
  const result = await run(env.store, env.dir, { group_id: '2026-01-01' });
  wb = await openWorkbook(env.store, result.keys.xlsx);
}, 120_000);
afterAll(async () => {
  await sim?.stop();
  await env?.cleanup();
});

function expected() {
  const truth: SimEvaluation[] = sim.groundTruth({ accountIds: members.map((m) => m.account_id) });
  const org = generateOrg(ORG);
  // Rules group by the simulator's own base name (the name without its generated suffix).
  const baseOf = new Map(
    sim
      .groundTruthRules({ ignoreFaults: true })
      .map((r) => [`${r.accountId}|${r.region}|${r.ruleName}`, r.baseName]),
  );
  const ruleOf = (accountId: string, region: string, ruleName: string) =>
    baseOf.get(`${accountId}|${region}|${ruleName}`)!;
  const byAccount = new Map<string, Tally>(members.map((m) => [m.account_id, zero()]));
  const byRule = new Map<string, Tally>();
  const byOwner = new Map<string, Tally>();
  const evaluated = new Set<string>();
  /** Deployed rules without any evaluation, per region (each one insufficient data). */
  const silentByRegion = new Map<string, number>();
  for (const e of truth) {
    bump(byAccount.get(e.accountId)!, e.complianceType);
    const rule = ruleOf(e.accountId, e.region, e.ruleName);
    if (!byRule.has(rule)) byRule.set(rule, zero());
    bump(byRule.get(rule)!, e.complianceType);
    const owner = e.resourceTags['mox.owner']?.trim() || '(no owner tag)';
    if (!byOwner.has(owner)) byOwner.set(owner, zero());
    bump(byOwner.get(owner)!, e.complianceType);
    evaluated.add(`${e.accountId}|${e.region}|${e.ruleName}`);
  }
  // Rules deployed where Config could be read, without any evaluation: INSUFFICIENT_DATA once each.
  for (const m of members) {
    if (m.account_id === denied) continue;
    for (const region of ORG.regions) {
      if (m.account_id === configOff && region === 'eu-west-1') continue;
      for (const rule of org.regionData(m.account_id, region).rules) {
        if (evaluated.has(`${m.account_id}|${region}|${rule.name}`)) continue;
        silentByRegion.set(region, (silentByRegion.get(region) ?? 0) + 1);
        byAccount.get(m.account_id)!.id++;
        if (!byRule.has(rule.baseName)) byRule.set(rule.baseName, zero());
        byRule.get(rule.baseName)!.id++;
      }
    }
  }
  const byEnv = new Map<string, Tally>([
    ['Prod', zero()],
    ['Non-Prod', zero()],
    ['Unclassified', zero()],
  ]);
  for (const m of members) {
    const t = byAccount.get(m.account_id)!;
    const e = byEnv.get(envOf(m.account_name))!;
    e.c += t.c;
    e.nc += t.nc;
    e.na += t.na;
    e.id += t.id;
  }
  return { byAccount, byRule, byOwner, byEnv, truth, silentByRegion };
}

describe('final mode against the simulator ground truth', () => {
  it('Accounts: every member with the recomputed counts and ratio', () => {
    const { byAccount } = expected();
    const rows = tableOf(wb.getWorksheet('Accounts')!);
    expect(rows).toHaveLength(members.length);
    for (const row of rows) {
      const t = byAccount.get(String(row['Account ID']))!;
      expect([
        row['Account ID'],
        row.Compliant,
        row['Non-compliant'],
        row['Not applicable'],
        row['Insufficient data'],
        row['Compliance %'],
      ]).toEqual([row['Account ID'], t.c, t.nc, t.na, t.id, ratio(t)]);
    }
    const deniedRow = rows.find((r) => r['Account ID'] === denied)!;
    expect([deniedRow.Coverage, deniedRow['Compliance %']]).toEqual(['ASSUME_ROLE_DENIED', null]);
    expect(rows.find((r) => r['Account ID'] === configOff)!.Coverage).toBe('CONFIG_NOT_ENABLED');
  });

  it('Rules (one row per logical rule) and Owners equal the recomputation', () => {
    const { byRule, byOwner } = expected();
    const rules = tableOf(wb.getWorksheet('Rules')!);
    expect(rules.map((r) => r.Rule).sort()).toEqual([...byRule.keys()].sort());
    expect(rules.some((r) => String(r.Rule).startsWith('securityhub-'))).toBe(true);
    for (const r of rules) {
      const t = byRule.get(String(r.Rule))!;
      expect([
        r.Rule,
        r.Compliant,
        r['Non-compliant'],
        r['Not applicable'],
        r['Insufficient data'],
        r['Compliance %'],
      ]).toEqual([r.Rule, t.c, t.nc, t.na, t.id, ratio(t)]);
    }
    const owners = tableOf(wb.getWorksheet('Owners')!);
    expect(owners.map((o) => o['Owner (mox.owner)']).sort()).toEqual([...byOwner.keys()].sort());
    for (const o of owners) {
      const t = byOwner.get(String(o['Owner (mox.owner)']))!;
      expect([o.Compliant, o['Non-compliant'], o['Not applicable'], o['Compliance %']]).toEqual([
        t.c,
        t.nc,
        t.na,
        ratio(t),
      ]);
    }
  });

  it('Summary: overall and Prod vs Non-Prod equal the recomputation', () => {
    const { byEnv, byAccount } = expected();
    const rows = rowsOf(wb.getWorksheet('Summary')!);
    const overall = zero();
    for (const t of byAccount.values()) {
      overall.c += t.c;
      overall.nc += t.nc;
      overall.na += t.na;
      overall.id += t.id;
    }
    const check = (label: string, t: Tally) =>
      expect(rows.find((r) => r[0] === label)!.slice(2, 7)).toEqual([t.c, t.nc, t.na, t.id, ratio(t)]);
    // The org exercises every path: insufficient data, not applicable, both environments, no-data accounts.
    expect([overall.id > 0, overall.na > 0, overall.nc > 0]).toEqual([true, true, true]);
    expect([ratio(byEnv.get('Prod')!) !== null, ratio(byEnv.get('Non-Prod')!) !== null]).toEqual([
      true,
      true,
    ]);
    check('Overall', overall);
    check('Prod', byEnv.get('Prod')!);
    check('Non-Prod', byEnv.get('Non-Prod')!);
    check('Unclassified', byEnv.get('Unclassified')!);
    expect(tableOf(wb.getWorksheet('Details')!)).toHaveLength(expected().truth.length);
  });

  it('Summary: evaluations per region (all four types) equal the ground truth', () => {
    const rows = rowsOf(wb.getWorksheet('Summary')!);
    const header = rows.findIndex((r) => r[0] === 'Region');
    expect(rows[header]?.[1]).toBe('Evaluations');
    const { truth, silentByRegion } = expected();
    for (const region of ORG.regions) {
      const row = rows.slice(header + 1).find((r) => r[0] === region)!;
      const evaluated = truth.filter((e) => e.region === region).length;
      expect(row[1]).toBe(evaluated + (silentByRegion.get(region) ?? 0));
    }
  });
});
