/**
 * Publishing a finished report set. A run writes its workbook, CSV, HTML summary (unless turned off),
 * extracts (when asked) and summary into its own folder (`reports/runs/<group_id>/<run_id>/`, never
 * overwritten); only when all are there does it copy them to the well-known keys — extracts, CSV,
 * summary, HTML, then the workbook at the seed's key — and last put the manifest that names the run
 * folder. Each put is atomic, so:
 *
 * - the manifest always names a complete set (a run folder is only ever named once it is whole);
 * - the workbook at the well-known key is only replaced after its companions were published;
 * - a run that fails before publishing changes no well-known key; one that fails while publishing
 *   may leave a new CSV or summary beside the previous workbook and manifest, and fails (a rerun
 *   publishes a whole set again). Readers that need one consistent set follow the manifest.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { UNTAGGED_EXTRACT_NAME } from '../../core/extractNames.js';
import type { PublishedReportKeys, ReportFileKeys } from '../../core/keys.js';
import type { SummarySetupFailure } from '../../report/summaryJson.js';
import type { Store } from '../../store/Store.js';
import { publishExtracts, type WrittenExtract } from './extracts/write.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The manifest (`ConfigRule_<Date>.manifest.json`): which run is the current report (docs/contracts.md). */
export interface ReportManifest {
  schema_version: 1;
  group_id: string;
  report_date: string;
  run_id: string;
  generated_at: string;
  /** `setup_failure` when the summary carries one (the run failed after publishing), else `ok`. */
  status: 'ok' | 'setup_failure';
  /** The run folder's set: complete, never overwritten (until a lifecycle rule expires it). */
  run: ManifestFiles;
  /** The well-known copies this run published (they may be replaced by a later run). */
  published: ManifestFiles;
  setup_failure?: SummarySetupFailure;
  /** The per-owner / per-account extracts of the set (only when they were written). */
  extracts?: ManifestExtracts;
}

/** One extract in the manifest: its run-folder key (complete, never overwritten) and its published copy. */
export interface ManifestExtract {
  name: string;
  run: string;
  published: string;
}

/** The manifest's extracts: owners carry the original tag value, accounts their id. */
export interface ManifestExtracts {
  owners: (ManifestExtract & { owner: string; untagged: boolean })[];
  accounts: (ManifestExtract & { account_id: string })[];
}

/** The files of one set, as the manifest names them; `html` only when the HTML summary was written. */
export interface ManifestFiles {
  xlsx: string;
  details_csv_gz: string;
  summary_json: string;
  html?: string;
}

/**
 * A run id: the UTC time to the millisecond, then 8 random hex digits (`20240502T060000000Z-1a2b3c4d`).
 * Sorts by time; two runs in the same millisecond still get their own folder.
 */
export function newRunId(now: Date, random: string = randomBytes(4).toString('hex')): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${random}`;
}

/** What {@link publishReport} needs: the run's set and where it goes. */
export interface PublishInput {
  store: Store;
  run: ReportFileKeys;
  published: PublishedReportKeys;
  /** The CSV the run uploaded, still in the scratch folder (uploaded again, not downloaded). */
  csvPath: string;
  /** The summary document exactly as the run folder holds it. */
  summaryText: string;
  /** The HTML summary exactly as the run folder holds it (absent: the set has none). */
  htmlText?: string;
  manifest: ReportManifest;
  /** The extracts, still in the scratch folder (published before the CSV). */
  extracts?: readonly WrittenExtract[];
}

/** Copies the run's set to the well-known keys — extracts, CSV, summary, the workbook last — then puts the manifest. */
export async function publishReport(input: PublishInput): Promise<void> {
  const { store, run, published } = input;
  // Extracts first: the workbook's Extracts sheet names their published keys.
  if (input.extracts) await publishExtracts(store, input.extracts);
  await store.putStream(published.csvGz, createReadStream(input.csvPath), 'application/gzip');
  await store.put(published.summaryJson, input.summaryText, 'application/json');
  if (published.html !== undefined && input.htmlText !== undefined)
    await store.put(published.html, input.htmlText, 'text/html; charset=utf-8');
  // The Store port has no server-side copy; the workbook streams back through this function.
  await store.putStream(published.xlsx, await store.getStream(run.xlsx), XLSX_TYPE);
  await store.put(published.manifest, `${JSON.stringify(input.manifest, null, 2)}\n`, 'application/json');
}

/** The manifest of a run. */
export function reportManifest(
  summary: {
    group_id: string;
    report_date: string;
    generated_at: string;
    setup_failure?: SummarySetupFailure;
  },
  runId: string,
  run: ReportFileKeys,
  published: ReportFileKeys,
  extracts?: readonly WrittenExtract[],
): ReportManifest {
  const files = (k: ReportFileKeys): ManifestFiles => ({
    xlsx: k.xlsx,
    details_csv_gz: k.csvGz,
    summary_json: k.summaryJson,
    ...(k.html !== undefined ? { html: k.html } : {}),
  });
  return {
    schema_version: 1,
    group_id: summary.group_id,
    report_date: summary.report_date,
    run_id: runId,
    generated_at: summary.generated_at,
    status: summary.setup_failure ? 'setup_failure' : 'ok',
    run: files(run),
    published: files(published),
    ...(summary.setup_failure ? { setup_failure: summary.setup_failure } : {}),
    ...(extracts ? { extracts: manifestExtracts(extracts) } : {}),
  };
}

function manifestExtracts(written: readonly WrittenExtract[]): ManifestExtracts {
  const out: ManifestExtracts = { owners: [], accounts: [] };
  for (const { entry } of written) {
    const keys = { name: entry.name, run: entry.runKey, published: entry.publishedKey };
    if (entry.kind === 'accounts') out.accounts.push({ account_id: entry.accountId, ...keys });
    else out.owners.push({ owner: entry.value, untagged: entry.name === UNTAGGED_EXTRACT_NAME, ...keys });
  }
  return out;
}
