/**
 * Row heights for wrapped text. Neither the file format nor a streaming writer can ask a renderer
 * how tall a wrapped cell is, and LibreOffice does not recompute heights when it opens (or
 * converts) an xlsx: a row without a height keeps one line and its wrapped text overprints the
 * rows below. So the writer estimates the lines itself and writes `<row ht=".." customHeight="1">`.
 *
 * The model errs towards too many lines (a little white space) rather than too few (overprint):
 * - a column `w` characters wide holds `floor((w − 1) × factor)` characters per line — Excel's width
 *   unit is the default font's digit width, and average text is narrower than a digit in Calibri and
 *   in the fonts LibreOffice substitutes for it (DejaVu Sans without Carlito); bold text is about
 *   10 % wider, so its factor is 0.9;
 * - lines break only at spaces (renderers also break after hyphens and slashes, which can only save
 *   lines), a word longer than a line is cut into full lines, and every `\n` starts a new line;
 * - each line is `1.36 ×` the font size (15 pt for 11 pt Calibri, Excel's default row), and a row
 *   is capped at {@link MAX_WRAPPED_LINES} lines and Excel's 409 pt.
 */

/** Lines a wrapped cell may make its row grow to; longer text is cut off in the view (not in the cell). */
export const MAX_WRAPPED_LINES = 15;
/** Excel's tallest row, in points. */
export const MAX_ROW_HEIGHT_PT = 409;

/** The font a cell's text is drawn in, as far as its height is concerned. */
export interface TextFont {
  /** Size in points (11 = the sheet default). */
  sizePt: number;
  bold?: boolean;
}

/** 11 pt regular: the default font. */
export const DEFAULT_FONT: TextFont = { sizePt: 11 };

/** Characters of `font` that fit on one line of a column `widthChars` wide (at least 1). */
export function charsPerLine(widthChars: number, font: TextFont = DEFAULT_FONT): number {
  // Smaller fonts fit proportionally more characters into the same width.
  const factor = (font.bold ? 0.9 : 1) * (11 / font.sizePt);
  return Math.max(1, Math.floor((widthChars - 1) * factor));
}

/**
 * Lines `text` takes when wrapped in a column `widthChars` wide (at least 1; uncapped). Greedy
 * word wrap on spaces, as Excel and LibreOffice lay out text.
 */
export function wrappedLineCount(text: string, widthChars: number, font: TextFont = DEFAULT_FONT): number {
  const perLine = charsPerLine(widthChars, font);
  let lines = 0;
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    lines += paragraphLines(paragraph, perLine);
  }
  return Math.max(1, lines);
}

/** Lines of one paragraph (no line breaks inside): an empty paragraph is one empty line. */
function paragraphLines(paragraph: string, perLine: number): number {
  if (paragraph.length <= perLine) return 1;
  let lines = 1;
  let used = 0;
  for (const word of paragraph.split(' ')) {
    let length = word.length;
    // The space before the word, when the word joins a line that has text.
    const needed = used === 0 ? length : used + 1 + length;
    if (needed <= perLine) {
      used = needed;
      continue;
    }
    if (used > 0) lines++;
    // A word longer than a line fills whole lines; the rest starts the next one.
    while (length > perLine) {
      lines++;
      length -= perLine;
    }
    used = length;
  }
  return lines;
}

/** Height in points of one line of `font`. */
export function lineHeightPt(font: TextFont = DEFAULT_FONT): number {
  return Math.round(font.sizePt * 1.36 * 4) / 4;
}

/** Row height in points for `lines` lines of `font`, capped at 15 lines and 409 pt. */
export function rowHeightPt(lines: number, font: TextFont = DEFAULT_FONT): number {
  const shown = Math.min(Math.max(1, lines), MAX_WRAPPED_LINES);
  return Math.min(shown * lineHeightPt(font), MAX_ROW_HEIGHT_PT);
}

/** Height in points a wrapped cell needs ({@link wrappedLineCount} then {@link rowHeightPt}). */
export function wrappedCellHeightPt(text: string, widthChars: number, font: TextFont = DEFAULT_FONT): number {
  return rowHeightPt(wrappedLineCount(text, widthChars, font), font);
}
