import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CellTextEncoder,
  FLAG_FORMULA_LIKE,
  FLAG_PRESERVE,
  MAX_CELL_CHARS,
  truncateUtf16,
} from '../../../../src/report/xlsx/text.js';
import type { SanitizeStats } from '../../../../src/report/xlsx/types.js';

const freshStats = (): SanitizeStats => ({
  illegalCharsStripped: 0,
  truncated: 0,
  formulaLike: 0,
  sheetNamesChanged: 0,
  nonFiniteNumbers: 0,
});

/** What an XML reader and then Excel make of the encoded text. */
const decode = (xml: string): string =>
  xml
    .replace(/&#13;/g, '\r')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

const XML_ILLEGAL =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('CellTextEncoder', () => {
  it('passes plain ASCII through unchanged and counts nothing', () => {
    // Prepare
    const stats = freshStats();
    const enc = new CellTextEncoder(stats);
    // Act
    const out = enc.encode('arn:aws:s3:::my-bucket');
    // Assess
    expect(out).toBe('arn:aws:s3:::my-bucket');
    expect(enc.flags).toBe(0);
    expect(stats).toEqual(freshStats());
  });

  it.each([
    ['a\u0000b\u0007c', 'abc'],
    ['x\uFFFEy\uFFFF', 'xy'],
    ['lone high \uD800 here', 'lone high  here'],
    ['lone low \uDC00 here', 'lone low  here'],
    ['pair \uD83D\uDE00 kept', 'pair \uD83D\uDE00 kept'],
    ['tab\tLF\nkept', 'tab\tLF\nkept'],
  ])('strips XML-illegal characters from %j', (input, expected) => {
    const stats = freshStats();
    const out = decode(new CellTextEncoder(stats).encode(input));
    expect(out).toBe(expected);
    expect(stats.illegalCharsStripped).toBe(input === expected ? 0 : 1);
  });

  it('escapes markup and keeps carriage returns', () => {
    const out = new CellTextEncoder(freshStats()).encode('a<b>&c\r\nd');
    expect(out).toBe('a&lt;b&gt;&amp;c&#13;\nd');
  });

  it('keeps literal _xHHHH_ text from being decoded by Excel', () => {
    const out = new CellTextEncoder(freshStats()).encode('id_x0041_end');
    expect(out).toBe('id_x005F_x0041_end');
    expect(decode(out)).toBe('id_x0041_end');
  });

  it.each(['=SUM(A1)', '+1', '-2', '@cmd', '\tx', '\rx'])('flags formula-looking text %j', (text) => {
    const stats = freshStats();
    const enc = new CellTextEncoder(stats);
    enc.encode(text);
    expect(enc.flags & FLAG_FORMULA_LIKE).toBe(FLAG_FORMULA_LIKE);
    expect(stats.formulaLike).toBe(1);
  });

  it('checks for formulas after stripping, so a hidden control character cannot smuggle one', () => {
    const stats = freshStats();
    const enc = new CellTextEncoder(stats);
    expect(decode(enc.encode('\u0001=HYPERLINK("http://x")'))).toBe('=HYPERLINK("http://x")');
    expect(enc.flags & FLAG_FORMULA_LIKE).toBe(FLAG_FORMULA_LIKE);
  });

  it.each([' lead', 'trail ', '\nx', 'x\n'])('asks for xml:space="preserve" on %j', (text) => {
    const enc = new CellTextEncoder(freshStats());
    enc.encode(text);
    expect(enc.flags & FLAG_PRESERVE).toBe(FLAG_PRESERVE);
  });

  it('caps text at 32,767 characters and counts it', () => {
    const stats = freshStats();
    const out = new CellTextEncoder(stats).encode('a'.repeat(40_000));
    // Excel's own limit, written out: comparing with MAX_CELL_CHARS alone would follow any change to it.
    expect(out.length).toBe(32_767);
    expect(MAX_CELL_CHARS).toBe(32_767);
    expect(stats.truncated).toBe(1);
  });

  it('never splits a surrogate pair when truncating', () => {
    const text = `${'a'.repeat(MAX_CELL_CHARS - 1)}\uD83D\uDE00tail`;
    const out = new CellTextEncoder(freshStats()).encode(text);
    expect(out).toBe('a'.repeat(MAX_CELL_CHARS - 1));
    expect(truncateUtf16('ab\uD83D\uDE00', 3)).toBe('ab');
    expect(truncateUtf16('ab\uD83D\uDE00', 4)).toBe('ab\uD83D\uDE00');
  });

  it('always yields legal XML that decodes to the sanitized text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const out = new CellTextEncoder(freshStats()).encode(s);
        expect(XML_ILLEGAL.test(out)).toBe(false);
        expect(/[<>]|&(?!amp;|lt;|gt;|#13;)/.test(out)).toBe(false);
        const expected = s.replace(new RegExp(XML_ILLEGAL.source, 'g'), '');
        expect(decode(out)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
