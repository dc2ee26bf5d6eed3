/**
 * Evaluation age end to end: shards whose results were recorded from minutes to weeks before the
 * report time (the run's fixed clock), with older duplicates that dedupe must drop. The stale
 * counts in the summary JSON and the Summary sheet, and every row's Age / Stale / console link in
 * Non-Compliant and Details, must equal an independent recomputation from the shard records and
 * the clock; and the link cell must be a HYPERLINK formula ExcelJS and LibreOffice read as one.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceRecord, ComplianceType } from '../../../src/core/model.js';
import type { FinalResult } from '../../../src/modes/final.js';
import { testSettings } from '../../helpers/settings.js';
import { record, shard } from '../../unit/modes/final/factories.js';
import {
  csvRows,
  openWorkbook,
  putShard,
  readStored,
  rowsOf,
  run,
  tableOf,
  tempStore,
  unzip,
} from './helpers.js';

const G = '2024-05-01';
/** The clock `run` gives final mode: the report time ages are measured to. */
const REPORT_MS = Date.parse('2024-05-02T06:00:00.000Z');
const DAY = 86_400_000;
const HOUR = 3_600_000;
const STALE_DAYS = 7;

/** Console hosts per region prefix, written out here rather than taken from the code under test. */
const HOSTS: [string, string][] = [
  ['cn-', 'console.amazonaws.cn'],
  ['us-gov-', 'console.amazonaws-us-gov.com'],
  ['', 'console.aws.amazon.com'],
];
function expectedUrl(r: ComplianceRecord): string {
  const host = HOSTS.find(([prefix]) => r.region.startsWith(prefix))![1];
  const part = (s: string) => encodeURIComponent(s).replaceAll('%3A', ':');
  return `https://${host}/config/home?region=${r.region}#/timeline/${part(r.resource_type)}/${part(r.resource_id)}/configuration`;
}

/** A small deterministic generator (no Math.random: the test must not vary between runs). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const ACCOUNTS: [string, string][] = [
  ['111111111111', 'prod-app-01'],
  ['222222222222', 'dev-web-01'],
];
const REGIONS = ['us-east-1', 'cn-north-1', 'us-gov-west-1'];
const TYPES: ComplianceType[] = ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE', 'INSUFFICIENT_DATA'];
const LONG_ID = `arn:aws:s3:::${'very-long-bucket-name-'.repeat(12)}end`;

/** The records of each shard: random ages, the boundary cases, and older duplicates. */
function shardRecords(): ComplianceRecord[][] {
  const random = lcg(42);
  const at = (ms: number) => new Date(ms).toISOString();
  const all: ComplianceRecord[] = [];
  for (const [account_id, account_name] of ACCOUNTS)
    for (const region of REGIONS)
      for (let i = 0; i < 12; i++) {
        const back = Math.floor(random() * 20 * 24) * HOUR + Math.floor(random() * 60_000);
        all.push(
          record({
            account_id,
            account_name,
            region,
            resource_id: `bucket-${i}`,
            compliance_type: TYPES[Math.floor(random() * 4)]!,
            result_recorded_time: at(REPORT_MS - back),
          }),
        );
      }
  const a = { account_id: ACCOUNTS[0]![0], account_name: ACCOUNTS[0]![1] };
  const nc = 'NON_COMPLIANT' as const;
  all.push(
    // Exactly 7 days old: not stale; one second more: stale.
    record({
      ...a,
      resource_id: 'edge-exact',
      compliance_type: nc,
      result_recorded_time: at(REPORT_MS - 7 * DAY),
    }),
    record({
      ...a,
      resource_id: 'edge-past',
      compliance_type: nc,
      result_recorded_time: at(REPORT_MS - 7 * DAY - 1000),
    }),
    // Recorded after the report time (clock skew): 0 days, fresh.
    record({ ...a, resource_id: 'future', compliance_type: nc, result_recorded_time: at(REPORT_MS + HOUR) }),
    // A resource id whose link is too long for a formula: the cell holds the plain URL.
    record({
      ...a,
      resource_id: LONG_ID,
      compliance_type: nc,
      result_recorded_time: at(REPORT_MS - 9 * DAY),
    }),
  );
  // Older results of some keys, in another shard: dedupe drops them, so their age must not count.
  const older = all
    .filter((_, i) => i % 5 === 0)
    .map((r) => ({
      ...r,
      compliance_type: nc,
      result_recorded_time: at(Date.parse(r.result_recorded_time) - 30 * DAY),
    }));
  return [all, older];
}

