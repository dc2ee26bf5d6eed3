import { describe, expect, it } from 'vitest';
import { part, readWithExcelJS, unzip, writeWorkbook } from './helpers.js';

async function ruleSheet(rows: (number | string | null)[][]) {
  return writeWorkbook(async (wb) => {
    const s = await wb.addSheet({
      name: 'Rules',
      columns: [{ header: 'Rule' }, { header: 'Compliance %', style: 'percent' }, { header: 'Status' }],
      conditional: [
        { kind: 'trafficLight', column: 1, red: 0.8, yellow: 0.95 },
        {
          kind: 'textEquals',
          column: 2,
          matches: [
            { value: 'NON_COMPLIANT', fill: 'bad' },
            { value: 'COMPLIANT', fill: 'good' },
            { value: 'say "hi" & <go>', fill: 'neutral' },
          ],
        },
      ],
    });
    for (const r of rows) await s.addRow(r);
    await s.close();
  });
}

describe('conditional formatting', () => {
  it('writes the traffic light over the data rows of its column', async () => {
    // Prepare / Act
    const { file } = await ruleSheet([
      ['a', 0.5, 'NON_COMPLIANT'],
      ['b', 0.9, 'COMPLIANT'],
      ['c', null, 'NOT_APPLICABLE'],
    ]);
    const ws = (await readWithExcelJS(file)).getWorksheet('Rules')!;
    // Assess
    const cfs = (
      ws as unknown as { conditionalFormattings: { ref: string; rules: Record<string, unknown>[] }[] }
    ).conditionalFormattings;
    const light = cfs.find((c) => c.ref === 'B2:B4')!;
    expect(light.rules.map((r) => [r.type, r.operator, r.formulae])).toEqual([
      ['containsText', 'containsBlanks', ['LEN(TRIM(B2))=0']],
      ['cellIs', 'lessThan', ['0.8']],
      ['cellIs', 'greaterThanOrEqual', ['0.95']],
      ['cellIs', 'between', ['0.8', '0.95']],
    ]);
    const fills = light.rules
      .slice(1)
      .map((r) => (r.style as { fill: { bgColor: { argb: string } } }).fill.bgColor.argb);
    expect(fills).toEqual(['FFFFC7CE', 'FFC6EFCE', 'FFFFEB9C']);
  });

  it('matches compliance text with quoted, escaped formula strings', async () => {
    const { file } = await ruleSheet([['a', 1, 'COMPLIANT']]);
    const ws = (await readWithExcelJS(file)).getWorksheet('Rules')!;
    const cfs = (
      ws as unknown as { conditionalFormattings: { ref: string; rules: Record<string, unknown>[] }[] }
    ).conditionalFormattings;
    const text = cfs.find((c) => c.ref === 'C2:C2')!;
    expect(text.rules.map((r) => [r.operator, r.formulae])).toEqual([
      ['equal', ['"NON_COMPLIANT"']],
      ['equal', ['"COMPLIANT"']],
      ['equal', ['"say ""hi"" & <go>"']],
    ]);
    const xml = part(unzip(file), 'xl/worksheets/sheet1.xml');
    expect(xml).toContain('<formula>"say ""hi"" &amp; &lt;go&gt;"</formula>');
  });

  it('gives every rule of a sheet a unique priority', async () => {
    const { file } = await ruleSheet([['a', 1, 'COMPLIANT']]);
    const xml = part(unzip(file), 'xl/worksheets/sheet1.xml');
    const priorities = [...xml.matchAll(/priority="(\d+)"/g)].map((m) => Number(m[1]));
    expect(priorities).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('writes dxfs with background fills (what Excel reads for conditional formats)', async () => {
    const { file } = await ruleSheet([['a', 1, 'COMPLIANT']]);
    const styles = part(unzip(file), 'xl/styles.xml');
    const dxfs = /<dxfs count="4">(.*)<\/dxfs>/.exec(styles)?.[1] ?? '';
    expect(dxfs.match(/<bgColor rgb="FF[0-9A-F]{6}"\/>/g)).toHaveLength(4);
    expect(dxfs).not.toContain('fgColor');
  });

  it('writes no rule when the sheet has no data rows', async () => {
    const { file } = await ruleSheet([]);
    expect(part(unzip(file), 'xl/worksheets/sheet1.xml')).not.toContain('conditionalFormatting');
  });
});
