/**
 * The fixed parts of a worksheet around `<sheetData>`, in CT_Worksheet order (Excel refuses
 * other orders): sheetPr, sheetViews, sheetFormatPr, cols | sheetData | autoFilter,
 * conditionalFormatting, pageMargins, drawing.
 */
import { columnLetter } from './cellRef.js';
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

/** Everything up to and including `<sheetData>`. */
export function sheetHeadXml(head: SheetHead): string {
  // Every sheet prints landscape, one page wide: report sheets are wide and a person printing the
  // Summary wants whole rows, not columns scattered over pages (see pageSetup in the tail).
  const tab = head.tabColor ? `<tabColor rgb="FF${rgb(head.tabColor, 'tabColor')}"/>` : '';
  const sheetPr = `<sheetPr>${tab}<pageSetUpPr fitToPage="1"/></sheetPr>`;
  const pane = head.freezeHeader
    ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    sheetPr +
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
}

/** Everything from `</sheetData>` to the end. */
export function sheetTailXml(tail: SheetTail): string {
  const filter = tail.filter
    ? `<autoFilter ref="A1:${columnLetter(tail.filter.lastCol)}${tail.filter.lastRow}"/>`
    : '';
  return (
    `</sheetData>${filter}${tail.conditionalXml}` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
    (tail.hasDrawing ? '<drawing r:id="rId1"/>' : '') +
    '</worksheet>'
  );
}
