/**
 * Pass 2 of the reduce phase: stream the workbook sheet by sheet straight into the store, reading
 * the winners back from the spool, write the CSV alongside Details, the extracts when asked, the
 * HTML summary (when its key is in the set), then the summary JSON — all into the run's own folder;
 * publishing them is publish.ts's job.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { ReportFileKeys } from '../../core/keys.js';
import { renderHtmlSummary } from '../../report/html/page.js';
import { buildSummaryJson, type SummaryJson } from '../../report/summaryJson.js';
import { type WorkbookResult, writeWorkbook } from '../../report/workbook.js';
import type { Store } from '../../store/Store.js';
import type { Analysis } from './analyze.js';
import { startEvaluationOutputs } from './evaluationOutputs.js';
import { type ExtractPlan, extractIndex } from './extracts/plan.js';
import { type WrittenExtract, writeExtracts } from './extracts/write.js';
import type { SpoolRows } from './rows.js';
import type { FinalSettings } from './settings.js';
import type { ShardsRead } from './shards.js';
import { uploadWorkbook } from './upload.js';

/** Inputs of pass 2. */
export interface WriteReportInput {
  store: Store;
  /** Where to write: the run folder's keys (with `html` only when the HTML summary is on). */
  keys: ReportFileKeys;
  /** Where the set will be published: the keys the summary's `outputs` names. */
  published: ReportFileKeys;
  shards: ShardsRead;
  analysis: Analysis;
  settings: FinalSettings;
  /** The run's scratch folder (the CSV is written there before its upload). */
  workDir: string;
  /** The per-owner / per-account extracts to write (absent when they are off). */
  extracts?: ExtractPlan;
}

/** What pass 2 wrote, for publishing. */
export interface WrittenReport {
  summary: SummaryJson;
  /** The summary document exactly as uploaded. */
  summaryText: string;
  /** The HTML summary exactly as uploaded; absent when the set has no `html` key. */
  htmlText?: string;
  /** The gzip CSV in the scratch folder (it exists until the run's folder is removed). */
  csvPath: string;
  /** The extracts, in the run folder and in the scratch folder (absent when they are off). */
  extracts?: WrittenExtract[];
}

/** Writes the workbook, the CSV, the extracts, the HTML summary and (last) the summary JSON to `input.keys`. */
export async function writeReport(input: WriteReportInput): Promise<WrittenReport> {
  const { store, keys, published, analysis, settings } = input;
  const model = input.extracts
    ? { ...analysis.model, extracts: extractIndex(input.extracts) }
    : analysis.model;
  const spool = spoolRows(input.shards, analysis);
  const csvPath = join(input.workDir, 'details.csv.gz');
  const outputs = startEvaluationOutputs({
    spool,
    order: analysis,
    settings,
    csvPath,
    ...(model.exceptions ? { exceptions: model.exceptions.entries } : {}),
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
    const extracts = input.extracts
      ? await writeExtracts({
          store,
          plan: input.extracts,
          spool,
          model,
          mainReportKey: published.xlsx,
          rowLimit: settings.detailsRowLimit,
          workDir: input.workDir,
        })
      : undefined;
    const summary = buildSummaryJson(
      model,
      {
        xlsx: published.xlsx,
        details_csv_gz: published.csvGz,
        summary_json: published.summaryJson,
        ...(keys.html !== undefined && published.html !== undefined ? { html: published.html } : {}),
        sheets: workbook.sheetNames,
      },
      workbook.stats,
    );
    // Rendered from the summary object itself, so the page and the JSON carry the same numbers.
    const htmlText = keys.html !== undefined ? renderHtmlSummary(summary) : undefined;
    if (keys.html !== undefined && htmlText !== undefined)
      await store.put(keys.html, htmlText, 'text/html; charset=utf-8');
    // Written last: when the run folder holds a summary, it holds the rest of the set too.
    const summaryText = `${JSON.stringify(summary, null, 2)}\n`;
    await store.put(keys.summaryJson, summaryText, 'application/json');
    return {
      summary,
      summaryText,
      csvPath,
      ...(extracts ? { extracts } : {}),
      ...(htmlText !== undefined ? { htmlText } : {}),
    };
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
    reportMs: analysis.model.generatedAt.getTime(),
    staleDays: analysis.model.stale.thresholdDays,
  };
}
