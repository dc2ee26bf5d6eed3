/**
 * The whole workbook, in sheet order: Summary, Coverage, Accounts, Rules, Conformance packs (only
 * when a shard reports one), Owners, Extracts (only when extracts are written), Non-Compliant,
 * Exceptions (only when an exceptions file is configured), Details (split as needed), About. The model is
 * computed before this starts; evaluation rows are pulled from the caller's iterables as the
 * sheets stream.
 */
import type { DetailRow, ReportModel } from './model.js';
import { writeAboutSheet } from './sheets/about.js';
import { writeAggregateSheets } from './sheets/aggregates.js';
import { writeDetailsSheet, writeNonCompliantSheet } from './sheets/evaluations.js';
import { type ExceptionRow, writeExceptionsSheet } from './sheets/exceptions.js';
import { writeExtractsSheet } from './sheets/extracts.js';
import { writeSummarySheet } from './sheets/summary.js';
import type { EncodedRows, SanitizeStats, WorkbookWriter } from './xlsx/index.js';

/**
 * The evaluation rows, each iterable consumed once, in output order: as rows, or as blocks
 * encoded by a worker thread (then the CSV is written elsewhere too). `counts` are the rows each
 * will yield, known before the first is written, so every part's `<dimension>` is exact.
 */
export type WorkbookRows = {
  counts: { nonCompliant: number; details: number };
  /** The Exceptions sheet's rows and their count (absent: no exceptions file, no sheet). */
  exceptions?: { rows: Iterable<ExceptionRow>; count: number };
} & (
  | {
      nonCompliant: Iterable<DetailRow>;
      details: Iterable<DetailRow>;
      /** Called for every Details row as it is written (the CSV companion). */
      onDetail?: (row: DetailRow) => void | Promise<void>;
    }
  | { nonCompliantBlocks: AsyncIterable<EncodedRows>; detailBlocks: AsyncIterable<EncodedRows> }
);

/** What was written. */
export interface WorkbookResult {
  sheetNames: string[];
  nonCompliantSheets: string[];
  detailSheets: string[];
  stats: SanitizeStats;
}

/** Writes every sheet and finalizes the workbook. */
export async function writeWorkbook(
  writer: WorkbookWriter,
  model: ReportModel,
  rows: WorkbookRows,
  rowLimit: number,
): Promise<WorkbookResult> {
  writer.setProperties({
    title: `ConfigRule ${model.reportDate}`,
    creator: 'configreport',
    created: model.generatedAt,
  });
  const names: string[] = [];
  names.push(await writeSummarySheet(writer, model));
  names.push(...(await writeAggregateSheets(writer, model)));
  const extracts = await writeExtractsSheet(writer, model);
  if (extracts) names.push(extracts);
  const encoded = 'detailBlocks' in rows;
  const { counts } = rows;
  const nonCompliant = await writeNonCompliantSheet(
    writer,
    encoded
      ? { blocks: rows.nonCompliantBlocks, rowLimit, rowCount: counts.nonCompliant }
      : { rows: rows.nonCompliant, rowLimit, rowCount: counts.nonCompliant },
  );
  names.push(...nonCompliant.names);
  if (rows.exceptions)
    names.push(
      ...(await writeExceptionsSheet(writer, {
        rows: rows.exceptions.rows,
        rowCount: rows.exceptions.count,
        rowLimit,
      })),
    );
  const details = await writeDetailsSheet(
    writer,
    encoded
      ? { blocks: rows.detailBlocks, rowLimit, rowCount: counts.details }
      : {
          rows: rows.details,
          rowLimit,
          rowCount: counts.details,
          ...(rows.onDetail ? { tap: rows.onDetail } : {}),
        },
  );
  names.push(...details.names);
  names.push(await writeAboutSheet(writer, model, names));
  await writer.finalize();
  return {
    sheetNames: names,
    nonCompliantSheets: nonCompliant.names,
    detailSheets: details.names,
    stats: { ...writer.stats },
  };
}
