import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  charsPerLine,
  MAX_ROW_HEIGHT_PT,
  MAX_WRAPPED_LINES,
  rowHeightPt,
  wrappedCellHeightPt,
  wrappedLineCount,
} from '../../../../src/report/xlsx/rowHeight.js';

describe('wrappedLineCount', () => {
  it('keeps text that fits on one line', () => {
    expect(wrappedLineCount('', 10)).toBe(1);
    expect(wrappedLineCount('short', 10)).toBe(1);
    expect(charsPerLine(11)).toBe(10);
    expect(wrappedLineCount('0123456789', 11)).toBe(1);
  });

  it('breaks at spaces, as a person would lay the words out by hand', () => {
    // 10 characters a line: "alpha beta" | "gamma" | "delta"
    expect(wrappedLineCount('alpha beta gamma delta', 11)).toBe(3);
    // "one two" | "three four" — the space before a word joins it only when both fit.
    expect(wrappedLineCount('one two three four', 11)).toBe(2);
  });

  it('cuts a word longer than a line into full lines', () => {
    // 25 characters at 10 a line: 10 + 10 + 5, then "end" joins the last line.
    expect(wrappedLineCount(`${'x'.repeat(25)} end`, 11)).toBe(3);
    expect(wrappedLineCount(`a ${'x'.repeat(20)}`, 11)).toBe(3);
  });

  it('starts a line at every line break, blank lines included', () => {
    expect(wrappedLineCount('a\nb\r\nc\rd', 40)).toBe(4);
    expect(wrappedLineCount('a\n\nb', 40)).toBe(3);
  });

  it('fits fewer bold or larger characters on a line', () => {
    expect(charsPerLine(21, { sizePt: 11, bold: true })).toBe(18);
    expect(charsPerLine(21, { sizePt: 16 })).toBeLessThan(charsPerLine(21));
    expect(wrappedLineCount('Environment source', 20)).toBe(1);
    expect(wrappedLineCount('Environment source', 20, { sizePt: 11, bold: true })).toBe(2);
  });

  it('never counts fewer lines than the characters or the line breaks need (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'W', '-'), maxLength: 400 }),
        fc.integer({ min: 2, max: 120 }),
        (text, width) => {
          const lines = wrappedLineCount(text, width);
          const perLine = charsPerLine(width);
          const paragraphs = text.split('\n');
          const least = paragraphs.reduce(
            (sum, p) => sum + Math.max(1, Math.ceil(p.replaceAll(' ', '').length / perLine)),
            0,
          );
          expect(lines).toBeGreaterThanOrEqual(least);
          expect(lines).toBeGreaterThanOrEqual(paragraphs.length);
        },
      ),
    );
  });
});

describe('row height', () => {
  it('is 15 pt a line of the default font, as Excel sizes rows', () => {
    expect(rowHeightPt(1)).toBe(15);
    expect(rowHeightPt(3)).toBe(45);
    expect(wrappedCellHeightPt('alpha beta gamma delta', 11)).toBe(45);
  });

  it(`stops at ${MAX_WRAPPED_LINES} lines and Excel's ${MAX_ROW_HEIGHT_PT} pt`, () => {
    expect(rowHeightPt(100)).toBe(MAX_WRAPPED_LINES * 15);
    expect(rowHeightPt(100, { sizePt: 40 })).toBe(MAX_ROW_HEIGHT_PT);
    expect(wrappedCellHeightPt('word '.repeat(10_000), 20)).toBe(225);
  });
});
