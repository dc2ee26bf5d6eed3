/**
 * Turns one row of {@link CellValue}s into `<row>` XML. This is the hot loop of a million-row
 * report, so everything that depends only on the column (letter, style attribute, type attribute)
 * is concatenated once up front and a cell costs a few string appends.
 */
import { columnLetter, MAX_COLUMNS } from './cellRef.js';
import { MAX_FORMULA_CHARS } from './formula.js';
import { charsPerLine, DEFAULT_FONT, lineHeightPt, type TextFont, wrappedCellHeightPt } from './rowHeight.js';
import { fontOf, isDateStyle, styleIndex, wrapsText } from './styles.js';
import { type CellTextEncoder, encodeFormulaXml, FLAG_FORMULA_LIKE, FLAG_PRESERVE } from './text.js';
import type { CellStyle, CellValue, ColumnSpec, FormulaCell, SanitizeStats } from './types.js';

const MS_PER_DAY = 86_400_000;
/** Days from Excel's serial-date epoch (1899-12-30, which absorbs the 1900 leap-year bug) to 1970. */
const EXCEL_EPOCH_OFFSET = 25_569;
/** 1900-03-01: before it Excel's serials are off by one (fake 29 Feb 1900), so earlier dates become text. */
const FIRST_SAFE_SERIAL = 61;

/** Serial precision: 1e-8 day ≈ 0.9 ms, finer than any format Excel shows. */
const SERIAL_SCALE = 1e8;

/**
 * Excel serial number of a Date (UTC), or NaN when Excel cannot show it as a date. Rounded to
 * 1e-8 day so it prints in ~14 digits instead of 17 (shorter XML, cheaper number-to-string).
 */
export function excelSerial(date: Date): number {
  return excelSerialOfMs(date.getTime());
}

/** {@link excelSerial} of epoch milliseconds. */
export function excelSerialOfMs(ms: number): number {
  const serial = Math.round((ms / MS_PER_DAY + EXCEL_EPOCH_OFFSET) * SERIAL_SCALE) / SERIAL_SCALE;
  return serial >= FIRST_SAFE_SERIAL && serial < 2_958_466 ? serial : Number.NaN;
}

/**
 * A date cell from epoch milliseconds without allocating a Date: the Excel serial (a number, which
 * takes its column's date style and encodes exactly as the Date would), or a Date when Excel cannot
 * show it as a date, so the encoder's fallback (ISO text, or an empty cell) applies as for any Date.
 */
export function dateCell(ms: number): number | Date {
  const serial = excelSerialOfMs(ms);
  return Number.isFinite(serial) ? serial : new Date(ms);
}

const sAttr = (index: number): string => (index === 0 ? '' : ` s="${index}"`);

/** Excel's default column width in characters (a column without `width`). */
const DEFAULT_WIDTH = 8.43;
/** A row of default height needs no `ht`: one line of the default font. */
const DEFAULT_ROW_PT = lineHeightPt();

/** A merged range of one row: 0-based first and last column. */
export interface RowMerge {
  row1: number;
  firstCol: number;
  lastCol: number;
}

/** The precomputed pieces of one column. */
interface ColumnPlan {
  /** `<c r="B` — the row number follows. */
  open: string;
  /** cellXfs index of the column's style (0: none). */
  plainStyle: number;
  str: string;
  strPreserve: string;
  strQuoted: string;
  strQuotedPreserve: string;
  num: string;
  bool: string;
  date: string;
  /** Width in characters, for wrapped text. */
  width: number;
  /** The font of wrapped text in this column, or undefined when the column style does not wrap. */
  wrapFont: TextFont | undefined;
}

function planColumn(index: number, style: CellStyle | undefined, width: number | undefined): ColumnPlan {
  const plain = style ? styleIndex(style) : 0;
  const quoted = styleIndex(style ?? 'text', true);
  const dateStyle = styleIndex(style && isDateStyle(style) ? style : 'datetime');
  return {
    open: `<c r="${columnLetter(index)}`,
    plainStyle: plain,
    str: `"${sAttr(plain)} t="inlineStr"><is><t>`,
    strPreserve: `"${sAttr(plain)} t="inlineStr"><is><t xml:space="preserve">`,
    strQuoted: `"${sAttr(quoted)} t="inlineStr"><is><t>`,
    strQuotedPreserve: `"${sAttr(quoted)} t="inlineStr"><is><t xml:space="preserve">`,
    num: `"${sAttr(plain)}><v>`,
    bool: `"${sAttr(plain)} t="b"><v>`,
    date: `"${sAttr(dateStyle)}><v>`,
    width: width ?? DEFAULT_WIDTH,
    wrapFont: style && wrapsText(style) ? fontOf(style) : undefined,
  };
}

