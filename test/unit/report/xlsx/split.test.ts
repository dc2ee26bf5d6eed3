import { describe, expect, it } from 'vitest';
import type { EncodedRows } from '../../../../src/report/xlsx/index.js';
import { part, readWithExcelJS, unzip, writeWorkbook } from './helpers.js';

async function splitBook(rows: number, rowLimit: number, name = 'Details') {
  let names: string[] = [];
  let total = 0;
  const result = await writeWorkbook(async (wb) => {
    const s = await wb.addSplitSheet({
      name,
      rowLimit,
      columns: [{ header: 'N', style: 'integer' }, { header: 'Status' }],
      conditional: [{ kind: 'textEquals', column: 1, matches: [{ value: 'NON_COMPLIANT', fill: 'bad' }] }],
    });
    for (let i = 0; i < rows; i++) await s.addRow([i, i % 2 ? 'NON_COMPLIANT' : 'COMPLIANT']);
    await s.close();
    names = s.names;
    total = s.rowCount;
    const after = await wb.addSheet({ name: 'About', columns: [] });
    await after.close();
  });
  return { ...result, names, total };
}

describe('addSplitSheet', () => {
  it('continues into Name (2), Name (3) at rowLimit with the same header, filter and rules', async () => {
    // Prepare / Act
    const { file, names, total } = await splitBook(12, 5);
    const book = await readWithExcelJS(file);
    // Assess
    expect(names).toEqual(['Details', 'Details (2)', 'Details (3)']);
    expect(total).toBe(12);
    expect(book.worksheets.map((w) => w.name)).toEqual([...names, 'About']);
    const counts = names.map((n) => book.getWorksheet(n)!.rowCount);
    expect(counts).toEqual([6, 6, 3]);
    const values = names.flatMap((n) => {
      const ws = book.getWorksheet(n)!;
      expect(ws.getCell('A1').value).toBe('N');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const out: unknown[] = [];
      ws.eachRow((row, i) => {
        if (i > 1) out.push(row.getCell(1).value);
      });
      return out;
    });
    expect(values).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(book.getWorksheet('Details (3)')!.autoFilter).toBe('A1:B3');
    const parts = unzip(file);
    const wbXml = part(parts, 'xl/workbook.xml');
    expect(wbXml).toContain(`localSheetId="1" hidden="1">'Details (2)'!$A$1:$B$6</definedName>`);
    expect(wbXml).toContain(`localSheetId="2" hidden="1">'Details (3)'!$A$1:$B$3</definedName>`);
    expect(part(parts, 'xl/worksheets/sheet3.xml')).toContain('<conditionalFormatting sqref="B2:B3">');
  });

  it('opens no empty part when the rows end exactly at the limit', async () => {
    const { names, file } = await splitBook(10, 5);
    expect(names).toEqual(['Details', 'Details (2)']);
    expect((await readWithExcelJS(file)).worksheets.map((w) => w.name)).toEqual([
      'Details',
      'Details (2)',
      'About',
    ]);
  });

  it('keeps continuation names within 31 characters', async () => {
    const long = 'Non-Compliant evaluations by rule';
    const { names } = await splitBook(3, 1, long);
    expect(names).toEqual([
      'Non-Compliant evaluations by ru',
      'Non-Compliant evaluations b (2)',
      'Non-Compliant evaluations b (3)',
    ]);
  });

  it('defaults to Excel’s grid: 1,048,576 rows with the header, then continues', async () => {
    // EncodedRows lets all-empty rows carry no XML, so a full first part is one cheap block.
    const emptyRows = (rows: number): EncodedRows => ({
      bytes: new Uint8Array(0),
      firstRow: 2,
      rows,
      stats: {
        illegalCharsStripped: 0,
        truncated: 0,
        formulaLike: 0,
        sheetNamesChanged: 0,
        nonFiniteNumbers: 0,
      },
    });
    let names: string[] = [];
    const { file } = await writeWorkbook(async (wb) => {
      const s = await wb.addSplitSheet({ name: 'Details', columns: [{ header: 'N' }] });
      // A smaller default would reject this block: it would span a part boundary.
      await s.addEncodedRows(emptyRows(1_048_575));
      expect(s.names).toEqual(['Details']);
      // A larger one would put this row on grid row 1,048,577 (which the sheet rejects).
      await s.addRow([1]);
      await s.close();
      names = s.names;
    });
    expect(names).toEqual(['Details', 'Details (2)']);
    const wbXml = part(unzip(file), 'xl/workbook.xml');
    expect(wbXml).toContain(`localSheetId="0" hidden="1">'Details'!$A$1:$A$1048576</definedName>`);
    expect(wbXml).toContain(`localSheetId="1" hidden="1">'Details (2)'!$A$1:$A$2</definedName>`);
  });
});

describe('addSplitSheet without awaiting each row', () => {
  it('still writes every row once, in order, across parts', async () => {
    const { file } = await writeWorkbook(async (wb) => {
      const s = await wb.addSplitSheet({ name: 'Fast', rowLimit: 3, columns: [{ header: 'N' }] });
      await Promise.all(Array.from({ length: 10 }, (_, i) => s.addRow([i])));
      await s.close();
    });
    const book = await readWithExcelJS(file);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Fast', 'Fast (2)', 'Fast (3)', 'Fast (4)']);
    const values = book.worksheets.flatMap((ws) => {
      const out: unknown[] = [];
      ws.eachRow((row, i) => {
        if (i > 1) out.push(row.getCell(1).value);
      });
      return out;
    });
    expect(values).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });
});
