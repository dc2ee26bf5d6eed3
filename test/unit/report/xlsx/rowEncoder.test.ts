import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateCell, excelSerial, RowEncoder } from '../../../../src/report/xlsx/rowEncoder.js';
import { CellTextEncoder } from '../../../../src/report/xlsx/text.js';
import type { SanitizeStats } from '../../../../src/report/xlsx/types.js';

const stats = (): SanitizeStats => ({
  illegalCharsStripped: 0,
  truncated: 0,
  formulaLike: 0,
  sheetNamesChanged: 0,
  nonFiniteNumbers: 0,
});

describe('dateCell', () => {
  it('encodes exactly as the Date would in a date column, in range and out of it (property)', () => {
    const columns = [
      { header: 'When', style: 'datetime' as const },
      { header: 'Day', style: 'date' as const },
    ];
    const encode = (cells: unknown[]) =>
      new RowEncoder(columns, new CellTextEncoder(stats()), stats()).encode(7, cells as never);
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(encode([dateCell(ms), dateCell(ms)])).toBe(encode([new Date(ms), new Date(ms)]));
      }),
    );
    expect(typeof dateCell(Date.UTC(2026, 0, 1))).toBe('number');
    expect(dateCell(Date.UTC(1800, 0, 1))).toBeInstanceOf(Date);
    expect(encode([dateCell(Number.NaN)])).toBe('');
  });
});

describe('excelSerial', () => {
  it('maps the Unix epoch and 1900-03-01 to Excel serials', () => {
    expect(excelSerial(new Date('1970-01-01T00:00:00Z'))).toBe(25569);
    expect(excelSerial(new Date('1900-03-01T00:00:00Z'))).toBe(61);
  });

  it('rejects dates Excel cannot show as dates', () => {
    expect(excelSerial(new Date('1900-02-28T00:00:00Z'))).toBeNaN();
    expect(excelSerial(new Date('10000-01-01T00:00:00Z'))).toBeNaN();
  });

  it('keeps millisecond precision (property)', () => {
    const lo = Date.UTC(1900, 2, 1);
    const hi = Date.UTC(9999, 11, 31);
    fc.assert(
      fc.property(fc.integer({ min: lo, max: hi }), (ms) => {
        const serial = excelSerial(new Date(ms));
        expect(Math.round((serial - 25569) * 86_400_000)).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('RowEncoder', () => {
  it('writes typed cells with precomputed column styles and skips empty ones', () => {
    const enc = new RowEncoder(
      [{ header: 'a' }, { header: 'b', style: 'integer' }, { header: 'c', style: 'date' }],
      new CellTextEncoder(stats()),
      stats(),
    );
    const xml = enc.encode(7, ['x', 42, new Date('2025-01-15T00:00:00Z'), null, true]);
    expect(xml).toBe(
      '<row r="7"><c r="A7" t="inlineStr"><is><t>x</t></is></c><c r="B7" s="5"><v>42</v></c>' +
        '<c r="C7" s="13"><v>45672</v></c><c r="E7" t="b"><v>1</v></c></row>',
    );
    expect(enc.encode(8, [null, undefined, ''])).toBe('');
  });

  it('writes pre-1900 dates as ISO text rather than a wrong serial', () => {
    const enc = new RowEncoder([{ header: 'd', style: 'datetime' }], new CellTextEncoder(stats()), stats());
    expect(enc.encode(2, [new Date('1899-06-01T00:00:00Z')])).toContain('<t>1899-06-01T00:00:00.000Z</t>');
  });
});