/** The independent side: dedupe (newest recorded wins; the data has no ties) and the age rule. */
function expected(shards: ComplianceRecord[][], staleDays: number) {
  const winners = new Map<string, ComplianceRecord>();
  for (const r of shards.flat()) {
    const key = [r.account_id, r.region, r.rule_name, r.resource_type, r.resource_id].join('|');
    const held = winners.get(key);
    if (!held || Date.parse(r.result_recorded_time) > Date.parse(held.result_recorded_time))
      winners.set(key, r);
  }
  const ageMs = (r: ComplianceRecord) => REPORT_MS - Date.parse(r.result_recorded_time);
  const stale = [...winners.values()].filter((r) => ageMs(r) > staleDays * DAY);
  const oldest = Math.max(...[...winners.values()].map(ageMs));
  return {
    winners,
    ageDays: (r: ComplianceRecord) => Math.max(0, Math.floor(ageMs(r) / DAY)),
    isStale: (r: ComplianceRecord) => ageMs(r) > staleDays * DAY,
    json: {
      threshold_days: staleDays,
      evaluations: stale.length,
      non_compliant: stale.filter((r) => r.compliance_type === 'NON_COMPLIANT').length,
      share: stale.length / winners.size,
      oldest_days: Math.floor(oldest / DAY),
    },
  };
}

const records = shardRecords();
let env: Awaited<ReturnType<typeof tempStore>>;
let result: FinalResult;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  env = await tempStore();
  await putShard(env.store, shard(G, '01', records[0]!));
  await putShard(env.store, shard(G, '02', records[1]!));
  result = await run(env.store, env.dir, { group_id: G });
  wb = await openWorkbook(env.store, result.keys.xlsx);
}, 60_000);
afterAll(() => env?.cleanup());

