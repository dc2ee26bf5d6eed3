/**
 * The Non-Compliant and Details sheets: one row per deduped evaluation, split into `Name (2)`, …
 * at the configured row limit. Details can feed every row to a tap (the CSV) while it writes.
 */
import {
  complianceTypeRule,
  DETAIL_COLUMNS,
  type EvaluationColumn,
  NON_COMPLIANT_COLUMNS,
} from '../columns.js';
import type { DetailRow } from '../model.js';
import type { CellValue, EncodedRows, WorkbookWriter } from '../xlsx/index.js';

/**
 * Rows to write — as rows, with an optional per-row tap (awaited only when it returns a promise),
 * or already encoded elsewhere (a worker thread; see `evaluationSheetBlocks`) — the row limit
 * of one part, and how many rows there will be (for each part's `<dimension>`).
 */
export type EvaluationSheetInput = { rowLimit: number; rowCount?: number } & (
  | { rows: Iterable<DetailRow>; tap?: (row: DetailRow) => void | Promise<void> }
  | { blocks: AsyncIterable<EncodedRows> }
);

/**
 * Long tables print at 100 % (fit to one page wide, 13 columns would be unreadably small),
 * landscape, with the header row repeated on every page.
 */
const EVALUATION_PRINT = { orientation: 'landscape', fitToWidth: false, repeatHeader: true } as const;

async function writeTable(
  writer: WorkbookWriter,
  name: string,
  tabColor: string,
  columns: readonly EvaluationColumn[],
  input: EvaluationSheetInput,
): Promise<{ names: string[]; rows: number }> {
  const complianceColumn = columns.findIndex((c) => c.spec.header === 'Compliance');
  const sheet = await writer.addSplitSheet({
    name,
    tabColor,
    columns: columns.map((c) => c.spec),
    conditional: complianceColumn >= 0 ? [complianceTypeRule(complianceColumn)] : [],
    rowLimit: input.rowLimit,
    ...(input.rowCount === undefined ? {} : { rowCount: input.rowCount }),
    print: EVALUATION_PRINT,
  });
  if ('blocks' in input) {
    for await (const block of input.blocks) await sheet.addEncodedRows(block);
  } else {
    const cells: CellValue[] = new Array(columns.length);
    for (const row of input.rows) {
      for (let i = 0; i < columns.length; i++) cells[i] = columns[i]!.cell(row);
      await sheet.addRow(cells);
      if (input.tap) {
        const pending = input.tap(row);
        if (pending) await pending;
      }
    }
  }
  await sheet.close();
  return { names: [...sheet.names], rows: sheet.rowCount };
}

/** What a worker needs to encode an evaluation sheet's rows: its columns. */
export const EVALUATION_SHEETS = {
  nonCompliant: NON_COMPLIANT_COLUMNS,
  details: DETAIL_COLUMNS,
} as const satisfies Record<string, readonly EvaluationColumn[]>;

/** Writes the Non-Compliant sheet(s). */
export function writeNonCompliantSheet(writer: WorkbookWriter, input: EvaluationSheetInput) {
  return writeTable(writer, 'Non-Compliant', 'C00000', NON_COMPLIANT_COLUMNS, input);
}

/** Writes the Details sheet(s). */
export function writeDetailsSheet(writer: WorkbookWriter, input: EvaluationSheetInput) {
  return writeTable(writer, 'Details', '7F7F7F', DETAIL_COLUMNS, input);
}
