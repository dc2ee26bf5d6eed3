/**
 * Final mode, the reduce phase: merge every shard of a group into the Excel dashboard
 * `reports/ConfigRule_<Date>.xlsx`, a gzip CSV of every evaluation, a self-contained HTML summary
 * and a summary JSON, written into the run's own folder and then published (final/publish.ts).
 *
 * Passes: (1) list and read every shard once, streaming — validate, spool record bodies to a temp
 * file, keep one compact winner per dedupe key (final/readShards.ts); (between) compute statistics,
 * environments, coverage and the sorted output order (final/analyze.ts); (2) stream the workbook
 * sheet by sheet straight into a multipart upload, reading the winners back from the spool, writing
 * the CSV alongside Details (final/writeReport.ts). Memory holds the compact winners, never the raw
 * shard JSON. Worker threads (final/engine/) speed up both passes without changing a byte.
 */
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FinalEvent } from '../core/event.js';
import {
  batchPrefix,
  normalizePrefix,
  planKey,
  type ReportFileKeys,
  reportDate,
  reportExtractsFolder,
  reportKeys,
  reportRunFolder,
  reportRunKeys,
  withoutHtml,
} from '../core/keys.js';
import type { LoggerPort } from '../core/logger.js';
import type { PlanManifest } from '../core/model.js';
import { parsePlanManifest } from '../core/planSchema.js';
import type { Store } from '../store/Store.js';
import { analyze } from './final/analyze.js';
import { NoShardsError } from './final/errors.js';
import { loadExceptions } from './final/exceptionsLoad.js';
import { planExtracts } from './final/extracts/plan.js';
import { notifyFailure, notifyReport } from './final/notify.js';
import { newRunId, publishReport, reportManifest } from './final/publish.js';
import { readShards } from './final/readShards.js';
import { DEFAULT_SHARD_READ_RETRY } from './final/shardRetry.js';
import type { ShardsRead } from './final/shards.js';
import { SpoolWriter } from './final/spool.js';
import type { FinalDeps, FinalResult, ReportKeys } from './final/types.js';
import { writeReport } from './final/writeReport.js';

export {
  InvalidExceptionsError,
  isInvalidExceptionsError,
  isNoShardsError,
  isSetupFailureError,
  isShardReadError,
  NoShardsError,
  SetupFailureError,
  ShardReadError,
} from './final/errors.js';
export type {
  NotificationOutcome,
  NotificationPort,
  NotificationText,
  NotifyDeps,
  ReportLink,
  ReportLinkPort,
} from './final/notify.js';
export type { ReportManifest } from './final/publish.js';
export type { FinalSettings } from './final/settings.js';
export type { FinalDeps, FinalResult } from './final/types.js';

/**
 * Runs final mode for `event.group_id`. Bad or foreign shard files, missing shards and invalid
 * records end up named in the report. It throws for storage failures (listing, uploading; a shard
 * read that still fails after retries: `ShardReadError`), a failed worker thread, and a group with
 * no usable shard (`NoShardsError`, before anything is written). A setup failure (for example every
 * account denied `sts:AssumeRole`) is published and returned in `summary.setup_failure`; the
 * shells turn it into a failure (Lambda: `SetupFailureError`; CLI: exit 4).
 *
 * The set is written into the run's own folder, then published (publish.ts): the well-known keys
 * `reports/[groups/<group_id>/]ConfigRule_<Date>.*`, the workbook last, then the manifest.
 *
 * With `deps.notify`, the published report (or the failure, before it is rethrown) is announced
 * (final/notify.ts); what became of the announcement is `result.notification` — a notification
 * that fails is logged and reported there, never thrown.
 *
 * @example
 * const result = await runFinal(parseEvent({ mode: 'final', group_id: '2024-05-01' }) as FinalEvent, {
 *   store, prefix: '', logger, clock: () => new Date(), tempDir: os.tmpdir(),
 *   settings: loadSettings({ env: process.env, surface: 'lambda' }).settings.final,
 * });
 * console.log(result.keys.xlsx, result.summary.overall.compliance_ratio);
 */
export async function runFinal(event: FinalEvent, deps: FinalDeps): Promise<FinalResult> {
  const { notify, logger } = deps;
  if (!notify) return produceReport(event, deps);
  let result: FinalResult;
  try {
    result = await produceReport(event, deps);
  } catch (error) {
    const groupId = event.group_id;
    await notifyFailure(error, { groupId, reportDate: reportDate(groupId, deps.clock()) }, notify, {
      logger,
    });
    throw error;
  }
  const notification = await notifyReport({ summary: result.summary, keys: { ...result.keys } }, notify, {
    linkExpiryDays: deps.settings.notify.linkExpiryDays,
    logger,
  });
  return { ...result, notification };
}

