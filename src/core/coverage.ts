/**
 * Coverage: which account-regions the report covers and, just as important, which it does not and
 * why. Every expected account-region ends as exactly one row: its outcome from a shard, or MISSING
 * with the reason (shard never arrived, shard rejected, account or region absent from the shard).
 * Skipped accounts from the plan, rejected files and skipped records are rows too.
 */

import { compareText } from './compare.js';
import type { MergedAccount } from './merge.js';
import type { PlanManifest, RegionStatus } from './model.js';

/** Coverage-only statuses, beside the shard's RegionStatus values. */
export const CoverageOnlyStatus = {
  /** Expected but no accepted shard reported it. */
  Missing: 'MISSING',
  /** Listed by the plan but not collected (suspended, closing). */
  Skipped: 'SKIPPED',
  /** A file under the batch prefix that could not be used. */
  RejectedFile: 'REJECTED_FILE',
  /** Records of an accepted shard that failed validation and were left out. */
  InvalidRecords: 'INVALID_RECORDS',
} as const;
export type CoverageStatus = RegionStatus | (typeof CoverageOnlyStatus)[keyof typeof CoverageOnlyStatus];

/** Sort order of statuses in the Coverage sheet: the worst news first. */
export const COVERAGE_STATUS_ORDER: readonly CoverageStatus[] = [
  'REJECTED_FILE',
  'MISSING',
  'ASSUME_ROLE_DENIED',
  'ERROR',
  'TIMED_OUT',
  'CONFIG_NOT_ENABLED',
  'RECORDER_STOPPED',
  'PARTIAL',
  'INVALID_RECORDS',
  'SKIPPED',
  'OK',
];

/** One Coverage row. Empty strings where a field does not apply. */
export interface CoverageRow {
  accountId: string;
  accountName: string;
  shardId: string;
  region: string;
  status: CoverageStatus;
  reason: string;
  rules: number | null;
  records: number | null;
  throttles: number | null;
}

/** A file that could not be used. */
export interface RejectedShard {
  key: string;
  /** The shard id the file name implies, when it looks like a shard. */
  shardId?: string | undefined;
  reason: string;
}

/** Records of an accepted shard that were left out. */
export interface ShardRecordNote {
  shardId: string;
  invalidRecords: number;
  firstReason: string;
}

/** What coverage is computed from. */
export interface CoverageInput {
  plan?: PlanManifest | undefined;
  /** Accounts the final event lists (the seed's topology: the final event may carry the accounts). */
  eventAccounts?: readonly { account_id: string; account_name: string }[] | undefined;
  /** Regions expected (event, else plan); empty = whatever the shards report. */
  expectedRegions: readonly string[];
  accounts: readonly MergedAccount[];
  acceptedShards: readonly string[];
  rejected: readonly RejectedShard[];
  recordNotes: readonly ShardRecordNote[];
}

/** Coverage result. */
export interface Coverage {
  rows: CoverageRow[];
  /** Account-region rows by status (MISSING and shard statuses). */
  statusCounts: Partial<Record<CoverageStatus, number>>;
  expectedShards: number | null;
  missingShards: { shardId: string; accounts: number; reason: string }[];
  /** Accepted shards the plan did not list (still used). */
  unexpectedShards: string[];
}

interface Expected {
  accountId: string;
  accountName: string;
  shardId: string;
}

/** Builds the Coverage rows. Pure and deterministic. */
export function buildCoverage(input: CoverageInput): Coverage {
  const accepted = new Set(input.acceptedShards);
  const rejectedById = new Map<string, string>();
  for (const r of input.rejected) if (r.shardId !== undefined) rejectedById.set(r.shardId, r.reason);
  const rows = [
    ...reportedRows(input),
    ...neverReportedRows(input, accepted, rejectedById),
    ...fileRows(input),
  ].sort(compareRows);
  const planned = new Set((input.plan?.shards ?? []).map((s) => s.shard_id));
  return {
    rows,
    statusCounts: countStatuses(rows),
    expectedShards: input.plan ? input.plan.shards.length : null,
    missingShards: (input.plan?.shards ?? [])
      .filter((s) => !accepted.has(s.shard_id))
      .map((s) => ({
        shardId: s.shard_id,
        accounts: s.accounts.length,
        reason: missingReason(s.shard_id, accepted, rejectedById),
      }))
      .sort((a, b) => compareText(a.shardId, b.shardId)),
    unexpectedShards: input.plan
      ? input.acceptedShards.filter((id) => !planned.has(id)).sort(compareText)
      : [],
  };
}

/** The accounts the plan or the final event expects, first listing wins. */
function expectedAccounts(input: CoverageInput): Map<string, Expected> {
  const expected = new Map<string, Expected>();
  for (const shard of input.plan?.shards ?? [])
    for (const a of shard.accounts)
      if (!expected.has(a.account_id))
        expected.set(a.account_id, {
          accountId: a.account_id,
          accountName: a.account_name,
          shardId: shard.shard_id,
        });
  for (const a of input.eventAccounts ?? [])
    if (!expected.has(a.account_id))
      expected.set(a.account_id, { accountId: a.account_id, accountName: a.account_name, shardId: '' });
  return expected;
}

