/**
 * The small interface of our streaming xlsx writer (implementation in this folder). The report
 * layout (src/report/layout) talks only to these types, so the writer can be swapped or tested alone.
 *
 * Model: sheets are written one at a time, rows strictly in order; a sheet is finished before the
 * next is opened. Rows are streamed into the zip with backpressure, so memory does not grow with rows.
 */

/** Named cell styles: a small fixed style table (cellXfs). */
export type CellStyle =
  | 'text' // plain text (default for strings)
  | 'textWrap' // wrapped text
  | 'integer' // #,##0
  | 'decimal' // #,##0.00
  | 'percent' // 0.0%
  | 'datetime' // yyyy-mm-dd hh:mm:ss (UTC)
  | 'date' // yyyy-mm-dd
  | 'header' // bold, filled, bordered header cell
  | 'title' // large bold title
  | 'subtitle' // bold
  | 'muted' // grey italic note
  | 'good' // green fill (static, for legend cells)
  | 'warn' // yellow fill
  | 'bad' // red fill
  | 'integerLeft' // #,##0, left-aligned (key/value lists)
  | 'decimalLeft' // #,##0.00, left-aligned
  | 'percentLeft' // 0.0%, left-aligned
  | 'note' // grey italic, wrapped (explanations spanning several columns)
  | 'alert'; // red fill, wrapped (warnings spanning several columns)

/** One cell: a value with an optional style override. Strings are always written as text, never formulas. */
export type CellValue =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | {
      value: string | number | boolean | Date | null;
      style: CellStyle;
      /**
       * Columns the cell covers, itself included (default 1): more than 1 merges it with the
       * cells to its right, which must be empty. A wrapped style then wraps over the whole width.
       */
      span?: number;
    }
  | FormulaCell;

/**
 * A formula cell, written only where the report itself builds the formula (never from data: data
 * strings stay text). Build links with `hyperlinkCell`, which escapes and checks the limits.
 */
export interface FormulaCell {
  /** The formula without its leading `=`, at most 8,192 characters (Excel's limit). */
  formula: string;
  /** The cached result readers show before (or without) recalculating. */
  result: string;
  style?: CellStyle;
}

/** A column of a sheet. */
export interface ColumnSpec {
  header: string;
  /** Width in characters (Excel units). */
  width?: number;
  /** Default style for this column's data cells. */
  style?: CellStyle;
}

/**
 * Red/yellow/green on a numeric ratio (0..1): value < red → red, value < yellow → yellow, else green.
 * Applied to a column's data cells.
 */
export interface TrafficLightRule {
  kind: 'trafficLight';
  /** 0-based column index. */
  column: number;
  red: number;
  yellow: number;
}

/** Fill a text cell by its exact value (for compliance-type cells). */
export interface TextMatchRule {
  kind: 'textEquals';
  column: number;
  /** Each value and the fill it gets. */
  matches: { value: string; fill: 'good' | 'warn' | 'bad' | 'neutral' }[];
}

export type ConditionalRule = TrafficLightRule | TextMatchRule;

/** A native chart drawn on a sheet, reading its data from a range of the same sheet. */
export interface ChartSpec {
  type: 'bar' | 'column' | 'pie' | 'doughnut';
  title: string;
  /**
   * Cell ranges on this sheet, 0-based inclusive, e.g. {col: 0, firstRow: 5, lastRow: 9} is A6:A10.
   * Rows count from the top of the grid: row 0 is the header row when the sheet has one.
   */
  categories: { col: number; firstRow: number; lastRow: number };
  series: {
    name: string;
    values: { col: number; firstRow: number; lastRow: number };
    /** Series colour as RRGGBB (bar/column). */
    color?: string;
    /** One colour per data point as RRGGBB (pie/doughnut slices), e.g. green/red for compliant/non-compliant. */
    pointColors?: string[];
  }[];
  /** Placement: top-left and bottom-right cells (0-based). */
  anchor: { fromCol: number; fromRow: number; toCol: number; toRow: number };
  /** Show values as percent axis (0..1 data). */
  percentAxis?: boolean;
  /**
   * With `percentAxis`: the value axis spans the data instead of 0–100 % — from 10 % below the
   * lowest value (rounded down to a 10 % step) to the highest rounded up to one, within 0–100 %.
   * Bars that all sit between 60 and 70 % then differ visibly.
   */
  fitAxis?: boolean;
}

