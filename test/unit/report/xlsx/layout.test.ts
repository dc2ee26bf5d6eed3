/**
 * Layout the writer owes a reader who prints or scrolls: row heights for wrapped text, merged
 * notes, the sheet's `<dimension>`, print scaling and repeated header rows.
 */
import { describe, expect, it } from 'vitest';
import { RowBlockEncoder } from '../../../../src/report/xlsx/index.js';
import { part, readWithExcelJS, unzip, writeWorkbook } from './helpers.js';

/** `<row …>` opening tags by row number. */
function rowTags(xml: string): Map<number, string> {
  return new Map([...xml.matchAll(/<row r="(\d+)"[^>]*>/g)].map((m) => [Number(m[1]), m[0]]));
}

const heightOf = (tag: string | undefined): number | undefined => {
  const ht = /ht="([\d.]+)"/.exec(tag ?? '')?.[1];
  return ht === undefined ? undefined : Number(ht);
};

describe('row heights for wrapped text', () => {
  it('gives a row the height of its tallest wrapped cell, and leaves one-line rows alone', async () => {
    const { file } = await writeWorkbook(async (wb) => {
      const s = await wb.addSheet({
        name: 'Rules',
        columns: [
          { header: 'Rule', width: 20 },
          // 21 wide: 20 characters a line.
          { header: 'Description of the rule', width: 21, style: 'textWrap' },
        ],
      });
      await s.addRow(['short', 'fits on one line']);
      // 4 lines of 20: "aaaa bbbb cccc dddd" | "eeee ffff gggg hhhh" | "iiii jjjj kkkk llll" | "mmmm"
      await s.addRow(['four lines', 'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm']);
      await s.addRow(['two lines', 'first\nsecond']);
      // Text in an unwrapped column runs on (or is clipped): no height.
      await s.addRow(['x'.repeat(200), null]);
      await s.close();
    });
    const rows = rowTags(part(unzip(file), 'xl/worksheets/sheet1.xml'));
    // The header wraps too (bold, 18 characters a line): "Description of the" | "rule".
    expect(heightOf(rows.get(1))).toBe(30);
    expect(rows.get(1)).toContain('customHeight="1"');
    expect(heightOf(rows.get(2))).toBeUndefined();
    expect(heightOf(rows.get(3))).toBe(60);
    expect(heightOf(rows.get(4))).toBe(30);
    expect(heightOf(rows.get(5))).toBeUndefined();
    // ExcelJS reads the heights back.
    const ws = (await readWithExcelJS(file)).getWorksheet('Rules')!;
    expect(ws.getRow(3).height).toBe(60);
  });

  it('makes a row with a larger font (a title) as tall as one line of it', async () => {
    const { file } = await writeWorkbook(async (wb) => {
      const s = await wb.addSheet({ name: 'S', header: false, columns: [] });
      await s.addRow([{ value: 'Title', style: 'title' }]);
      await s.addRow([{ value: null, style: 'title' }, 'plain']);
      await s.close();
    });
    const rows = rowTags(part(unzip(file), 'xl/worksheets/sheet1.xml'));
    // 16 pt: 21.75 pt a line.
    expect(heightOf(rows.get(1))).toBe(21.75);
    expect(heightOf(rows.get(2))).toBeUndefined();
  });

  it('wraps a merged note over the width of every column it spans', async () => {
    const note = 'n'.repeat(30);
    const { file } = await writeWorkbook(async (wb) => {
      const s = await wb.addSheet({
        name: 'Summary',
        header: false,
        columns: [
          { header: '', width: 11 },
          { header: '', width: 10 },
          { header: '', width: 10 },
        ],
      });
      // Alone in 11 characters the note would take 3 lines; over A:C (31) it takes one.
      await s.addRow([{ value: note, style: 'alert', span: 3 }]);
      await s.addRow([{ value: note, style: 'alert' }]);
      await s.close();
    });
    const xml = part(unzip(file), 'xl/worksheets/sheet1.xml');
    const rows = rowTags(xml);
    expect(heightOf(rows.get(1))).toBeUndefined();
    expect(heightOf(rows.get(2))).toBe(45);
    expect(xml).toContain('<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>');
    const ws = (await readWithExcelJS(file)).getWorksheet('Summary')!;
    expect(ws.getCell('C1').isMerged).toBe(true);
    expect(ws.getCell('C1').master.address).toBe('A1');
  });

  it('refuses a merge over a cell that has a value, and merges in worker-encoded blocks', async () => {
    await writeWorkbook(async (wb) => {
      const s = await wb.addSheet({ name: 'S', header: false, columns: [] });
      await expect(s.addRow([{ value: 'a', style: 'text', span: 2 }, 'b'])).rejects.toThrow(/covered/);
      await s.close();
    });
    const encoder = new RowBlockEncoder([{ header: 'A' }], () => {});
    expect(() => encoder.add([{ value: 'a', style: 'note', span: 2 }])).toThrow(/blocks/);
  });
});

