/**
 * The fixed parts of a worksheet around `<sheetData>`, in CT_Worksheet order (Excel refuses
 * other orders): sheetPr, dimension, sheetViews, sheetFormatPr, cols | sheetData | autoFilter,
 * mergeCells, conditionalFormatting, pageMargins, pageSetup, drawing.
 */
import { cellRef, columnLetter } from './cellRef.js';
import type { RowMerge } from './rowEncoder.js';
import type { ColumnSpec } from './types.js';

/** Excel's maximum column width in characters. */
const MAX_WIDTH = 255;

/** What the head of a sheet needs. */
export interface SheetHead {
  tabColor?: string | undefined;
  /** Freeze row 1. */
  freezeHeader: boolean;
  /** The first sheet of the workbook is the selected tab. */
  selected: boolean;
  columns: readonly ColumnSpec[];
  /** Last used cell (0-based column, 1-based row) when known up front; the dimension is left out otherwise. */
  extent?: { lastCol: number; lastRow: number } | undefined;
  /** Print scaled to one page wide. */
  fitToWidth: boolean;
}

/** Validates an RRGGBB colour and returns it upper-cased. */
export function rgb(color: string, what: string): string {
  if (!/^[0-9A-Fa-f]{6}$/.test(color)) throw new RangeError(`${what} ${JSON.stringify(color)} is not RRGGBB`);
  return color.toUpperCase();
}

function colsXml(columns: readonly ColumnSpec[]): string {
  let xml = '';
  columns.forEach((c, i) => {
    if (c.width === undefined) return;
    if (!Number.isFinite(c.width) || c.width < 0)
      throw new RangeError(`column ${i} width ${c.width} is invalid`);
    const width = Math.min(c.width, MAX_WIDTH);
    xml += `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`;
  });
  return xml ? `<cols>${xml}</cols>` : '';
}

/** `<dimension ref>` of a sheet whose last used cell is known: `A1` alone, or `A1:X123`. */
export function dimensionXml(extent: { lastCol: number; lastRow: number }): string {
  const last = cellRef(extent.lastCol, Math.max(extent.lastRow, 1));
  return `<dimension ref="${last === 'A1' ? 'A1' : `A1:${last}`}"/>`;
}

/** Everything up to and including `<sheetData>`. */
export function sheetHeadXml(head: SheetHead): string {
  // fitToPage switches on the "fit to N pages" scaling of pageSetup in the tail.
  const tab = head.tabColor ? `<tabColor rgb="FF${rgb(head.tabColor, 'tabColor')}"/>` : '';
  const fit = head.fitToWidth ? '<pageSetUpPr fitToPage="1"/>' : '';
  const sheetPr = tab || fit ? `<sheetPr>${tab}${fit}</sheetPr>` : '';
  const pane = head.freezeHeader
    ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    sheetPr +
    (head.extent ? dimensionXml(head.extent) : '') +
    `<sheetViews><sheetView${head.selected ? ' tabSelected="1"' : ''} workbookViewId="0">${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    colsXml(head.columns) +
    '<sheetData>'
  );
}

/** What the tail of a sheet needs, known once the last row is written. */
export interface SheetTail {
  /** Autofilter over columns 0..lastCol and rows 1..lastRow (1-based). */
  filter?: { lastCol: number; lastRow: number } | undefined;
  conditionalXml: string;
  hasDrawing: boolean;
  merges: readonly RowMerge[];
  orientation: 'landscape' | 'portrait';
  fitToWidth: boolean;
}

function mergeCellsXml(merges: readonly RowMerge[]): string {
  if (merges.length === 0) return '';
  const refs = merges
    .map((m) => `<mergeCell ref="${cellRef(m.firstCol, m.row1)}:${cellRef(m.lastCol, m.row1)}"/>`)
    .join('');
  return `<mergeCells count="${merges.length}">${refs}</mergeCells>`;
}

/** Everything from `</sheetData>` to the end. */
export function sheetTailXml(tail: SheetTail): string {
  const filter = tail.filter
    ? `<autoFilter ref="A1:${columnLetter(tail.filter.lastCol)}${tail.filter.lastRow}"/>`
    : '';
  return (
    `</sheetData>${filter}${mergeCellsXml(tail.merges)}${tail.conditionalXml}` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    // Unscaled tables print a band of rows across all its pages before the next band, so a row's
    // remaining columns are on the next page rather than hundreds of pages later.
    `<pageSetup${tail.fitToWidth ? '' : ' pageOrder="overThenDown"'} orientation="${tail.orientation}"${tail.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ''}/>` +
    (tail.hasDrawing ? '<drawing r:id="rId1"/>' : '') +
    '</worksheet>'
  );
}
