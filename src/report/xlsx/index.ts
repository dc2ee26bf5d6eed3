/**
 * Our streaming xlsx writer. The layout code needs only {@link createWorkbookWriter} and the types;
 * the modules behind it (row encoder, style table, zip sink…) are internal.
 */

export { MAX_COLUMNS, MAX_ROWS, quoteSheetName } from './cellRef.js';
export { formulaString, hyperlinkCell, MAX_FORMULA_CHARS, MAX_FORMULA_STRING_CHARS } from './formula.js';
export { RowBlockEncoder, type RowBlockOptions } from './RowBlockEncoder.js';
export { dateCell } from './rowEncoder.js';
export {
  charsPerLine,
  lineHeightPt,
  MAX_ROW_HEIGHT_PT,
  MAX_WRAPPED_LINES,
  rowHeightPt,
  type TextFont,
  wrappedCellHeightPt,
  wrappedLineCount,
} from './rowHeight.js';
export { createWorkbookWriter, type WorkbookWriterOptions } from './StreamingWorkbookWriter.js';
export { MAX_CELL_CHARS } from './text.js';
export type {
  CellStyle,
  CellValue,
  ChartSpec,
  ColumnSpec,
  ConditionalRule,
  EncodedRows,
  FormulaCell,
  PrintOptions,
  SanitizeStats,
  SheetOptions,
  SheetWriter,
  TextMatchRule,
  TrafficLightRule,
  WorkbookWriter,
} from './types.js';
