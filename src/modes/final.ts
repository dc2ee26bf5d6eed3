/**
 * Final mode, the reduce phase: merge every shard of a group into the Excel dashboard
 * `reports/ConfigRule_<Date>.xlsx`, a gzip CSV of every evaluation and a summary JSON.
 *
 * Passes: (1) list and read every shard once, streaming — validate, spool record bodies to a temp
 * file, keep one compact winner per dedupe key; (between) compute statistics, environments,
 * coverage and the sorted output order; (2) stream the workbook sheet by sheet straight into a
 * multipart upload, reading the winners back from the spool, writing the CSV alongside Details.
 * Memory holds the compact winners, never the raw shard JSON.
 */
import { createReadStream, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { FinalEvent } from '../core/event.js';
import { batchPrefix, normalizePrefix, planKey, reportDate, reportKeys } from '../core/keys.js';
import type { LoggerPort } from '../core/logger.js';
import type { PlanManifest } from '../core/model.js';
import { parsePlanManifest } from '../core/planSchema.js';
import { DetailsCsvWriter } from '../report/csv.js';
import type { DetailRow } from '../report/model.js';
import { buildSummaryJson } from '../report/summaryJson.js';
import { type WorkbookResult, type WorkbookRows, writeWorkbook } from '../report/workbook.js';
import { createWorkbookWriter, type WorkbookWriter } from '../report/xlsx/index.js';
import type { Store } from '../store/Store.js';
import { analyze } from './final/analyze.js';
import { collectShards } from './final/collect.js';
import { writeCsvInWorker } from './final/csvWorker.js';
import { detailRows, rowSourceFromSpool } from './final/rows.js';
import { encodeSheetsInWorker } from './final/sheetWorker.js';
import { SpoolWriter } from './final/spool.js';
import type { FinalDeps, FinalResult } from './final/types.js';
import type { SpoolRows } from './final/workerProtocol.js';

export type { FinalDeps, FinalResult } from './final/types.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Runs final mode for `event.group_id`. Bad or foreign shard files, missing shards and invalid
 * records end up named in the report; only storage failures (listing, reading, uploading) throw.
 *
 * @example
 * const result = await runFinal(parseEvent({ mode: 'final', group_id: '2024-05-01' }) as FinalEvent, {
 *   store, prefix: '', logger, clock: () => new Date(), settings: finalSettings(), tempDir: os.tmpdir(),
 * });
 * console.log(result.keys.xlsx, result.summary.overall.compliance_ratio);
 */
export async function runFinal(event: FinalEvent, deps: FinalDeps): Promise<FinalResult> {
  const started = performance.now();
  const { store, logger, settings } = deps;
  const prefix = normalizePrefix(deps.prefix);
  const generatedAt = deps.clock();
  const groupId = event.group_id;
  const date = reportDate(groupId, generatedAt);
  const keys = reportKeys(prefix, date);
  const warnings: string[] = [];
  const plan = await loadPlan(store, planKey(prefix, groupId), groupId, warnings, logger);

  const work = await mkdtemp(join(deps.tempDir, 'configreport-final-'));
  try {
    const spool = new SpoolWriter(join(work, 'records.spool'));
    let collected: Awaited<ReturnType<typeof collectShards>>;
    try {
      collected = await collectShards({
        store,
        batchPrefix: batchPrefix(prefix, groupId),
        groupId,
        ownerTagKey: settings.ownerTagKey,
        readAhead: settings.readAhead,
        maxLineBytes: settings.maxLineBytes,
        spool,
        workers: settings.workers,
        tempDir: work,
        logger,
      });
    } finally {
      spool.close();
    }
    logger.info('shards read', {
      group_id: groupId,
      accepted: collected.accepted.length,
      rejected: collected.rejected.length,
      records: collected.recordsRead,
      unique: collected.table.size,
      spool_bytes: collected.spoolPaths.reduce((sum, path) => sum + statSync(path).size, 0),
    });

    const analysis = analyze({
      collected,
      event,
      plan,
      settings,
      reportDate: date,
      generatedAt,
      storeLocation: store.location,
      warnings,
    });
    collected.table.seal();
    const { model } = analysis;

    // Where the winners' records are: handed to the workers, or read here (same rows either way).
    const table = collected.table;
    const spoolRows: SpoolRows = {
      spoolPaths: collected.spoolPaths,
      files: table.spoolFile.subarray(0, table.size),
      offsets: table.spoolOffset.subarray(0, table.size),
      lengths: table.spoolLength.subarray(0, table.size),
      recorded: table.recorded.subarray(0, table.size),
      invoked: table.invoked.subarray(0, table.size),
      accounts: model.accounts.map((a): [string, string, string] => [
        a.accountId,
        a.accountName,
        a.environment,
      ]),
    };
    const rows = rowSourceFromSpool(spoolRows);
    try {
      const csvPath = join(work, 'details.csv.gz');
      const csvOptions = { gzipLevel: settings.gzipLevel, formulaGuard: settings.csvFormulaGuard };
      // With worker threads, the CSV and the two evaluation sheets' rows are produced by one worker
      // each, reading the spool themselves; the main thread writes the small sheets and copies
      // encoded blocks into the zip. Without, all of it happens here (same bytes either way).
      const csvWorker =
        settings.workers > 0
          ? writeCsvInWorker({ ...spoolRows, order: analysis.order, outPath: csvPath, ...csvOptions })
          : null;
      const sheetWorker = csvWorker
        ? encodeSheetsInWorker({
            ...spoolRows,
            nonCompliantOrder: analysis.nonCompliantOrder,
            detailsOrder: analysis.order,
            rowLimit: settings.detailsRowLimit,
          })
        : null;
      const csv = csvWorker ? null : new DetailsCsvWriter(csvPath, csvOptions);
      const evaluationRows: WorkbookRows = sheetWorker
        ? {
            nonCompliantBlocks: sheetWorker.blocks('nonCompliant'),
            detailBlocks: sheetWorker.blocks('details'),
          }
        : {
            nonCompliant: detailRows(rows, analysis.nonCompliantOrder),
            details: detailRows(rows, analysis.order),
            ...(csv ? { onDetail: (row: DetailRow) => csv.write(row) } : {}),
          };
      let workbook: WorkbookResult;
      try {
        workbook = await uploadWorkbook(store, keys.xlsx, (writer) =>
          writeWorkbook(writer, model, evaluationRows, settings.detailsRowLimit),
        );
        if (csv) await csv.end();
        else await csvWorker?.done;
      } catch (error) {
        csv?.destroy(error as Error);
        await csvWorker?.stop();
        await sheetWorker?.stop();
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
      const duration = Math.round(performance.now() - started);
      logger.info('report written', {
        group_id: groupId,
        key: keys.xlsx,
        evaluations: model.records.unique,
        duplicates_dropped: model.records.duplicatesDropped,
        missing_shards: model.shards.missing,
        rejected_files: model.shards.rejected,
        duration_ms: duration,
      });
      return { group_id: groupId, report_date: date, keys, summary, duration_ms: duration };
    } finally {
      rows.reader.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function loadPlan(
  store: Store,
  key: string,
  groupId: string,
  warnings: string[],
  logger: LoggerPort,
): Promise<PlanManifest | undefined> {
  if (!(await store.exists(key))) return undefined;
  const parsed = parsePlanManifest(await store.getText(key), groupId);
  if (parsed.ok) return parsed.value;
  const warning = `${key}: ${parsed.reason}; coverage shows only what the shards report`;
  warnings.push(warning);
  logger.warn('plan manifest ignored', { key, reason: parsed.reason });
  return undefined;
}

/**
 * Streams a workbook into `store.putStream`. If the upload fails, the writer's next wait fails
 * too (the body is destroyed), so nothing hangs; the upload's error is the one reported.
 */
async function uploadWorkbook<T>(
  store: Store,
  key: string,
  write: (writer: WorkbookWriter) => Promise<T>,
): Promise<T> {
  const body = new PassThrough();
  let uploadError: unknown;
  const upload = store.putStream(key, body, XLSX_TYPE);
  upload.catch((error: unknown) => {
    uploadError = error;
    body.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  try {
    const result = await write(createWorkbookWriter(body));
    await upload;
    return result;
  } catch (error) {
    if (!body.destroyed) body.destroy(error instanceof Error ? error : new Error(String(error)));
    await upload.catch(() => {});
    throw uploadError ?? error;
  }
}