/** One row per account-region a shard reported, and a MISSING row per expected region it did not. */
function reportedRows(input: CoverageInput): CoverageRow[] {
  const rows: CoverageRow[] = [];
  for (const account of input.accounts) {
    for (const [region, merged] of account.regions) {
      const r = merged.result;
      rows.push({
        accountId: account.accountId,
        accountName: account.accountName,
        shardId: merged.shardId,
        region,
        status: r.status,
        reason: regionReason(r, merged.alsoIn),
        rules: r.rules_count,
        records: r.records_count,
        throttles: r.throttles,
      });
    }
    const shards = account.shards.join(', ');
    for (const region of input.expectedRegions)
      if (!account.regions.has(region))
        rows.push(
          missingRow(
            account.accountId,
            account.accountName,
            shards,
            region,
            `region not reported by shard ${shards}`,
          ),
        );
  }
  return rows;
}

/** MISSING rows for expected accounts no shard reported, and SKIPPED rows for the plan's skipped accounts. */
function neverReportedRows(
  input: CoverageInput,
  accepted: ReadonlySet<string>,
  rejectedById: ReadonlyMap<string, string>,
): CoverageRow[] {
  const rows: CoverageRow[] = [];
  const seen = new Set(input.accounts.map((a) => a.accountId));
  for (const e of expectedAccounts(input).values()) {
    if (seen.has(e.accountId)) continue;
    const reason = missingReason(e.shardId, accepted, rejectedById);
    const regions = input.expectedRegions.length > 0 ? input.expectedRegions : [''];
    for (const region of regions)
      rows.push(missingRow(e.accountId, e.accountName, e.shardId, region, reason));
  }
  for (const s of input.plan?.skipped_accounts ?? [])
    rows.push({
      accountId: s.account_id,
      accountName: s.account_name,
      shardId: '',
      region: '',
      status: 'SKIPPED',
      reason: `account state ${s.state}: not collected`,
      rules: null,
      records: null,
      throttles: null,
    });
  return rows;
}

/** Rows naming rejected shard files and the invalid records left out of accepted ones. */
function fileRows(input: CoverageInput): CoverageRow[] {
  const rows: CoverageRow[] = input.rejected.map((r) => ({
    ...blank(),
    shardId: r.key,
    status: 'REJECTED_FILE',
    reason: r.reason,
  }));
  for (const note of input.recordNotes)
    if (note.invalidRecords > 0)
      rows.push({
        ...blank(),
        shardId: note.shardId,
        status: 'INVALID_RECORDS',
        reason: `${note.invalidRecords} invalid record(s) left out; first: ${note.firstReason}`,
        records: note.invalidRecords,
      });
  return rows;
}

/** Account-region rows per status (file rows and skipped accounts are not account-regions). */
function countStatuses(rows: readonly CoverageRow[]): Partial<Record<CoverageStatus, number>> {
  const counts: Partial<Record<CoverageStatus, number>> = {};
  for (const row of rows) {
    if (row.status === 'REJECTED_FILE' || row.status === 'INVALID_RECORDS' || row.status === 'SKIPPED')
      continue;
    counts[row.status] = (counts[row.status] ?? 0) + 1;
  }
  return counts;
}

function blank(): CoverageRow {
  const text = { accountId: '', accountName: '', shardId: '', region: '', reason: '' };
  return { ...text, status: 'OK', rules: null, records: null, throttles: null };
}

function missingRow(accountId: string, accountName: string, shardId: string, region: string, reason: string) {
  return { ...blank(), accountId, accountName, shardId, region, status: 'MISSING' as const, reason };
}

function missingReason(
  shardId: string,
  accepted: ReadonlySet<string>,
  rejected: ReadonlyMap<string, string>,
) {
  if (shardId === '') return 'listed in the final event; no shard reported it';
  const rejection = rejected.get(shardId);
  if (rejection !== undefined) return `shard ${shardId} was rejected: ${rejection}`;
  if (accepted.has(shardId)) return `not in shard ${shardId}'s file`;
  return `shard ${shardId} never arrived`;
}

function regionReason(
  r: {
    status: string;
    error_name?: string;
    error_message?: string;
    failed_rules?: { rule_name: string; error_name: string; error_message: string }[];
  },
  alsoIn: readonly string[],
): string {
  const parts: string[] = [];
  if (r.error_name || r.error_message) parts.push([r.error_name, r.error_message].filter(Boolean).join(': '));
  if (r.failed_rules && r.failed_rules.length > 0) {
    const listed = r.failed_rules
      .slice(0, 20)
      .map((f) => `${f.rule_name} (${f.error_name}: ${f.error_message})`)
      .join('; ');
    const more = r.failed_rules.length > 20 ? `; +${r.failed_rules.length - 20} more` : '';
    parts.push(`${r.failed_rules.length} rule(s) failed: ${listed}${more}`);
  }
  if (alsoIn.length > 0) parts.push(`also reported by shard ${alsoIn.join(', ')}`);
  return parts.join(' | ');
}

const STATUS_INDEX = new Map(COVERAGE_STATUS_ORDER.map((status, i) => [status, i]));

function compareRows(a: CoverageRow, b: CoverageRow): number {
  return (
    (STATUS_INDEX.get(a.status) ?? 99) - (STATUS_INDEX.get(b.status) ?? 99) ||
    compareText(a.accountName, b.accountName) ||
    compareText(a.accountId, b.accountId) ||
    compareText(a.region, b.region) ||
    compareText(a.shardId, b.shardId) ||
    compareText(a.reason, b.reason)
  );
}