describe('evaluation age and console links', () => {
  it('counts stale evaluations as an independent recomputation from the records and the clock does', async () => {
    const truth = expected(records, STALE_DAYS);
    expect(truth.json.evaluations).toBeGreaterThan(5);
    expect(truth.json.non_compliant).toBeGreaterThan(1);
    const summary = JSON.parse((await readStored(env.store, result.keys.summaryJson)).toString());
    expect(summary.records.unique).toBe(truth.winners.size);
    expect(summary.stale).toEqual(truth.json);
    const lines = new Map(rowsOf(wb.getWorksheet('Summary')!).map((row) => [row[0], row[1]]));
    expect(lines.get('Evaluations older than 7 days (stale)')).toBe(truth.json.evaluations);
    expect(lines.get('Stale non-compliant evaluations')).toBe(truth.json.non_compliant);
    expect(lines.get('Oldest evaluation (days)')).toBe(truth.json.oldest_days);
    const about = Object.fromEntries(tableOf(wb.getWorksheet('About')!).map((r) => [r.Item, r.Value]));
    expect(about['Setting: Stale after (days)']).toBe(STALE_DAYS);
  });

  it('the threshold follows REPORT_STALE_DAYS', async () => {
    const staleDays = testSettings({ REPORT_STALE_DAYS: '3' }).final.staleDays;
    expect(staleDays).toBe(3);
    const other = await run(env.store, env.dir, { group_id: G }, { staleDays });
    expect(other.summary.stale).toEqual(expected(records, 3).json);
  });

  it('Non-Compliant rows carry the age, the stale flag and a HYPERLINK to the resource timeline', () => {
    const truth = expected(records, STALE_DAYS);
    const byId = new Map(
      [...truth.winners.values()]
        .filter((r) => r.compliance_type === 'NON_COMPLIANT')
        .map((r) => [`${r.account_id}|${r.region}|${r.resource_id}`, r]),
    );
    const rows = tableOf(wb.getWorksheet('Non-Compliant')!);
    expect(rows).toHaveLength(byId.size);
    for (const row of rows) {
      const r = byId.get(`${row['Account ID']}|${row.Region}|${row['Resource ID']}`)!;
      expect(row['Age (days)'], r.resource_id).toBe(truth.ageDays(r));
      expect(row.Stale, r.resource_id).toBe(truth.isStale(r) ? 'stale' : null);
      const url = expectedUrl(r);
      if (url.length <= 255) {
        expect(row['Console link']).toEqual({ formula: `HYPERLINK("${url}","Open")`, result: 'Open' });
      } else {
        expect(r.resource_id).toBe(LONG_ID);
        expect(row['Console link']).toBe(url);
      }
    }
    const edge = (id: string) => rows.find((row) => row['Resource ID'] === id)!;
    expect([edge('edge-exact')['Age (days)'], edge('edge-exact').Stale]).toEqual([7, null]);
    expect([edge('edge-past')['Age (days)'], edge('edge-past').Stale]).toEqual([7, 'stale']);
    expect([edge('future')['Age (days)'], edge('future').Stale]).toEqual([0, null]);
    const header = rowsOf(wb.getWorksheet('Non-Compliant')!)[0]!;
    const staleCell = wb
      .getWorksheet('Non-Compliant')!
      .getRow(rows.indexOf(edge('edge-past')) + 2)
      .getCell(header.indexOf('Stale') + 1);
    expect((staleCell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFEB9C');
  });

  it('Details carries the age of every evaluation', () => {
    const truth = expected(records, STALE_DAYS);
    const rows = tableOf(wb.getWorksheet('Details')!);
    expect(rows).toHaveLength(truth.winners.size);
    const byKey = new Map(
      [...truth.winners.values()].map((r) => [`${r.account_id}|${r.region}|${r.resource_id}`, r]),
    );
    for (const row of rows) {
      const r = byKey.get(`${row['Account ID']}|${row.Region}|${row['Resource ID']}`)!;
      expect(row['Age (days)']).toBe(truth.ageDays(r));
    }
  });

  it('the CSV carries the age, and the plain URL on NON_COMPLIANT rows, unguarded', async () => {
    const truth = expected(records, STALE_DAYS);
    const [header, ...lines] = await csvRows(env.store, result.keys.csvGz);
    const columns = header!.split(',');
    expect(columns.at(-1)).toBe('Console link');
    const col = (name: string) => columns.indexOf(name);
    expect(lines).toHaveLength(truth.winners.size);
    const byKey = new Map(
      [...truth.winners.values()].map((r) => [`${r.account_id}|${r.region}|${r.resource_id}`, r]),
    );
    for (const line of lines) {
      // No field of this data contains a comma or a quote, so a plain split is enough.
      const f = line.split(',');
      const r = byKey.get(`${f[col('Account ID')]}|${f[col('Region')]}|${f[col('Resource ID')]}`)!;
      expect(f[col('Age (days)')]).toBe(String(truth.ageDays(r)));
      expect(f.at(-1)).toBe(r.compliance_type === 'NON_COMPLIANT' ? expectedUrl(r) : '');
    }
    expect(lines.some((line) => line.endsWith(`/${LONG_ID}/configuration`))).toBe(true);
    expect(lines.some((line) => line.includes(',https://console.amazonaws-us-gov.com/'))).toBe(true);
  });

  it('worker threads write the same bytes with ages, flags and links', async () => {
    const read = (r: FinalResult) =>
      Promise.all([r.keys.xlsx, r.keys.csvGz, r.keys.summaryJson].map((key) => readStored(env.store, key)));
    const inProcess = await read(await run(env.store, env.dir, { group_id: G }, { workers: 0 }));
    const parallel = await read(await run(env.store, env.dir, { group_id: G }, { workers: 2 }));
    expect(parallel.map((bytes, i) => bytes.equals(inProcess[i]!))).toEqual([true, true, true]);
  }, 60_000);
});

const soffice = ['soffice', 'libreoffice'].find((cmd) => spawnSync('which', [cmd]).status === 0);

describe.skipIf(!soffice)('LibreOffice', () => {
  it('reads the console link cell as a HYPERLINK formula', async () => {
    const file = join(env.dir, 'book.xlsx');
    writeFileSync(file, await readStored(env.store, result.keys.xlsx));
    execFileSync(
      soffice!,
      [
        `-env:UserInstallation=file://${env.dir}/profile`,
        '--headless',
        '--convert-to',
        'ods',
        '--outdir',
        env.dir,
        file,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const text = unzip(readFileSync(join(env.dir, 'book.ods')))
      .get('content.xml')!
      .toString('utf8');
    const cn = [...expected(records, STALE_DAYS).winners.values()].find(
      (r) => r.region === 'cn-north-1' && r.compliance_type === 'NON_COMPLIANT',
    )!;
    expect(text).toContain(
      `table:formula="of:=HYPERLINK(&quot;${expectedUrl(cn)}&quot;;&quot;Open&quot;)" office:value-type="string" office:string-value="Open"`,
    );
  }, 120_000);
});
