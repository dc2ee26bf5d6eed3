/**
 * The cells and row shapes every Summary block uses, so the blocks (summary.ts, summaryWho.ts)
 * agree on styles: subtitles, header rows, integer and percentage cells, wide notes.
 */
import { ratioRule } from '../columns.js';
import type { CellValue, SheetOptions } from '../xlsx/index.js';

/** One row of the Summary. */
export type Row = CellValue[];

/** The column of every Summary ratio (G), and its header. */
export const RATIO_COL = 6;
export const RATIO_HEADER = 'Compliance %';
/** Columns A..G: the tables' width, which wide notes span (merged, wrapped). */
export const TABLE_COLUMNS = RATIO_COL + 1;

/** A ratio as text with one decimal (legend lines). */
export const pct = (n: number): string => `${Math.round(n * 1000) / 10}%`;
/** A block's title row. */
export const subtitle = (text: string): Row => [{ value: text, style: 'subtitle' }];
/** A table's header row. */
export const header = (...labels: string[]): Row =>
  labels.map((value) => ({ value, style: 'header' as const }));
/** A count. */
export const int = (value: number): CellValue => ({ value, style: 'integer' });
/** A ratio as a percentage, blank when there is no data. */
export const ratio = (value: number | null): CellValue =>
  value === null ? null : { value, style: 'percent' };
/** A note over columns A..G, wrapped (its row gets the height its lines need). */
export const note = (text: string, style: 'note' | 'alert' = 'note'): Row => [
  { value: text, style, span: TABLE_COLUMNS },
];

/**
 * The sheet options every Summary-style sheet shares (the main Summary, an extract's Summary): no
 * header row, filter or frozen pane, the given column widths (A..), and the traffic light on
 * column G. The header labels share the ratio column; a neutral fill keeps Excel from painting them
 * green (text compares greater than any number in a cellIs rule).
 */
export function summarySheetOptions(
  widths: readonly number[],
  thresholds: { red: number; yellow: number },
): Pick<
  SheetOptions,
  'name' | 'tabColor' | 'header' | 'autoFilter' | 'freezeHeader' | 'columns' | 'conditional'
> {
  return {
    name: 'Summary',
    tabColor: '70AD47',
    header: false,
    autoFilter: false,
    freezeHeader: false,
    columns: widths.map((width) => ({ header: '', width })),
    conditional: [
      { kind: 'textEquals', column: RATIO_COL, matches: [{ value: RATIO_HEADER, fill: 'neutral' }] },
      ratioRule(RATIO_COL, thresholds),
    ],
  };
}
