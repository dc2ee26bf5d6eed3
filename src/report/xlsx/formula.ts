/**
 * Formula cells the report builds itself: today only `HYPERLINK("url","label")`. A formula is just
 * a cell's text, so a million links stream like any other column — unlike relationship hyperlinks
 * (`<hyperlinks>` + one relationship each, at most 65,530 per sheet), which the writer would have
 * to hold until the sheet ends.
 */
import type { CellStyle, CellValue, FormulaCell } from './types.js';

/** Excel's limit on a formula's text (MS-OI29500: ST_Formula holds at most 8,192 characters). */
export const MAX_FORMULA_CHARS = 8192;

/**
 * Excel's limit on one string constant in a formula. A longer constant makes Excel refuse the
 * formula, and `HYPERLINK` does not follow a longer address either, so such a link is written as
 * plain text instead.
 */
export const MAX_FORMULA_STRING_CHARS = 255;

/** A formula string constant: quoted, with `"` doubled (the formula language's only escape). */
export function formulaString(text: string): string {
  return `"${text.includes('"') ? text.replaceAll('"', '""') : text}"`;
}

/**
 * A clickable link: a `HYPERLINK(url, label)` formula cell showing `label`, or `url` as plain text
 * when the link cannot be a formula Excel accepts (longer than 255 characters, or a formula over
 * 8,192). Plain text is still a usable address (copy and paste); it is never dropped.
 */
export function hyperlinkCell(url: string, label: string, style?: CellStyle): CellValue {
  if (url.length > MAX_FORMULA_STRING_CHARS || label.length > MAX_FORMULA_STRING_CHARS) return url;
  const formula = `HYPERLINK(${formulaString(url)},${formulaString(label)})`;
  // Unreachable with two 255-character constants; kept so a longer label or constant added later
  // still falls back instead of failing the sheet (the encoder refuses formulas over the limit).
  if (formula.length > MAX_FORMULA_CHARS) return url;
  const cell: FormulaCell = { formula, result: label };
  if (style) cell.style = style;
  return cell;
}
