/**
 * Pass 2 of the reduce phase: stream the workbook sheet by sheet straight into the store, reading
 * the winners back from the spool, write the CSV alongside Details, then the summary JSON.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { buildSummaryJson, type SummaryJson } from '../../report/summaryJson.js';
import { type WorkbookResult, writeWorkbook } from '../../report/workbook.js';
import type { Store } from '../../store/Store.js';
import type { Analysis } from './analyze.js';
import { startEvaluationOutputs } from './evaluationOutputs.js';
import type { SpoolRows } from './rows.js';
import type { FinalSettings } from './settings.js';
import type { ShardsRead } from './shards.js';
import type { ReportKeys } from './types.js';
import { uploadWorkbook } from './upload.js';

/** Inputs of pass 2. */
export interface WriteReportInput {
  store: Store;
  keys: ReportKeys;
  shards: ShardsRead;
  analysis: Analysis;
  settings: FinalSettings;
  /** The run's scratch folder (the CSV is written there before its upload). */
  workDir: string;
}

/** Writes the workbook, the CSV and (last) the summary JSON; returns the summary. */
export async function writeReport(input: WriteReportInput): Promise<SummaryJson> {
  const { store, keys, analysis, settings } = input;
  const { model } = analysis;
  const csvPath = join(input.workDir, 'details.csv.gz');
  const outputs = startEvaluationOutputs({
    spool: spoolRows(input.shards, analysis),
    order: analysis,
    settings,
    csvPath,
  });
  try {
    let workbook: WorkbookResult;
    try {
      workbook = await uploadWorkbook(store, keys.xlsx, (writer) =>
        writeWorkbook(writer, model, outputs.rows, settings.detailsRowLimit),
      );
      await outputs.finish();
    } catch (error) {
      await outputs.abort(error as Error);
      throw error;
    }
    await store.putStream(keys.csvGz, createReadStream(csvPath), 'application/gzip');
    const summary = buildSummaryJson(
      model,
      {
        xlsx: keys.xlsx,
        details_csv_gz: keys.csvGz,
        summary_json: keys.summaryJson,
        sheets: workbook.sheetNames,
      },
      workbook.stats,
    );
    // Written last: when the summary exists, so do the workbook and the CSV it names.
    await store.put(keys.summaryJson, `${JSON.stringify(summary, null, 2)}\n`, 'application/json');
    return summary;
  } finally {
    outputs.close();
  }
}

/** Where the winners' records are, for this thread's reader and for the workers. */
function spoolRows(shards: ShardsRead, analysis: Analysis): SpoolRows {
  const { table } = shards;
  return {
    spoolPaths: shards.spoolPaths,
    files: table.spoolFile.subarray(0, table.size),
    offsets: table.spoolOffset.subarray(0, table.size),
    lengths: table.spoolLength.subarray(0, table.size),
    recorded: table.recorded.subarray(0, table.size),
    invoked: table.invoked.subarray(0, table.size),
    accounts: analysis.model.accounts.map((a): [string, string, string] => [
      a.accountId,
      a.accountName,
      a.environment,
    ]),
  };
}
