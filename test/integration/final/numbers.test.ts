/**
 * Summary numbers that must add up, recomputed here from the records the test writes (never from
 * the code under test): the region totals include insufficient data, an owner literally named
 * "(untagged)" is not the untagged state, and "Evaluations (after dedupe)" reconciles with the
 * Overall row.
 */
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceRecord } from '../../../src/core/model.js';
import type { FinalResult } from '../../../src/modes/final.js';
import { record, rule, shard } from '../../unit/modes/final/factories.js';
import { openWorkbook, putShard, readStored, rowsOf, run, tableOf, tempStore } from './helpers.js';

const G = '2024-05-01';
const X = { account_id: '111111111111', account_name: 'payments-prod' };
const Y = { account_id: '222222222222', account_name: 'web-dev' };
const t = (minute: number) => `2024-05-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const NO_OWNER = {};
const LITERAL = { 'mox.owner': '(untagged)' };

/** The winners: one result per resource and rule. */
const unique: ComplianceRecord[] = [
  record({ ...X, resource_id: 'b1', compliance_type: 'COMPLIANT', result_recorded_time: t(5) }),
  record({ ...X, resource_id: 'b2', compliance_type: 'NON_COMPLIANT', tags: NO_OWNER }),
  record({ ...X, resource_id: 'b3', compliance_type: 'COMPLIANT', tags: LITERAL }),
  record({ ...X, resource_id: 'b4', compliance_type: 'NON_COMPLIANT', tags: LITERAL }),
  record({ ...X, resource_id: 'b5', compliance_type: 'INSUFFICIENT_DATA', tags: NO_OWNER }),
  record({ ...X, region: 'eu-west-1', resource_id: 'b6', compliance_type: 'NOT_APPLICABLE', tags: NO_OWNER }),
  record({ ...Y, region: 'eu-west-1', resource_id: 'w1', compliance_type: 'INSUFFICIENT_DATA' }),
  record({ ...Y, region: 'eu-west-1', resource_id: 'w2', compliance_type: 'COMPLIANT', tags: LITERAL }),
];
/** An older result for b1: dropped by dedupe. */
const dropped = record({
  ...X,
  resource_id: 'b1',
  compliance_type: 'NON_COMPLIANT',
  result_recorded_time: t(1),
});
/** Deployed in X/us-east-1 without any evaluation: one insufficient data. */
const silentRule = rule(X.account_id, 'us-east-1', 'iam-root-mfa-enabled');

type Tally = { c: number; nc: number; na: number; id: number };
const zero = (): Tally => ({ c: 0, nc: 0, na: 0, id: 0 });
function bump(t: Tally, type: string): void {
  if (type === 'COMPLIANT') t.c++;
  else if (type === 'NON_COMPLIANT') t.nc++;
  else if (type === 'NOT_APPLICABLE') t.na++;
  else t.id++;
}
const total = (t: Tally) => t.c + t.nc + t.na + t.id;
function tally(records: readonly ComplianceRecord[]): Tally {
  const out = zero();
  for (const r of records) bump(out, r.compliance_type);
  return out;
}

let env: Awaited<ReturnType<typeof tempStore>>;
let result: FinalResult;
let wb: ExcelJS.Workbook;
let summary: {
  overall: { evaluations: number; insufficient_data: number };
  regions: { region: string; evaluations: number }[];
  owners: { untagged_evaluations: number; untagged_non_compliant: number; untagged_share: number | null };
  records: { unique: number; rules_without_results: number };
};

function writtenShard() {
  const s = shard(G, '01', [...unique, dropped]);
  s.rules.push(silentRule);
  s.accounts.find((a) => a.account_id === X.account_id)!.regions[0]!.rules_count++;
  return s;
}

beforeAll(async () => {
  env = await tempStore();
  await putShard(env.store, writtenShard());
  result = await run(env.store, env.dir, { group_id: G });
  wb = await openWorkbook(env.store, result.keys.xlsx);
  summary = JSON.parse((await readStored(env.store, result.keys.summaryJson)).toString('utf8'));
});
afterAll(() => env.cleanup());

const summaryRows = () => rowsOf(wb.getWorksheet('Summary')!);

describe('Summary "By region"', () => {
  it('counts all four compliance types in Evaluations, as the JSON and the docs do', () => {
    const expected = new Map<string, number>();
    for (const r of unique) expected.set(r.region, (expected.get(r.region) ?? 0) + 1);
    expected.set('us-east-1', expected.get('us-east-1')! + 1); // the deployed rule without results
    const rows = summaryRows();
    const at = rows.findIndex((r) => r[0] === 'By region');
    const sheet = new Map(
      rows.slice(at + 2, at + 2 + expected.size).map((r) => [String(r[0]), Number(r[1])] as const),
    );
    expect(sheet).toEqual(expected);
    expect(new Map(summary.regions.map((r) => [r.region, r.evaluations]))).toEqual(expected);
  });
});

describe('an owner tag whose value is literally "(untagged)"', () => {
  const untagged = unique.filter((r) => r.tags['mox.owner'] === undefined);
  const literal = unique.filter((r) => r.tags['mox.owner'] === '(untagged)');

  it('is not counted as untagged in the KPI, its share or the JSON', () => {
    const t = tally(untagged);
    expect(summary.owners.untagged_evaluations).toBe(total(t));
    expect(summary.owners.untagged_non_compliant).toBe(t.nc);
    expect(summary.owners.untagged_share).toBe(total(t) / unique.length);
    const rows = summaryRows();
    expect(rows.find((r) => String(r[0]).startsWith('Evaluations without mox.owner'))?.[1]).toBe(total(t));
  });

  it('is its own row in Owners, apart from the resources without the tag', () => {
    const owners = tableOf(wb.getWorksheet('Owners')!);
    const counts = (row: Record<string, unknown> | undefined) =>
      row && [row.Compliant, row['Non-compliant'], row['Not applicable'], row['Insufficient data']];
    const asRow = (t: Tally) => [t.c, t.nc, t.na, t.id];
    expect(owners[0]?.['Owner (mox.owner)']).toBe('(no owner tag)');
    expect(counts(owners[0])).toEqual(asRow(tally(untagged)));
    const named = owners.filter((o) => o['Owner (mox.owner)'] === '(untagged)');
    expect(named).toHaveLength(1);
    expect(counts(named[0])).toEqual(asRow(tally(literal)));
    expect(named[0]?.Accounts).toBe(2);
  });

  it('is kept apart the same way when worker threads read the shards', async () => {
    const other = await tempStore();
    try {
      await putShard(other.store, writtenShard());
      const threaded = await run(other.store, other.dir, { group_id: G }, { workers: 1 });
      const owners = tableOf((await openWorkbook(other.store, threaded.keys.xlsx)).getWorksheet('Owners')!);
      expect(owners).toEqual(tableOf(wb.getWorksheet('Owners')!));
      const json = JSON.parse((await readStored(other.store, threaded.keys.summaryJson)).toString('utf8'));
      expect(json.owners).toEqual(summary.owners);
    } finally {
      await other.cleanup();
    }
  }, 60_000);

  it('keeps the two apart in Details too', () => {
    const details = tableOf(wb.getWorksheet('Details')!);
    const ownerOf = (id: string) => details.find((d) => d['Resource ID'] === id)?.Owner;
    expect([ownerOf('b2'), ownerOf('b3')]).toEqual(['(no owner tag)', '(untagged)']);
  });
});

describe('Evaluations (after dedupe) and the Overall total', () => {
  it('reconcile visibly: evaluations + rules with no results = the Overall row', () => {
    const rows = summaryRows();
    const value = (prefix: string) => rows.find((r) => String(r[0]).startsWith(prefix))?.[1];
    const overall = tally(unique);
    overall.id++; // the deployed rule without results
    expect(value('Evaluations (rule–resource results, after dedupe)')).toBe(unique.length);
    expect(value('+ Rules with no results')).toBe(1);
    expect(value('= Overall total')).toBe(total(overall));
    const overallRow = rows.find((r) => r[0] === 'Overall')!;
    expect((overallRow.slice(2, 6) as number[]).reduce((a, b) => a + b, 0)).toBe(total(overall));
    expect(summary.overall.evaluations).toBe(total(overall));
    expect(summary.records.unique + summary.records.rules_without_results).toBe(summary.overall.evaluations);
  });
});
