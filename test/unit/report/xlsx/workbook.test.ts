import { describe, expect, it } from 'vitest';
import type { WorkbookWriter } from '../../../../src/report/xlsx/index.js';
import { inTimeZone, parseXml, part, readWithExcelJS, unzip, writeWorkbook } from './helpers.js';

const recorded = new Date('2025-01-15T06:30:15Z');

async function buildReport(wb: WorkbookWriter): Promise<void> {
  wb.setProperties({ title: 'Config compliance', creator: 'configreport' });
  const accounts = await wb.addSheet({
    name: 'Accounts',
    tabColor: '1F4E78',
    columns: [
      { header: 'Account', width: 28 },
      { header: 'Evaluations', width: 12, style: 'integer' },
      { header: 'Cost', style: 'decimal' },
      { header: 'Compliance %', style: 'percent' },
      { header: 'Last result', width: 20, style: 'datetime' },
      { header: 'Day', style: 'date' },
      { header: 'Enabled' },
    ],
  });
  await accounts.addRow(['prod-payments', 1234, 10.5, 0.875, recorded, recorded, true]);
  await accounts.addRow(['dev-sandbox', 7, 0, 0.25, null, undefined, false]);
  await accounts.addRow([
    { value: 'legend', style: 'good' },
    { value: 3, style: 'bad' },
  ]);
  await accounts.close();
  const about = await wb.addSheet({
    name: 'About',
    columns: [{ header: 'Key' }, { header: 'Value' }],
    header: false,
  });
  await about.addRow([{ value: 'Report', style: 'title' }]);
  await about.addRow([]);
  await about.addRow(['Group', '2025-01-15']);
  await about.close();
}

