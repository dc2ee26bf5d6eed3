import { describe, expect, it } from 'vitest';
import {
  formulaString,
  hyperlinkCell,
  MAX_FORMULA_CHARS,
  MAX_FORMULA_STRING_CHARS,
} from '../../../../src/report/xlsx/formula.js';
import { RowEncoder } from '../../../../src/report/xlsx/rowEncoder.js';
import { CellTextEncoder } from '../../../../src/report/xlsx/text.js';
import type { SanitizeStats } from '../../../../src/report/xlsx/types.js';
import { parseXml, part, readWithExcelJS, unzip, writeWorkbook } from './helpers.js';

const stats = (): SanitizeStats => ({
  illegalCharsStripped: 0,
  truncated: 0,
  formulaLike: 0,
  sheetNamesChanged: 0,
  nonFiniteNumbers: 0,
});
const encoder = () => {
  const s = stats();
  return new RowEncoder([{ header: 'Link' }, { header: 'N', style: 'integer' }], new CellTextEncoder(s), s);
};

describe('hyperlinkCell', () => {
  it('builds HYPERLINK("url","label") showing the label', () => {
    expect(hyperlinkCell('https://example.com/a', 'Open')).toEqual({
      formula: 'HYPERLINK("https://example.com/a","Open")',
      result: 'Open',
    });
  });

  it('doubles quotes inside the string constants (the formula language has no other escape)', () => {
    expect(formulaString('say "hi"')).toBe('"say ""hi"""');
    expect(hyperlinkCell('https://x/"a"', 'Open "it"')).toEqual({
      formula: 'HYPERLINK("https://x/""a""","Open ""it""")',
      result: 'Open "it"',
    });
  });

  it('falls back to the plain URL when it is longer than a formula string may be', () => {
    const base = 'https://console.aws.amazon.com/config/home?region=us-east-1#/timeline/AWS::S3::Bucket/';
    const fits = base + 'b'.repeat(MAX_FORMULA_STRING_CHARS - base.length);
    expect(fits).toHaveLength(255);
    expect(typeof hyperlinkCell(fits, 'Open')).toBe('object');
    const long = `${fits}b`;
    expect(hyperlinkCell(long, 'Open')).toBe(long);
    const veryLong = base + 'x'.repeat(20_000);
    expect(hyperlinkCell(veryLong, 'Open')).toBe(veryLong);
  });
});

describe('formula cells in the row encoder', () => {
  it('writes the formula and its cached text result, XML-escaped, in the column style', () => {
    const xml = encoder().encode(2, [hyperlinkCell('https://x/?a=1&b=<2>', 'Open'), 5]);
    expect(xml).toBe(
      '<row r="2"><c r="A2" t="str"><f>HYPERLINK("https://x/?a=1&amp;b=&lt;2&gt;","Open")</f><v>Open</v></c>' +
        '<c r="B2" s="5"><v>5</v></c></row>',
    );
    expect(parseXml(xml)).toEqual(['row', 'c', 'f', 'v', 'c', 'v']);
  });

  it('refuses a formula longer than Excel accepts rather than write a file Excel repairs', () => {
    const formula = `LEN("${'x'.repeat(MAX_FORMULA_CHARS)}")`;
    expect(() => encoder().encode(3, [{ formula, result: '' }])).toThrow(RangeError);
  });

  it('is read back by ExcelJS as a HYPERLINK formula with its result', async () => {
    const url =
      'https://console.amazonaws.cn/config/home?region=cn-north-1#/timeline/AWS::S3::Bucket/b/configuration';
    const { file } = await writeWorkbook(async (wb) => {
      const s = await wb.addSheet({ name: 'Links', columns: [{ header: 'Link' }] });
      await s.addRow([hyperlinkCell(url, 'Open')]);
      await s.addRow(['=not a formula']);
      await s.close();
    });
    const sheetXml = part(unzip(file), 'xl/worksheets/sheet1.xml');
    expect(sheetXml).toContain(`<f>HYPERLINK("${url}","Open")</f>`);
    const ws = (await readWithExcelJS(file)).getWorksheet('Links')!;
    expect(ws.getCell('A2').value).toEqual({ formula: `HYPERLINK("${url}","Open")`, result: 'Open' });
    // Data text stays text: only the report's own cells are formulas.
    expect(ws.getCell('A3').value).toBe('=not a formula');
  });
});
