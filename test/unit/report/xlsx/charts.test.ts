import { describe, expect, it } from 'vitest';
import { fitPercentAxis } from '../../../../src/report/xlsx/charts.js';
import type { ChartSpec } from '../../../../src/report/xlsx/index.js';
import { parseXml, part, readWithExcelJS, unzip, writeWorkbook } from './helpers.js';

const SHEET = "Bob's Summary";

function chart(type: ChartSpec['type'], title: string, extra: Partial<ChartSpec> = {}): ChartSpec {
  return {
    type,
    title,
    categories: { col: 0, firstRow: 1, lastRow: 3 },
    series: [{ name: 'Compliance', values: { col: 1, firstRow: 1, lastRow: 3 } }],
    anchor: { fromCol: 3, fromRow: 0, toCol: 10, toRow: 15 },
    ...extra,
  };
}

async function chartBook() {
  return writeWorkbook(async (wb) => {
    const s = await wb.addSheet({
      name: SHEET,
      columns: [{ header: 'Env' }, { header: 'Ratio', style: 'percent' }],
      charts: [
        chart('column', 'By env', { percentAxis: true }),
        chart('bar', 'Bars'),
        chart('pie', 'Share', {
          series: [
            {
              name: 'Share',
              values: { col: 1, firstRow: 1, lastRow: 3 },
              pointColors: ['00B050', 'FF0000', 'A5A5A5'],
            },
          ],
        }),
        chart('doughnut', 'Donut <&>'),
      ],
    });
    await s.addRow(['Prod', 0.91]);
    await s.addRow(['Non-Prod', 0.62]);
    await s.addRow(['Unclassified', null]);
    await s.close();
    const other = await wb.addSheet({ name: 'Plain', columns: [{ header: 'x' }] });
    await other.close();
  });
}

