import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS } from '../../../../src/report/xlsx/index.js';
import { parseXml, part, readWithExcelJS, unzip, writeWorkbook } from './helpers.js';

const FORMULAS = ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
const LONG = `${'x'.repeat(39_999)}!`;

async function hostileBook() {
  return writeWorkbook(async (wb) => {
    for (const name of ['Acct: a/b [prod]', 'History', 'Rules', 'RULES', "'Quoted'", 'a?b*c\\d']) {
      const s = await wb.addSheet({ name, columns: [{ header: 'Text' }, { header: '=header' }] });
      await s.close();
    }
    const s = await wb.addSheet({
      name: 'Hostile',
      columns: [{ header: 'Value', style: 'textWrap' }, { header: 'Styled' }],
    });
    for (const f of FORMULAS) await s.addRow([f, { value: f, style: 'bad' }]);
    await s.addRow(['ctrl\u0000\u0001\u0008\u000B\u000C\u001F chars', 'U+FFFE\uFFFE U+FFFF\uFFFF']);
    await s.addRow([LONG, 'lone \uD800 high and \uDC00 low, pair \uD83D\uDE00']);
    await s.addRow(['  padded  ', '<tag attr="1">&amp;</tag>']);
    await s.addRow(['line1\r\nline2', 'literal _x0041_ stays']);
    await s.close();
  });
}

describe('hostile strings', () => {
  it('opens in ExcelJS with every formula-looking string kept as text', async () => {
    // Prepare / Act
    const { file, wb } = await hostileBook();
    const ws = (await readWithExcelJS(file)).getWorksheet('Hostile')!;
    // Assess
    FORMULAS.forEach((f, i) => {
      const cell = ws.getRow(i + 2).getCell(1);
      expect(cell.value).toBe(f);
      expect(cell.type).toBe(3); // ExcelJS ValueType.String, never Formula (6)
      expect(ws.getRow(i + 2).getCell(2).value).toBe(f);
    });
    expect(wb.stats.formulaLike).toBe(FORMULAS.length * 2 + 6);
    const sheet = part(unzip(file), `xl/worksheets/sheet7.xml`);
    expect(sheet).not.toContain('<f>');
    const styles = part(unzip(file), 'xl/styles.xml');
    const cellXfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
    const xfs = [...cellXfs.matchAll(/<xf [^>]*?\/?>/g)].map((m) => m[0]);
    const styleOf = (ref: string) => Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheet)?.[1]);
    expect(xfs[styleOf('A2')]).toContain('quotePrefix="1"');
    expect(xfs[styleOf('B2')]).toContain('quotePrefix="1"');
    expect(xfs[styleOf('B2')]).toContain('fillId="5"');
  });

  it('strips illegal characters, caps long text and keeps the rest verbatim', async () => {
    const { file, wb } = await hostileBook();
    const ws = (await readWithExcelJS(file)).getWorksheet('Hostile')!;
    const row = (n: number) => ws.getRow(FORMULAS.length + 1 + n);
    expect(row(1).getCell(1).value).toBe('ctrl chars');
    expect(row(1).getCell(2).value).toBe('U+FFFE U+FFFF');
    expect(row(2).getCell(1).value).toBe('x'.repeat(MAX_CELL_CHARS));
    expect(row(2).getCell(2).value).toBe('lone  high and  low, pair \uD83D\uDE00');
    expect(row(3).getCell(1).value).toBe('  padded  ');
    expect(row(3).getCell(2).value).toBe('<tag attr="1">&amp;</tag>');
    expect(row(4).getCell(1).value).toBe('line1\r\nline2');
    // Excel decodes _xHHHH_ in cell text, so the writer escapes the underscore (_x005F_); ExcelJS's
    // reader does not decode inline strings, so it shows the escape itself.
    expect(row(4).getCell(2).value).toBe('literal _x005F_x0041_ stays');
    expect(wb.stats).toMatchObject({ illegalCharsStripped: 3, truncated: 1, sheetNamesChanged: 5 });
  });

  it('sanitizes and de-duplicates sheet names', async () => {
    const { file } = await hostileBook();
    const book = await readWithExcelJS(file);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Acct_ a_b _prod_',
      'History (2)',
      'Rules',
      'RULES (2)',
      'Quoted',
      'a_b_c_d',
      'Hostile',
    ]);
  });

  it('produces only well-formed XML', async () => {
    const { file } = await hostileBook();
    for (const [name, xml] of unzip(file)) expect(() => parseXml(xml), name).not.toThrow();
  });
});