const STR_CLOSE = '</t></is></c>';
const V_CLOSE = '</v></c>';

/**
 * Encodes rows of one sheet; column styles and widths come from its {@link ColumnSpec}s. A row with
 * wrapped text gets the height its lines need (rowHeight.ts), since no renderer computes it on open.
 */
export class RowEncoder {
  readonly #plans: ColumnPlan[] = [];
  readonly #text: CellTextEncoder;
  readonly #stats: SanitizeStats;
  /** Tallest wrapped cell of the row being encoded, in points. */
  #rowPt = 0;
  /** Merged ranges of the rows encoded so far, in row order (for the sheet's `<mergeCells>`). */
  readonly merges: RowMerge[] = [];

  constructor(columns: readonly ColumnSpec[], text: CellTextEncoder, stats: SanitizeStats) {
    this.#text = text;
    this.#stats = stats;
    columns.forEach((c, i) => {
      this.#plans.push(planColumn(i, c.style, c.width));
    });
  }

  #plan(i: number): ColumnPlan {
    let plan = this.#plans[i];
    if (plan === undefined) {
      // Cells beyond the declared columns (free-form sheets) get the default style.
      for (let j = this.#plans.length; j <= i; j++) this.#plans.push(planColumn(j, undefined, undefined));
      plan = this.#plans[i]!;
    }
    return plan;
  }

  /**
   * XML of row `row1` (1-based), or '' when every cell is empty (an absent `<row>` is a blank row).
   * @throws RangeError when the row has more cells than Excel's 16,384 columns.
   */
  encode(row1: number, cells: readonly CellValue[]): string {
    const n = cells.length;
    if (n > MAX_COLUMNS) throw new RangeError(`row ${row1} has ${n} cells; Excel allows ${MAX_COLUMNS}`);
    let xml = '';
    this.#rowPt = 0;
    // One number-to-string per row, not per cell.
    const r = String(row1);
    for (let i = 0; i < n; i++) {
      const cell = cells[i];
      if (cell === null || cell === undefined) continue;
      const plan = this.#plan(i);
      switch (typeof cell) {
        case 'string':
          if (plan.wrapFont !== undefined) this.#wrapped(cell, plan.width, plan.wrapFont);
          xml += this.#string(plan.open + r, cell, plan);
          break;
        case 'number':
          if (Number.isFinite(cell)) xml += plan.open + r + plan.num + cell + V_CLOSE;
          else this.#stats.nonFiniteNumbers++;
          break;
        case 'boolean':
          xml += plan.open + r + plan.bool + (cell ? '1' : '0') + V_CLOSE;
          break;
        case 'object':
          if (cell instanceof Date) xml += this.#date(plan, r, cell, plan.date);
          else if ('formula' in cell) xml += this.#formula(plan, r, cell);
          else {
            const span = cell.span ?? 1;
            if (span !== 1) this.#merge(row1, i, span, cells);
            const font = fontOf(cell.style);
            if (typeof cell.value === 'string' && wrapsText(cell.style)) {
              this.#wrapped(cell.value, this.#spanWidth(i, span), font);
            } else if (font.sizePt > DEFAULT_FONT.sizePt && cell.value !== null) {
              // A title in a larger font needs a taller row even on one line.
              this.#rowPt = Math.max(this.#rowPt, lineHeightPt(font));
            }
            xml += this.#styled(plan, r, cell);
          }
          break;
        default:
          throw new TypeError(`unsupported cell value of type ${typeof cell} in row ${row1}`);
      }
    }
    if (xml.length === 0) return '';
    return this.#rowPt > DEFAULT_ROW_PT
      ? `<row r="${r}" ht="${this.#rowPt}" customHeight="1">${xml}</row>`
      : `<row r="${r}">${xml}</row>`;
  }

  /** Raises the row's height to what wrapped `text` needs. */
  #wrapped(text: string, width: number, font: TextFont): void {
    // A single short line needs no work: the common case in wrapped columns.
    if (text.length <= charsPerLine(width, font) && font.sizePt <= 11 && !/[\n\r]/.test(text)) return;
    const pt = wrappedCellHeightPt(text, width, font);
    if (pt > this.#rowPt) this.#rowPt = pt;
  }

