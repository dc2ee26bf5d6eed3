/**
 * Writing the extracts of a run: one workbook at a time, its non-compliant rows streamed from the
 * spool, into a scratch file; each finished file is uploaded into the run folder while the next is
 * written (a bounded number at once). The scratch files stay until the run ends, so publishing
 * uploads them again instead of downloading them from the run folder.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { UNTAGGED_EXTRACT_NAME } from '../../../core/extractNames.js';
import { type ExtractModel, writeExtractWorkbook } from '../../../report/extract.js';
import type { AboutLine, ReportModel } from '../../../report/model.js';
import { createWorkbookWriter } from '../../../report/xlsx/index.js';
import type { Store } from '../../../store/Store.js';
import { detailRows, type RowSourceInput, rowSourceFromSpool, type SpoolRows } from '../rows.js';
import type { ExtractEntry, ExtractPlan } from './plan.js';
import { UploadQueue } from './uploadQueue.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Uploads in flight at once (writing and publishing). Extracts are small, so per-request latency,
 * not bandwidth, bounds how fast thousands of them go; 16 stays well inside the S3 client's sockets.
 */
export const EXTRACT_UPLOADS = 16;

/**
 * Extracts with at most this many items are stored without deflate. Setting up deflate for each of
 * a workbook's ten or so zip entries costs more than the whole of a small workbook (measured: about
 * 15 ms per extract deflated, 7 ms stored), and thousands of owners have a handful of items each;
 * stored, 200 items are still only about 100 KB. Larger extracts are deflated as the main workbook.
 */
export const STORED_EXTRACT_ROWS = 200;

/** An extract written to scratch and uploaded into the run folder. */
export interface WrittenExtract {
  entry: ExtractEntry;
  /** The scratch file (publishing uploads it again). */
  path: string;
}

/** Inputs of {@link writeExtracts}. */
export interface WriteExtractsInput {
  store: Store;
  plan: ExtractPlan;
  spool: SpoolRows;
  model: ReportModel;
  /** The main workbook's published key, named in every extract. */
  mainReportKey: string;
  rowLimit: number;
  workDir: string;
  uploads?: number;
}

/** Writes every extract in plan order and uploads it to its run-folder key. */
export async function writeExtracts(input: WriteExtractsInput): Promise<WrittenExtract[]> {
  const { store, plan } = input;
  const dir = join(input.workDir, 'extracts');
  await mkdir(dir, { recursive: true });
  const source = rowSourceFromSpool(input.spool);
  const queue = new UploadQueue(input.uploads ?? EXTRACT_UPLOADS);
  const written: WrittenExtract[] = [];
  try {
    for (const [i, entry] of plan.entries.entries()) {
      const path = join(dir, `${i}.xlsx`);
      await writeOne(input, source, entry, path);
      written.push({ entry, path });
      await queue.add(() => store.putStream(entry.runKey, createReadStream(path), XLSX_TYPE));
    }
    await queue.drain();
  } catch (error) {
    await queue.settle();
    throw error;
  } finally {
    source.reader.close();
  }
  return written;
}

/** Uploads the written extracts to their published keys (a bounded number at once). */
export async function publishExtracts(
  store: Store,
  written: readonly WrittenExtract[],
  uploads = EXTRACT_UPLOADS,
): Promise<void> {
  const queue = new UploadQueue(uploads);
  try {
    for (const { entry, path } of written)
      await queue.add(() => store.putStream(entry.publishedKey, createReadStream(path), XLSX_TYPE));
    await queue.drain();
  } catch (error) {
    await queue.settle();
    throw error;
  }
}

async function writeOne(
  input: WriteExtractsInput,
  source: RowSourceInput,
  entry: ExtractEntry,
  path: string,
): Promise<void> {
  const out = createWriteStream(path);
  const done = finished(out);
  // A failed write must not leave an unhandled rejection behind; the write's own error is thrown.
  done.catch(() => {});
  try {
    const slots = entry.kind === 'owners' ? input.plan.ownerSlots : input.plan.accountSlots;
    const stored = entry.end - entry.start <= STORED_EXTRACT_ROWS;
    await writeExtractWorkbook(
      createWorkbookWriter(out, stored ? { compressionLevel: 0 } : {}),
      extractModel(input, entry),
      detailRows(source, slots.subarray(entry.start, entry.end)),
      input.rowLimit,
    );
    await done;
  } catch (error) {
    out.destroy();
    throw error;
  }
}

function extractModel(input: WriteExtractsInput, entry: ExtractEntry): ExtractModel {
  const { model } = input;
  return {
    kind: entry.kind === 'owners' ? 'Owner' : 'Account',
    value: entry.value,
    groupId: model.groupId,
    reportDate: model.reportDate,
    generatedAt: model.generatedAt,
    thresholds: model.thresholds,
    counts: entry.counts,
    ratio: entry.ratio,
    facts: [...factsOf(model, entry), ...fileFacts(input, entry)],
  };
}

function factsOf(model: ReportModel, entry: ExtractEntry): AboutLine[] {
  const account = entry.account;
  if (!account)
    return [
      { label: 'Owner tag', value: model.ownerTagKey },
      {
        label: 'Owner',
        value:
          entry.name === UNTAGGED_EXTRACT_NAME ? `${entry.value}: resources without the tag` : entry.value,
      },
      { label: "Accounts with this owner's resources", value: entry.accounts },
    ];
  return [
    { label: 'Account ID', value: account.accountId },
    { label: 'Account name', value: account.accountName },
    { label: 'Environment', value: account.environment },
    { label: 'Coverage', value: account.coverage },
    { label: 'Regions read completely (OK)', value: account.regionsOk },
    { label: 'Regions', value: account.regionsTotal },
  ];
}

function fileFacts(input: WriteExtractsInput, entry: ExtractEntry): AboutLine[] {
  return [
    { label: 'Non-compliant items (sheet Non-Compliant)', value: entry.end - entry.start },
    { label: 'This file', value: entry.publishedKey },
    { label: 'Whole report', value: input.mainReportKey },
  ];
}