describe('dimension', () => {
  it('writes the declared size up front, header included', async () => {
    const { file } = await writeWorkbook(async (wb) => {
      const s = await wb.addSheet({
        name: 'Three',
        rowCount: 3,
        columns: [{ header: 'A' }, { header: 'B' }, { header: 'C' }],
      });
      for (let i = 0; i < 3; i++) await s.addRow([i, i, i]);
      await s.close();
      const empty = await wb.addSheet({ name: 'Empty', rowCount: 0, header: false, columns: [] });
      await empty.close();
      const undeclared = await wb.addSheet({ name: 'Undeclared', columns: [{ header: 'A' }] });
      await undeclared.close();
    });
    const parts = unzip(file);
    const sheet1 = part(parts, 'xl/worksheets/sheet1.xml');
    expect(sheet1).toContain('<dimension ref="A1:C4"/>');
    // Before sheetViews, as CT_Worksheet orders it.
    expect(sheet1.indexOf('<dimension')).toBeLessThan(sheet1.indexOf('<sheetViews'));
    expect(part(parts, 'xl/worksheets/sheet2.xml')).toContain('<dimension ref="A1"/>');
    expect(part(parts, 'xl/worksheets/sheet3.xml')).not.toContain('<dimension');
  });

  it('gives each part of a split sheet its own share of the declared rows', async () => {
    const { file } = await writeWorkbook(async (wb) => {
      const s = await wb.addSplitSheet({
        name: 'Details',
        rowLimit: 2,
        rowCount: 5,
        columns: [{ header: 'A' }, { header: 'B' }],
      });
      for (let i = 0; i < 5; i++) await s.addRow([i, i]);
      await s.close();
    });
    const parts = unzip(file);
    const dims = [1, 2, 3].map(
      (n) => /<dimension ref="([^"]+)"/.exec(part(parts, `xl/worksheets/sheet${n}.xml`))?.[1],
    );
    expect(dims).toEqual(['A1:B3', 'A1:B3', 'A1:B2']);
  });

  it('holds the caller to the declared count', async () => {
    await writeWorkbook(async (wb) => {
      const over = await wb.addSheet({ name: 'Over', rowCount: 1, columns: [{ header: 'A' }] });
      await over.addRow([1]);
      await expect(over.addRow([2])).rejects.toThrow(/rowCount of 1/);
      await over.close();
      const short = await wb.addSheet({ name: 'Short', rowCount: 2, columns: [{ header: 'A' }] });
      await short.addRow([1]);
      await expect(short.close()).rejects.toThrow(/declared rowCount 2 but got 1/);
      await expect(wb.addSheet({ name: 'Bad', rowCount: -1, columns: [] })).rejects.toThrow(/rowCount/);
    });
  });
});

describe('print setup', () => {
  it('repeats the header row on every page; long tables print at 100 %, summaries one page wide', async () => {
    const { file } = await writeWorkbook(async (wb) => {
      const summary = await wb.addSheet({ name: 'Summary', header: false, columns: [] });
      await summary.close();
      const details = await wb.addSheet({
        name: "Bob's Details",
        columns: [{ header: 'A' }],
        print: { fitToWidth: false },
      });
      await details.close();
      const plain = await wb.addSheet({
        name: 'Plain',
        columns: [{ header: 'A' }],
        print: { repeatHeader: false, orientation: 'portrait' },
      });
      await plain.close();
    });
    const parts = unzip(file);
    const workbook = part(parts, 'xl/workbook.xml');
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="1">'Bob''s Details'!$1:$1</definedName>`,
    );
    expect(workbook.match(/_xlnm\.Print_Titles/g)).toHaveLength(1);
    // Tables print their columns only (text running on past the last would print as stray pages).
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Area" localSheetId="1">'Bob''s Details'!$A$1:$A$1</definedName>`,
    );
    expect(workbook).not.toContain('_xlnm.Print_Area" localSheetId="0"');
    const details = part(parts, 'xl/worksheets/sheet2.xml');
    expect(details).not.toContain('fitToPage');
    expect(details).toContain('<pageSetup pageOrder="overThenDown" orientation="landscape"/>');
    expect(part(parts, 'xl/worksheets/sheet1.xml')).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(part(parts, 'xl/worksheets/sheet3.xml')).toContain(
      '<pageSetup orientation="portrait" fitToWidth="1" fitToHeight="0"/>',
    );
    // An independent reader sees the same.
    const book = await readWithExcelJS(file);
    expect(book.getWorksheet("Bob's Details")!.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToPage: false,
      printTitlesRow: '1:1',
    });
    expect(book.getWorksheet('Summary')!.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1 });
  });
});