/** The report itself: read, analyse, write and publish (runFinal adds the announcement). */
async function produceReport(event: FinalEvent, deps: FinalDeps): Promise<FinalResult> {
  const started = performance.now();
  const { store, logger, settings } = deps;
  const prefix = normalizePrefix(deps.prefix);
  const generatedAt = deps.clock();
  const groupId = event.group_id;
  const date = reportDate(groupId, generatedAt);
  // Without the HTML summary, the set has no `html` key: nothing writes, publishes or names one.
  const set = <K extends ReportFileKeys>(k: K): K => (settings.html ? k : withoutHtml(k));
  const keys = set(reportKeys(prefix, date, groupId));
  const runId = newRunId(generatedAt);
  const runKeys = set(reportRunKeys(prefix, groupId, runId, date));
  const warnings: string[] = [];
  // Before anything is read or written: a bad exceptions file must stop the run with nothing changed.
  const exceptions = await loadExceptions(settings, store, date, warnings);
  const plan = await loadPlan(store, planKey(prefix, groupId), groupId, warnings, logger);

  const workDir = await mkdtemp(join(deps.tempDir, 'configreport-final-'));
  try {
    const shards = await readPass(event, deps, prefix, workDir);
    if (shards.accepted.length === 0) throw noShards(shards, { store, prefix, groupId, plan, keys });
    const analysis = analyze({
      shards,
      event,
      plan,
      settings,
      reportDate: date,
      generatedAt,
      storeLocation: store.location,
      warnings,
      ...(exceptions ? { exceptions } : {}),
    });
    const extracts = planExtracts({
      shards,
      order: analysis,
      stats: analysis.stats,
      accounts: analysis.model.accounts,
      settings,
      folders: {
        run: reportRunFolder(prefix, groupId, runId),
        published: reportExtractsFolder(prefix, groupId, date),
      },
    });
    shards.table.seal();
    const written = await writeReport({
      store,
      keys: runKeys,
      published: keys,
      shards,
      analysis,
      settings,
      workDir,
      ...(extracts ? { extracts } : {}),
    });
    const { summary } = written;
    const manifest = reportManifest(summary, runId, runKeys, keys, written.extracts);
    await publishReport({ store, run: runKeys, published: keys, ...written, manifest });
    const durationMs = Math.round(performance.now() - started);
    const { model } = analysis;
    logger.info('report published', {
      group_id: groupId,
      key: keys.xlsx,
      manifest: keys.manifest,
      run_id: runId,
      evaluations: model.records.unique,
      duplicates_dropped: model.records.duplicatesDropped,
      missing_shards: model.shards.missing,
      rejected_files: model.shards.rejected,
      extracts: written.extracts?.length ?? 0,
      duration_ms: durationMs,
    });
    if (summary.setup_failure) logger.error('setup failure', { group_id: groupId, ...summary.setup_failure });
    return { groupId, reportDate: date, keys, runId, runKeys, summary, durationMs };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The error of a group without one usable shard: where final mode looked, and what it found. */
function noShards(
  shards: ShardsRead,
  context: {
    store: Store;
    prefix: string;
    groupId: string;
    plan: PlanManifest | undefined;
    keys: ReportKeys;
  },
): NoShardsError {
  const { store, prefix, groupId, plan, keys } = context;
  const where = describeKey(store.location, batchPrefix(prefix, groupId));
  const found =
    shards.listed === 0
      ? 'no file'
      : `${shards.listed} file(s), ${shards.rejected.length} rejected (${shards.rejected
          .slice(0, 3)
          .map((r) => `${r.key}: ${r.reason}`)
          .join('; ')}${shards.rejected.length > 3 ? '; …' : ''})`;
  const expected = plan ? `; the plan expects ${plan.shards.length} shard(s)` : '; no plan for this group';
  return new NoShardsError(
    `No shard accepted for group "${groupId}": found ${found} under ${where}${expected}. ` +
      `Nothing was written; ${describeKey(store.location, keys.xlsx)} is unchanged ` +
      '(check the group id, and that batch mode ran for it).',
    { details: shards.rejected.map((r) => `${r.key}: ${r.reason}`) },
  );
}

/** A key as people find it: `s3://bucket/key`, or a path under a local folder. */
function describeKey(location: string, key: string): string {
  return location.endsWith('/') ? `${location}${key}` : `${location}/${key}`;
}

/** Pass 1 with the main thread's spool in `workDir`, logged. */
async function readPass(
  event: FinalEvent,
  deps: FinalDeps,
  prefix: string,
  workDir: string,
): Promise<ShardsRead> {
  const { store, logger, settings } = deps;
  const groupId = event.group_id;
  const spool = new SpoolWriter(join(workDir, 'records.spool'));
  let shards: ShardsRead;
  try {
    shards = await readShards({
      store,
      batchPrefix: batchPrefix(prefix, groupId),
      groupId,
      ownerTagKey: settings.ownerTagKey,
      environmentTagKeys: settings.environmentTagKeys,
      readAhead: settings.readAhead,
      maxLineBytes: settings.maxLineBytes,
      spool,
      workers: settings.workers,
      tempDir: workDir,
      logger,
      retry: deps.shardReadRetry ?? DEFAULT_SHARD_READ_RETRY,
    });
  } finally {
    spool.close();
  }
  logger.info('shards read', {
    group_id: groupId,
    accepted: shards.accepted.length,
    rejected: shards.rejected.length,
    records: shards.recordsRead,
    unique: shards.table.size,
    spool_bytes: shards.spoolPaths.reduce((sum, path) => sum + statSync(path).size, 0),
  });
  return shards;
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
