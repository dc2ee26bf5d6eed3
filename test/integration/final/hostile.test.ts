import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FinalResult } from '../../../src/modes/final.js';
import { record, shard } from '../../unit/modes/final/factories.js';
import { csvRows, openWorkbook, putShard, run, tableOf, tempStore } from './helpers.js';

const G = 'hostile-run';
const LONG = `${'A😀'.repeat(20_000)}`; // 40,000 code units with surrogate pairs at every boundary
const hostile = [
  record({
    resource_id: 'f1',
    annotation: '=HYPERLINK("http://evil.example","click")',
    compliance_type: 'NON_COMPLIANT',
  }),
  record({ resource_id: 'f2', annotation: '+cmd|" /C calc"!A0' }),
  record({ resource_id: 'f3', annotation: '-2+3' }),
  record({ resource_id: 'f4', annotation: '@SUM(A1:A9)' }),
  record({ resource_id: 'ctl', annotation: 'bell\u0007 nul\u0000 esc\u001b ok' }),
  record({ resource_id: 'nonchar', annotation: 'before\uFFFEafter\uFFFF' }),
  record({ resource_id: 'long', annotation: LONG }),
  record({ resource_id: 'sep\u0001id', annotation: 'separator in the id' }),
  record({
    account_id: '999999999999',
    account_name: "prod:app/[x] 'quoted'",
    rule_name: 'rule<&>"name"',
    resource_id: 'arn:aws:s3:::a/b[c]',
    annotation: '  leading and trailing spaces  ',
    tags: { 'mox.owner': 'a, "b"\nc' },
  }),
];

let env: Awaited<ReturnType<typeof tempStore>>;
let result: FinalResult;
let wb: ExcelJS.Workbook;
let details: Record<string, unknown>[];

beforeAll(async () => {
  env = await tempStore();
  await putShard(env.store, shard(G, 's1', hostile));
  result = await run(env.store, env.dir, { group_id: G });
  wb = await openWorkbook(env.store, result.keys.xlsx);
  details = tableOf(wb.getWorksheet('Details')!);
});
afterAll(() => env.cleanup());

const byId = (id: string) => details.find((r) => r['Resource ID'] === id)!;

describe('hostile strings', () => {
  it('the workbook opens with every row', () => {
    expect(details).toHaveLength(hostile.length);
  });

  it('keeps formula-looking text as text', () => {
    for (const id of ['f1', 'f2', 'f3', 'f4']) {
      const row = wb.getWorksheet('Details')!.findRow(details.indexOf(byId(id)) + 2)!;
      const cell = row.getCell(9);
      expect(cell.type).toBe(3 /* ExcelJS.ValueType.String */);
      expect(cell.formula).toBeUndefined();
    }
    expect(byId('f1').Annotation).toBe('=HYPERLINK("http://evil.example","click")');
    expect(byId('f3').Annotation).toBe('-2+3');
  });

  it('strips XML-illegal characters and keeps the rest of the text', () => {
    expect(byId('ctl').Annotation).toBe('bell nul esc ok');
    expect(byId('nonchar').Annotation).toBe('beforeafter');
  });

  it('cuts 40,000 characters to 32,767 without splitting a surrogate pair', () => {
    const text = byId('long').Annotation as string;
    expect(text.length).toBeLessThanOrEqual(32_767);
    expect(text.length).toBeGreaterThan(32_760);
    expect(LONG.startsWith(text)).toBe(true);
    expect(/[\uD800-\uDBFF]$/.test(text)).toBe(false);
  });

  it('keeps names with : / [ ] quotes, markup characters and spaces as they are', () => {
    const row = byId('arn:aws:s3:::a/b[c]');
    expect(row['Account name']).toBe("prod:app/[x] 'quoted'");
    expect(row.Rule).toBe('rule<&>"name"');
    expect(row.Annotation).toBe('  leading and trailing spaces  ');
    expect(row.Owner).toBe('a, "b"\nc');
    expect(byId('sep\u0001id')).toBeUndefined();
    expect(details.some((r) => r['Resource ID'] === 'sepid')).toBe(true);
  });

  it('says in About and the summary JSON what it had to change', () => {
    const about = Object.fromEntries(tableOf(wb.getWorksheet('About')!).map((r) => [r.Item, r.Value]));
    expect(about['Text cells cut to 32,767 characters']).toBeGreaterThanOrEqual(1);
    expect(about['Text cells with XML-illegal characters removed']).toBeGreaterThanOrEqual(3);
    expect(about['Formula-looking text kept as text']).toBeGreaterThanOrEqual(4);
    expect(result.summary.sanitization.truncated).toBeGreaterThanOrEqual(1);
  });

  it('the CSV keeps the full text and guards formulas', async () => {
    const text = (await csvRows(env.store, result.keys.csvGz)).join('\r\n');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).toContain("'-2+3");
    expect(text).toContain(LONG);
    expect(text).toContain('"a, ""b""\nc"');
  });
});