describe('createWorkbookWriter: a workbook read back by ExcelJS', () => {
  it('keeps sheet order, names, values and types', async () => {
    // Prepare / Act
    const { file } = await writeWorkbook(buildReport);
    const book = await readWithExcelJS(file);
    // Assess
    expect(book.worksheets.map((w) => w.name)).toEqual(['Accounts', 'About']);
    const ws = book.getWorksheet('Accounts')!;
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'Account',
      'Evaluations',
      'Cost',
      'Compliance %',
      'Last result',
      'Day',
      'Enabled',
    ]);
    const r2 = ws.getRow(2);
    expect(r2.getCell(1).value).toBe('prod-payments');
    expect(r2.getCell(2).value).toBe(1234);
    expect(r2.getCell(3).value).toBe(10.5);
    expect(r2.getCell(4).value).toBe(0.875);
    expect(r2.getCell(5).value).toEqual(recorded);
    expect(r2.getCell(7).value).toBe(true);
    expect(ws.getRow(3).getCell(5).value).toBeNull();
    expect(ws.getRow(3).getCell(7).value).toBe(false);
    expect(ws.getRow(4).getCell(2).value).toBe(3);
  });

  it('applies number formats and named styles', async () => {
    const { file } = await writeWorkbook(buildReport);
    const ws = (await readWithExcelJS(file)).getWorksheet('Accounts')!;
    const r2 = ws.getRow(2);
    expect(r2.getCell(2).numFmt).toBe('#,##0');
    expect(r2.getCell(3).numFmt).toBe('#,##0.00');
    expect(r2.getCell(4).numFmt).toBe('0.0%');
    expect(r2.getCell(5).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(r2.getCell(6).numFmt).toBe('yyyy-mm-dd');
    const header = ws.getRow(1).getCell(1);
    expect(header.font?.bold).toBe(true);
    expect(header.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } });
    expect(ws.getRow(4).getCell(1).fill).toMatchObject({ fgColor: { argb: 'FFC6EFCE' } });
    expect(ws.getRow(4).getCell(2).fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
  });

  it('writes Dates as Excel serial numbers in UTC', async () => {
    // In UTC itself a serial taken from local time would look right.
    const { file } = await inTimeZone('America/Los_Angeles', () => writeWorkbook(buildReport));
    const sheet = part(unzip(file), 'xl/worksheets/sheet1.xml');
    // 2025-01-15T06:30:15Z = 45672 days + 6.5h + 15 s after 1899-12-30.
    const serial = 45672 + (6 * 3600 + 30 * 60 + 15) / 86400;
    const v = /<c r="E2"[^>]*><v>([^<]+)<\/v>/.exec(sheet)?.[1];
    expect(Number(v)).toBeCloseTo(serial, 7); // 1e-8 day ≈ 0.9 ms
  });

  it('freezes the header, sets widths, tab colour and an autofilter with its hidden defined name', async () => {
    const { file } = await writeWorkbook(buildReport);
    const book = await readWithExcelJS(file);
    const ws = book.getWorksheet('Accounts')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
    expect(ws.autoFilter).toBe('A1:G4');
    expect(ws.getColumn(1).width).toBe(28);
    expect(ws.properties.tabColor).toEqual({ argb: 'FF1F4E78' });
    const parts = unzip(file);
    expect(part(parts, 'xl/workbook.xml')).toContain(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Accounts'!$A$1:$G$4</definedName>`,
    );
    // A sheet without a header has no pane and no filter.
    const about = book.getWorksheet('About')!;
    expect(about.views[0]?.state ?? 'normal').toBe('normal');
    expect(about.autoFilter).toBeUndefined();
    expect(part(parts, 'xl/workbook.xml')).not.toContain('localSheetId="1"');
  });

  it('prints every sheet landscape and one page wide', async () => {
    const { file } = await writeWorkbook(buildReport);
    const book = await readWithExcelJS(file);
    for (const ws of book.worksheets) {
      expect(ws.pageSetup).toMatchObject({
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      });
    }
  });

  it('leaves empty rows and empty cells absent', async () => {
    const { file } = await writeWorkbook(buildReport);
    const about = (await readWithExcelJS(file)).getWorksheet('About')!;
    expect(about.getRow(1).getCell(1).value).toBe('Report');
    expect(about.getRow(2).cellCount).toBe(0);
    expect(about.getRow(3).values).toEqual([undefined, 'Group', '2025-01-15']);
  });

  it('writes a complete, well-formed package', async () => {
    const { file } = await writeWorkbook(buildReport);
    const parts = unzip(file);
    for (const [name, xml] of parts) {
      expect(() => parseXml(xml), name).not.toThrow();
    }
    const types = part(parts, '[Content_Types].xml');
    for (const name of parts.keys()) {
      if (name.endsWith('.rels') || name === '[Content_Types].xml') continue;
      expect(types, name).toContain(`PartName="/${name}"`);
    }
    expect(part(parts, 'docProps/core.xml')).toContain('<dc:title>Config compliance</dc:title>');
    expect(part(parts, 'docProps/app.xml')).toContain('<vt:lpstr>About</vt:lpstr>');
    expect(part(parts, 'xl/styles.xml')).toContain('quotePrefix="1"');
    expect([...parts.keys()].some((n) => n.includes('sharedStrings'))).toBe(false);
  });

  it('emits worksheet elements in CT_Worksheet schema order', async () => {
    const { file } = await writeWorkbook(async (wb) => {
      const s = await wb.addSheet({
        name: 'Ordered',
        tabColor: 'FF0000',
        rowCount: 2,
        columns: [{ header: 'Name', width: 10 }, { header: 'Ratio' }],
        conditional: [{ kind: 'trafficLight', column: 1, red: 0.5, yellow: 0.8 }],
        charts: [
          {
            type: 'bar',
            title: 'Ratio',
            categories: { col: 0, firstRow: 1, lastRow: 1 },
            series: [{ name: 'Ratio', values: { col: 1, firstRow: 1, lastRow: 1 } }],
            anchor: { fromCol: 3, fromRow: 1, toCol: 8, toRow: 10 },
          },
        ],
      });
      await s.addRow(['a', 0.5]);
      await s.addRow([{ value: 'a note over both columns', style: 'note', span: 2 }]);
      await s.close();
    });
    const xml = part(unzip(file), 'xl/worksheets/sheet1.xml');
    const order = [
      '<sheetPr>',
      '<dimension',
      '<sheetViews>',
      '<sheetFormatPr',
      '<cols>',
      '<sheetData>',
      '<autoFilter',
      '<mergeCells',
      '<conditionalFormatting',
      '<pageMargins',
      '<pageSetup',
      '<drawing',
    ];
    const positions = order.map((tag) => xml.indexOf(tag));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('refuses a second sheet while one is open, and misuse after finalize', async () => {
    const { wb } = await writeWorkbook(async (wb) => {
      const first = await wb.addSheet({ name: 'One', columns: [] });
      await expect(wb.addSheet({ name: 'Two', columns: [] })).rejects.toThrow(/close sheet "One"/);
      await first.close();
      await expect(first.addRow(['late'])).rejects.toThrow(/closed/);
    });
    await expect(wb.addSheet({ name: 'Three', columns: [] })).rejects.toThrow(/finalized/);
    await expect(wb.finalize()).rejects.toThrow(/already finalized/);
  });

  it('closes a sheet left open at finalize and gives an empty workbook one sheet', async () => {
    const { file } = await writeWorkbook(async (wb) => {
      const s = await wb.addSheet({ name: 'Open', columns: [{ header: 'A' }] });
      await s.addRow(['kept']);
    });
    expect((await readWithExcelJS(file)).getWorksheet('Open')!.getCell('A2').value).toBe('kept');
    const empty = await writeWorkbook(async () => {});
    expect((await readWithExcelJS(empty.file)).worksheets.map((w) => w.name)).toEqual(['Sheet1']);
  });

  it('leaves NaN and Infinity cells empty and counts them', async () => {
    const { file, wb } = await writeWorkbook(async (wb) => {
      const s = await wb.addSheet({
        name: 'N',
        columns: [{ header: 'x' }, { header: 'y' }, { header: 'z' }],
      });
      await s.addRow([Number.NaN, Number.POSITIVE_INFINITY, new Date(Number.NaN)]);
      await s.addRow([{ value: Number.NEGATIVE_INFINITY, style: 'integer' }, -0, 1e21]);
      await s.close();
    });
    const ws = (await readWithExcelJS(file)).getWorksheet('N')!;
    expect(ws.getRow(2).cellCount).toBe(0);
    expect(ws.getCell('B3').value).toBe(0);
    expect(ws.getCell('C3').value).toBe(1e21);
    expect(wb.stats.nonFiniteNumbers).toBe(4);
  });

  it('rejects invalid options before writing anything', async () => {
    await writeWorkbook(async (wb) => {
      await expect(wb.addSheet({ name: 'x', columns: [], tabColor: 'red' })).rejects.toThrow(/RRGGBB/);
      await expect(
        wb.addSheet({
          name: 'x',
          columns: [],
          conditional: [{ kind: 'trafficLight', column: 0, red: 0.9, yellow: 0.5 }],
        }),
      ).rejects.toThrow(/red ≤ yellow/);
      await expect(
        wb.addSheet({
          name: 'x',
          columns: [],
          conditional: [
            { kind: 'textEquals', column: 0, matches: [{ value: 'v'.repeat(300), fill: 'bad' }] },
          ],
        }),
      ).rejects.toThrow(/255/);
      await expect(wb.addSplitSheet({ name: 'x', columns: [], rowLimit: 0 })).rejects.toThrow(/rowLimit/);
      const s = await wb.addSheet({ name: 'ok', columns: [] });
      await expect(s.addRow(new Array(16_385).fill(1))).rejects.toThrow(/16384/);
      await expect(s.addRow([{ value: 1, style: 'fancy' as never }])).rejects.toThrow(/unknown cell style/);
      await s.close();
    });
  });
});