/** Options of one sheet. */
export interface SheetOptions {
  /** Requested name; the writer sanitizes and de-duplicates it (see `SheetWriter.name`). */
  name: string;
  /**
   * Columns. When `header` is true (default) row 1 is the styled header, frozen, with an autofilter
   * over the data (and the hidden `_xlnm._FilterDatabase` name).
   */
  columns: ColumnSpec[];
  header?: boolean;
  autoFilter?: boolean;
  freezeHeader?: boolean;
  conditional?: ConditionalRule[];
  charts?: ChartSpec[];
  /** Tab colour as RRGGBB. */
  tabColor?: string;
  /**
   * Data rows the sheet will get (header excluded), when known before the first row: the head then
   * carries the real `<dimension ref="A1:X123">` (read-only readers such as openpyxl take the
   * sheet's size from it). Writing more rows, or closing with fewer, is an error. A split sheet
   * takes the total and gives each part its share.
   */
  rowCount?: number;
  print?: PrintOptions;
}

/** How a sheet prints. */
export interface PrintOptions {
  /** Landscape (default) or portrait. */
  orientation?: 'landscape' | 'portrait';
  /**
   * Scale to one page wide (default true): right for summaries; long tables with many columns
   * become unreadably small, so they print at 100 % over several pages instead.
   */
  fitToWidth?: boolean;
  /** Repeat the header row at the top of every printed page (default: when the sheet has a header). */
  repeatHeader?: boolean;
}

/** Counts of what the writer had to change to keep the file valid; reported in the About sheet. */
export interface SanitizeStats {
  /** Cells from which XML-illegal characters were removed. */
  illegalCharsStripped: number;
  /** Cells cut to 32,767 characters. */
  truncated: number;
  /** Text cells that looked like formulas and were kept as text (quotePrefix). */
  formulaLike: number;
  /** Sheet names that had to be changed. */
  sheetNamesChanged: number;
  /** Numbers that were NaN or ±Infinity, and invalid Dates: Excel cannot store them, so the cell is left empty. */
  nonFiniteNumbers: number;
}

/**
 * Rows already encoded as `<row>` XML (UTF-8) by a `RowBlockEncoder`, for
 * {@link SheetWriter.addEncodedRows}.
 */
export interface EncodedRows {
  bytes: Uint8Array;
  /** 1-based grid row of the first row in `bytes`; must be the sheet's next row. */
  firstRow: number;
  /** Rows in `bytes` (all-empty rows count but have no XML). */
  rows: number;
  /** What sanitizing changed in these rows; added to the workbook's stats. */
  stats: SanitizeStats;
}

/** Writes rows of one sheet. */
export interface SheetWriter {
  /** The sheet's final (sanitized, unique) name. */
  readonly name: string;
  /** Data rows written so far (not counting the header). */
  readonly rowCount: number;
  /**
   * Appends one row. Resolves immediately unless the zip stream applies backpressure; callers
   * must await it.
   */
  addRow(cells: readonly CellValue[]): Promise<void>;
  /**
   * Appends rows encoded elsewhere (a worker thread) by a `RowBlockEncoder` with this sheet's
   * columns. Rejects with a RangeError when the block does not start at the sheet's next row or
   * does not fit (Excel's grid, a split sheet's part), and for sheets with charts (their caches
   * read the cell values). Same backpressure contract as {@link addRow}.
   */
  addEncodedRows(block: EncodedRows): Promise<void>;
  /** Finishes the sheet (writes autofilter, conditional formats, drawing). */
  close(): Promise<void>;
}

/** A streaming workbook. */
export interface WorkbookWriter {
  /** Opens the next sheet; the previous one must be closed. */
  addSheet(options: SheetOptions): Promise<SheetWriter>;
  /**
   * Opens a sheet that continues into `Name (2)`, `Name (3)`, … when it reaches `rowLimit` data rows
   * (default: 1,048,575, Excel's limit less the header). Returns the names used via `names`.
   */
  addSplitSheet(
    options: SheetOptions & { rowLimit?: number },
  ): Promise<SheetWriter & { readonly names: string[] }>;
  /** Workbook-level metadata for docProps. */
  setProperties(props: { title?: string; creator?: string; created?: Date }): void;
  readonly stats: SanitizeStats;
  /** Writes the remaining parts and ends the output stream. Resolves when all bytes are flushed. */
  finalize(): Promise<void>;
}
