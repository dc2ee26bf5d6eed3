/**
 * Rows encoded away from the workbook (RowBlockEncoder → addEncodedRows), as a worker thread does
 * for the big sheets: the file must be the one addRow writes, across blocks and split parts.
 */
import { describe, expect, it } from 'vitest';
import type { CellValue, ColumnSpec, EncodedRows } from '../../../../src/report/xlsx/index.js';
import { RowBlockEncoder } from '../../../../src/report/xlsx/index.js';
import { readWithExcelJS, writeWorkbook } from './helpers.js';

const COLUMNS: ColumnSpec[] = [
  { header: 'N', style: 'integer' },
  { header: 'Text', style: 'text' },
  { header: 'When', style: 'datetime' },
];

/** Rows long enough to need several 256 KiB blocks, with text that sanitizing changes. */
function rowAt(i: number): CellValue[] {
  const text =
    i % 97 === 0 ? `=cmd${i}` : i % 89 === 0 ? `bad\u0001${i}` : `resource-${i}-${'x'.repeat(i % 300)}`;
  return [i, i % 50 === 7 ? null : text, new Date(Date.UTC(2026, 0, 1) + i * 60_000)];
}

async function book(rows: number, rowLimit: number, encoded: boolean) {
  return writeWorkbook(async (wb) => {
    const sheet = await wb.addSplitSheet({ name: 'Details', columns: COLUMNS, rowLimit });
    if (encoded) {
      const blocks: EncodedRows[] = [];
      const encoder = new RowBlockEncoder(COLUMNS, (b) => blocks.push(b), {
        rowLimit,
        blockBytes: 64 * 1024,
      });
      for (let i = 0; i < rows; i++) encoder.add(rowAt(i));
      encoder.flush();
      expect(blocks.length).toBeGreaterThan(10);
      for (const block of blocks) await sheet.addEncodedRows(block);
    } else {
      for (let i = 0; i < rows; i++) await sheet.addRow(rowAt(i));
    }
    await sheet.close();
    await (await wb.addSheet({ name: 'About', columns: [] })).close();
  });
}

describe('RowBlockEncoder with addEncodedRows', () => {
  it('writes the same bytes and the same sanitize counts as addRow, across blocks and split parts', async () => {
    const byRow = await book(9_000, 4_000, false);
    const byBlock = await book(9_000, 4_000, true);
    expect(byBlock.file.equals(byRow.file)).toBe(true);
    expect(byBlock.wb.stats).toEqual(byRow.wb.stats);
    expect(byRow.wb.stats.formulaLike).toBeGreaterThan(0);
    expect(byRow.wb.stats.illegalCharsStripped).toBeGreaterThan(0);
    const read = await readWithExcelJS(byBlock.file);
    expect(read.worksheets.map((w) => [w.name, w.rowCount])).toEqual([
      ['Details', 4_001],
      ['Details (2)', 4_001],
      ['Details (3)', 1_001],
      ['About', 0],
    ]);
    expect(read.getWorksheet('Details (3)')!.getCell('A1001').value).toBe(8_999);
  });

  it('never lets a block span two parts', () => {
    const blocks: EncodedRows[] = [];
    const encoder = new RowBlockEncoder(COLUMNS, (b) => blocks.push(b), { rowLimit: 3 });
    for (let i = 0; i < 7; i++) encoder.add([i, 'a', null]);
    encoder.flush();
    expect(blocks.map((b) => [b.firstRow, b.rows])).toEqual([
      [2, 3],
      [2, 3],
      [2, 1],
    ]);
  });

  it('rejects a block that does not start at the next row, and writes nothing of it', async () => {
    const blocks: EncodedRows[] = [];
    const encoder = new RowBlockEncoder(COLUMNS, (b) => blocks.push(b));
    encoder.add([1, 'a', null]);
    encoder.flush();
    await writeWorkbook(async (wb) => {
      const sheet = await wb.addSheet({ name: 'S', columns: COLUMNS });
      await sheet.addEncodedRows(blocks[0]!);
      await expect(sheet.addEncodedRows(blocks[0]!)).rejects.toThrow(/rows 2–2 do not follow row 2/);
      expect(sheet.rowCount).toBe(1);
      await sheet.close();
    });
  });
});