  /** Width of columns `first..first+span-1` in characters. */
  #spanWidth(first: number, span: number): number {
    let width = 0;
    for (let i = first; i < first + span; i++) width += this.#plan(i).width;
    return width;
  }

  /** Records a merge of `span` columns from `first`, whose other cells must be empty. */
  #merge(row1: number, first: number, span: number, cells: readonly CellValue[]): void {
    const last = first + span - 1;
    if (!Number.isInteger(span) || span < 1 || last >= MAX_COLUMNS) {
      throw new RangeError(`row ${row1}: span ${span} of column ${first} is not 1..${MAX_COLUMNS - first}`);
    }
    for (let i = first + 1; i <= last && i < cells.length; i++) {
      if (cells[i] !== null && cells[i] !== undefined) {
        throw new RangeError(`row ${row1}: column ${i} is covered by a merged cell and must be empty`);
      }
    }
    this.merges.push({ row1, firstCol: first, lastCol: last });
  }

  #string(ref: string, value: string, plan: ColumnPlan): string {
    const text = this.#text.encode(value);
    if (text.length === 0) return '';
    const flags = this.#text.flags;
    let head: string;
    if (flags & FLAG_FORMULA_LIKE) head = flags & FLAG_PRESERVE ? plan.strQuotedPreserve : plan.strQuoted;
    else head = flags & FLAG_PRESERVE ? plan.strPreserve : plan.str;
    return ref + head + text + STR_CLOSE;
  }

  #date(plan: ColumnPlan, row: string, value: Date, head: string): string {
    const serial = excelSerial(value);
    if (Number.isFinite(serial)) return plan.open + row + head + serial + V_CLOSE;
    if (Number.isNaN(value.getTime())) {
      this.#stats.nonFiniteNumbers++;
      return '';
    }
    // Outside Excel's date range: keep the information as ISO text rather than drop it.
    return this.#string(plan.open + row, value.toISOString(), plan);
  }

  /**
   * A formula with its cached text result (`t="str"`), so readers that do not recalculate (and
   * Excel before it does) show the result.
   * @throws RangeError when the formula is longer than Excel accepts.
   */
  #formula(plan: ColumnPlan, row: string, cell: FormulaCell): string {
    if (cell.formula.length > MAX_FORMULA_CHARS) {
      throw new RangeError(
        `formula of ${cell.formula.length} characters in row ${row}; Excel allows ${MAX_FORMULA_CHARS}`,
      );
    }
    const s = cell.style ? styleIndex(cell.style) : plan.plainStyle;
    return `${plan.open}${row}"${sAttr(s)} t="str"><f>${encodeFormulaXml(cell.formula)}</f><v>${encodeFormulaXml(cell.result)}${V_CLOSE}`;
  }

  /** A `{ value, style }` cell: the same encodings with the style overridden. */
  #styled(plan: ColumnPlan, row: string, cell: { value: unknown; style: CellStyle }): string {
    const { value, style } = cell;
    if (value === null || value === undefined) return '';
    const s = styleIndex(style);
    const ref = plan.open + row;
    if (typeof value === 'string') {
      const text = this.#text.encode(value);
      if (text.length === 0) return '';
      const flags = this.#text.flags;
      const sIdx = flags & FLAG_FORMULA_LIKE ? styleIndex(style, true) : s;
      const t = flags & FLAG_PRESERVE ? '<t xml:space="preserve">' : '<t>';
      return `${ref}"${sAttr(sIdx)} t="inlineStr"><is>${t}${text}${STR_CLOSE}`;
    }
    if (typeof value === 'number') {
      if (Number.isFinite(value)) return `${ref}"${sAttr(s)}><v>${value}${V_CLOSE}`;
      this.#stats.nonFiniteNumbers++;
      return '';
    }
    if (typeof value === 'boolean') return `${ref}"${sAttr(s)} t="b"><v>${value ? 1 : 0}${V_CLOSE}`;
    if (value instanceof Date) {
      return this.#date(
        plan,
        row,
        value,
        `"${sAttr(styleIndex(isDateStyle(style) ? style : 'datetime'))}><v>`,
      );
    }
    throw new TypeError(`unsupported cell value ${Object.prototype.toString.call(value)}`);
  }
}