describe('native charts', () => {
  it('writes one chart part per chart, wired through drawing and sheet relationships', async () => {
    // Prepare / Act
    const parts = unzip((await chartBook()).file);
    // Assess
    for (let i = 1; i <= 4; i++) expect(() => parseXml(part(parts, `xl/charts/chart${i}.xml`))).not.toThrow();
    expect(part(parts, 'xl/worksheets/_rels/sheet1.xml.rels')).toContain('Target="../drawings/drawing1.xml"');
    expect(part(parts, 'xl/worksheets/sheet1.xml')).toContain('<drawing r:id="rId1"/>');
    const drawingRels = part(parts, 'xl/drawings/_rels/drawing1.xml.rels');
    for (let i = 1; i <= 4; i++)
      expect(drawingRels).toContain(
        `Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart${i}.xml"`,
      );
    const drawing = part(parts, 'xl/drawings/drawing1.xml');
    expect(drawing.match(/<xdr:twoCellAnchor/g)).toHaveLength(4);
    expect(drawing).toContain('<xdr:from><xdr:col>3</xdr:col>');
    const types = part(parts, '[Content_Types].xml');
    expect(types).toContain(
      'PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"',
    );
    expect(types).toContain(
      'PartName="/xl/charts/chart4.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"',
    );
    expect(parts.has('xl/worksheets/_rels/sheet2.xml.rels')).toBe(false);
  });

  it('references ranges on the same sheet with the quoted name and caches their values', async () => {
    const parts = unzip((await chartBook()).file);
    const column = part(parts, 'xl/charts/chart1.xml');
    expect(column).toContain("<c:f>'Bob''s Summary'!$A$2:$A$4</c:f>");
    expect(column).toContain("<c:f>'Bob''s Summary'!$B$2:$B$4</c:f>");
    expect(column).toContain('<c:pt idx="1"><c:v>Non-Prod</c:v></c:pt>');
    expect(column).toContain('<c:pt idx="0"><c:v>0.91</c:v></c:pt>');
    expect(column).not.toContain('<c:pt idx="2"><c:v>0');
    expect(column).toContain('<c:barDir val="col"/>');
    expect(column).toContain('<c:max val="1"/><c:min val="0"/>');
    expect(part(parts, 'xl/charts/chart2.xml')).toContain('<c:barDir val="bar"/>');
    const pie = part(parts, 'xl/charts/chart3.xml');
    expect(pie).toContain('<c:pieChart>');
    expect(pie).toContain(
      '<c:dPt><c:idx val="1"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="FF0000"/>',
    );
    const donut = part(parts, 'xl/charts/chart4.xml');
    expect(donut).toContain('<c:doughnutChart>');
    expect(donut).toContain('<a:t>Donut &lt;&amp;&gt;</a:t>');
  });

  it('is opened by ExcelJS with the sheet data intact', async () => {
    const book = await readWithExcelJS((await chartBook()).file);
    expect(book.worksheets.map((w) => w.name)).toEqual([SHEET, 'Plain']);
    expect(book.getWorksheet(SHEET)!.getCell('A3').value).toBe('Non-Prod');
  });

  it('rejects a chart with an impossible range or anchor', async () => {
    await writeWorkbook(async (wb) => {
      const bad = chart('pie', 'x', { categories: { col: 0, firstRow: 5, lastRow: 2 } });
      await expect(wb.addSheet({ name: 'x', columns: [], charts: [bad] })).rejects.toThrow(/row range/);
      const noSeries = chart('pie', 'x', { series: [] });
      await expect(wb.addSheet({ name: 'x', columns: [], charts: [noSeries] })).rejects.toThrow(/no series/);
      const anchor = chart('pie', 'x', { anchor: { fromCol: 2, fromRow: 2, toCol: 2, toRow: 9 } });
      await expect(wb.addSheet({ name: 'x', columns: [], charts: [anchor] })).rejects.toThrow(/anchor/);
    });
  });

  it('fits a percent axis to the data when asked: bars between 60 and 70 % get a 50–70 % axis', async () => {
    const { file } = await writeWorkbook(async (wb) => {
      const s = await wb.addSheet({
        name: 'Worst',
        columns: [{ header: 'Account' }, { header: 'Ratio', style: 'percent' }],
        charts: [chart('bar', 'Worst accounts', { percentAxis: true, fitAxis: true })],
      });
      for (const [name, ratio] of [
        ['a', 0.652],
        ['b', 0.68],
        ['c', 0.691],
      ] as const)
        await s.addRow([name, ratio]);
      await s.close();
    });
    const xml = part(unzip(file), 'xl/charts/chart1.xml');
    expect(xml).toContain('<c:max val="0.7"/><c:min val="0.5"/>');
    // majorUnit closes the value axis, after crossBetween (CT_ValAx order).
    expect(xml).toContain('<c:crossBetween val="between"/><c:majorUnit val="0.05"/></c:valAx>');
  });
});

describe('fitPercentAxis', () => {
  it('spans from 10 % below the lowest value to the highest, in 10 % steps within 0–100 %', () => {
    expect(fitPercentAxis([0.652, 0.691])).toEqual({ min: 0.5, max: 0.7, majorUnit: 0.05 });
    expect(fitPercentAxis([0.6, 0.7])).toEqual({ min: 0.5, max: 0.7, majorUnit: 0.05 });
    expect(fitPercentAxis([0.72, 0.853, null])).toEqual({ min: 0.6, max: 0.9, majorUnit: 0.05 });
    expect(fitPercentAxis([0.05, 0.98])).toEqual({ min: 0, max: 1, majorUnit: 0.1 });
    expect(fitPercentAxis([1, 1])).toEqual({ min: 0.9, max: 1, majorUnit: 0.05 });
    expect(fitPercentAxis([0])).toEqual({ min: 0, max: 0.1, majorUnit: 0.05 });
    expect(fitPercentAxis([null])).toEqual({ min: 0, max: 1, majorUnit: 0.1 });
  });

  it('always keeps every value inside the axis (property over tenths and odd values)', () => {
    for (let lo = 0; lo <= 100; lo++) {
      for (const spread of [0, 0.3, 7, 33]) {
        const values = [lo / 100, Math.min(1, (lo + spread) / 100)];
        const axis = fitPercentAxis(values);
        expect(axis.min).toBeLessThanOrEqual(Math.min(...values));
        expect(axis.max).toBeGreaterThanOrEqual(Math.max(...values));
        expect(axis.min).toBeGreaterThanOrEqual(0);
        expect(axis.max).toBeLessThanOrEqual(1);
      }
    }
  });
});
