/**
 * Pass 2's big outputs: the Non-Compliant and Details sheets' rows and the details CSV. With
 * worker threads, the CSV and the two sheets' rows are produced by one worker each, reading the
 * spool themselves, while the main thread writes the small sheets and copies encoded blocks into
 * the zip. Without, all of it happens in this thread, from the same spool: same bytes either way.
 */
import { DetailsCsvWriter } from '../../report/csv.js';
import type { DetailRow, ExceptionEntryRow } from '../../report/model.js';
import { acceptedRow, type ExceptionRow, idleEntryRows } from '../../report/sheets/exceptions.js';
import type { WorkbookRows } from '../../report/workbook.js';
import { encodeSheetsInWorker, writeCsvInWorker } from './engine/index.js';
import type { OutputOrder } from './order.js';
import { detailRows, type RowSourceInput, rowSourceFromSpool, type SpoolRows } from './rows.js';
import type { FinalSettings } from './settings.js';

/** The evaluation rows, being produced. */
export interface EvaluationOutputs {
  /** The evaluation sheets' rows, as `writeWorkbook` takes them. */
  rows: WorkbookRows;
  /** Resolves once the CSV is complete on disk (call after the workbook is written). */
  finish(): Promise<void>;
  /** Stops the CSV and any worker after a failure elsewhere. */
  abort(error: Error): Promise<void>;
  /** Releases this thread's spool reader. */
  close(): void;
}

/** Inputs of {@link startEvaluationOutputs}. */
export interface EvaluationOutputsInput {
  spool: SpoolRows;
  order: OutputOrder;
  settings: Pick<FinalSettings, 'workers' | 'gzipLevel' | 'csvFormulaGuard' | 'detailsRowLimit'>;
  /** Where the gzip CSV is written. */
  csvPath: string;
  /** Every entry of the exceptions file, in file order (absent: no exceptions file, no sheet). */
  exceptions?: readonly ExceptionEntryRow[];
}

/** Starts the CSV (in a worker or alongside Details) and prepares the sheets' rows. */
export function startEvaluationOutputs(input: EvaluationOutputsInput): EvaluationOutputs {
  const { spool, order, settings, csvPath } = input;
  const csvOptions = { gzipLevel: settings.gzipLevel, formulaGuard: settings.csvFormulaGuard };
  const csvWorker =
    settings.workers > 0
      ? writeCsvInWorker({ ...spool, order: order.order, outPath: csvPath, ...csvOptions })
      : null;
  const sheetWorker = csvWorker
    ? encodeSheetsInWorker({
        ...spool,
        nonCompliantOrder: order.nonCompliantOrder,
        detailsOrder: order.order,
        rowLimit: settings.detailsRowLimit,
      })
    : null;
  const source = rowSourceFromSpool(spool);
  const csv = csvWorker ? null : new DetailsCsvWriter(csvPath, csvOptions);
  const counts = { nonCompliant: order.nonCompliantOrder.length, details: order.order.length };
  // Small next to Details: always read in this thread, between the Non-Compliant and Details sheets.
  const exceptions = input.exceptions ? exceptionSheetRows(source, order, input.exceptions) : undefined;
  const rows: WorkbookRows = sheetWorker
    ? {
        counts,
        ...(exceptions ? { exceptions } : {}),
        nonCompliantBlocks: sheetWorker.blocks('nonCompliant'),
        detailBlocks: sheetWorker.blocks('details'),
      }
    : {
        counts,
        ...(exceptions ? { exceptions } : {}),
        nonCompliant: detailRows(source, order.nonCompliantOrder),
        details: detailRows(source, order.order),
        ...(csv ? { onDetail: (row: DetailRow) => csv.write(row) } : {}),
      };
  return {
    rows,
    async finish() {
      if (csv) await csv.end();
      else await csvWorker?.done;
    },
    async abort(error) {
      csv?.destroy(error);
      await csvWorker?.stop();
      await sheetWorker?.stop();
    },
    close: () => source.reader.close(),
  };
}

/** The Exceptions sheet's rows: the accepted evaluations in output order, then the idle entries. */
function exceptionSheetRows(
  source: RowSourceInput,
  order: OutputOrder,
  entries: readonly ExceptionEntryRow[],
): { rows: Iterable<ExceptionRow>; count: number } {
  const idle = idleEntryRows(entries);
  function* rows(): Generator<ExceptionRow> {
    let i = 0;
    for (const row of detailRows(source, order.acceptedOrder))
      yield acceptedRow(row, entries[order.acceptedEntry[i++]!]!);
    yield* idle;
  }
  return { rows: rows(), count: order.acceptedOrder.length + idle.length };
}
