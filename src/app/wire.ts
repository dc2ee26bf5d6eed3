/**
 * The wire format of the modes' results: what the Lambda function returns (Step Functions reads
 * it) and what the CLI prints with `--json`. One casing for every field, snake_case like the event
 * contract; the modes themselves speak camelCase TypeScript and never see these shapes.
 */
import type { EventNotes } from '../core/event.js';
import type { BatchResult } from '../modes/batch.js';
import { type FinalResult, type NotificationOutcome, SetupFailureError } from '../modes/final.js';
import type { PlanResult } from '../modes/plan.js';
import type { SummarySetupFailure } from '../report/summaryJson.js';

/** Plan mode's result: shard ids and counts only (account lists live in the manifest). */
export interface PlanWireResult {
  group_id: string;
  plan_key: string;
  shard_ids: string[];
  role_name: string;
  regions: string[];
  accounts_count: number;
  skipped_count: number;
  tag_failures: number;
  /** Accounts planned with an empty `ou_path` (their OU path could not be read). */
  ou_failures: number;
  source: PlanResult['source'];
}

/** Batch mode's result: one shard's counts. */
export interface BatchWireResult {
  group_id: string;
  shard_id: string;
  key: string;
  accounts: number;
  account_regions: number;
  /** Account-regions per status (every status present, zero when unused). */
  status_counts: BatchResult['statusCounts'];
  records: number;
  throttles: number;
  calls: number;
  assume_role_calls: number;
  deadline_reached: boolean;
  duration_ms: number;
}

/**
 * What became of final mode's announcement (only when a topic is configured): `sent` with SNS's
 * message id, or `failed` with the reason — a notification never fails the run.
 */
export interface NotificationWire {
  status: NotificationOutcome['status'];
  topic_arn: string;
  message_id?: string;
  error?: string;
  /** When the earliest download link in the message stops working (ISO-8601). */
  links_expire_at?: string;
}

/** The notification outcome on the wire. */
export function notificationWire(outcome: NotificationOutcome): NotificationWire {
  return {
    status: outcome.status,
    topic_arn: outcome.target,
    ...(outcome.messageId !== undefined ? { message_id: outcome.messageId } : {}),
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    ...(outcome.linksExpireAt !== undefined ? { links_expire_at: outcome.linksExpireAt } : {}),
  };
}

/** Final mode's full result, summary document included (the CLI prints and renders it). */
export interface FinalWireResult {
  group_id: string;
  report_date: string;
  /** The published keys (workbook, CSV, summary JSON) and the manifest, written last. */
  keys: FinalResult['keys'];
  /** This run's id, and its own folder's set (what the manifest names). */
  run_id: string;
  run_keys: FinalResult['runKeys'];
  summary: FinalResult['summary'];
  duration_ms: number;
  /** Present when a notification topic is configured. */
  notification?: NotificationWire;
}

/**
 * Final mode's result as the Lambda function returns it: keys and counts only. The full summary
 * (every coverage problem) is in the summary JSON beside the workbook; returning it could exceed
 * Step Functions' 256 KiB payload limit for a large organization after the report was written.
 */
export interface FinalHandlerResult {
  mode: 'final';
  group_id: string;
  report_date: string;
  keys: FinalResult['keys'];
  run_id: string;
  shards: FinalResult['summary']['shards'];
  records: FinalResult['summary']['records'];
  overall: FinalResult['summary']['overall'];
  coverage_problems: number;
  missing_shards: number;
  duration_ms: number;
  /** Present when a notification topic is configured (the state machine's event carries it). */
  notification?: NotificationWire;
}

/** Plan result on the wire. */
export function planWire(result: PlanResult): PlanWireResult {
  return {
    group_id: result.groupId,
    plan_key: result.planKey,
    shard_ids: result.shardIds,
    role_name: result.roleName,
    regions: result.regions,
    accounts_count: result.accountsCount,
    skipped_count: result.skippedCount,
    tag_failures: result.tagFailures,
    ou_failures: result.ouFailures,
    source: result.source,
  };
}

/** Batch result on the wire. */
export function batchWire(result: BatchResult): BatchWireResult {
  return {
    group_id: result.groupId,
    shard_id: result.shardId,
    key: result.key,
    accounts: result.accounts,
    account_regions: result.accountRegions,
    status_counts: result.statusCounts,
    records: result.records,
    throttles: result.throttles,
    calls: result.calls,
    assume_role_calls: result.assumeRoleCalls,
    deadline_reached: result.deadlineReached,
    duration_ms: result.durationMs,
  };
}

/** Final result on the wire (full). */
export function finalWire(result: FinalResult): FinalWireResult {
  return {
    group_id: result.groupId,
    report_date: result.reportDate,
    keys: result.keys,
    run_id: result.runId,
    run_keys: result.runKeys,
    summary: result.summary,
    duration_ms: result.durationMs,
    ...(result.notification ? { notification: notificationWire(result.notification) } : {}),
  };
}

/**
 * Final result as the Lambda function returns it. Throws {@link SetupFailureError} instead when
 * the published report names a setup failure: the report is out, and the invocation must still
 * fail so the execution fails and the alarms fire.
 */
export function finalHandlerResult(result: FinalWireResult): FinalHandlerResult {
  const { summary } = result;
  if (summary.setup_failure) throw setupFailureError(result, summary.setup_failure);
  return {
    mode: 'final',
    group_id: result.group_id,
    report_date: result.report_date,
    keys: result.keys,
    run_id: result.run_id,
    shards: summary.shards,
    records: summary.records,
    overall: summary.overall,
    // Account-regions not read (skipped accounts are named, but are not problems).
    coverage_problems: summary.coverage.problems.filter((p) => p.status !== 'OK' && p.status !== 'SKIPPED')
      .length,
    missing_shards: summary.coverage.missing_shards.length,
    duration_ms: result.duration_ms,
    ...(result.notification ? { notification: result.notification } : {}),
  };
}

/** What the event carried beside the contract: fields dropped, accounts listed twice with other names. */
export interface EventNotesWire {
  unknown_fields: string[];
  conflicting_accounts: { account_id: string; names: string[] }[];
}

/**
 * The event's notes as a result field: `{ event_notes }` when there is something to say, else nothing,
 * so a clean event's result is unchanged.
 */
export function eventNotesWire(notes: EventNotes): { event_notes?: EventNotesWire } {
  if (notes.unknownFields.length === 0 && notes.conflictingAccounts.length === 0) return {};
  return {
    event_notes: { unknown_fields: notes.unknownFields, conflicting_accounts: notes.conflictingAccounts },
  };
}

/** The error of a published report that names a setup failure; `details` lists the likely causes. */
export function setupFailureError(
  result: Pick<FinalWireResult, 'group_id' | 'keys'>,
  failure: SummarySetupFailure,
): SetupFailureError {
  return new SetupFailureError(
    `${failure.message} Group "${result.group_id}"; the report was published at ${result.keys.xlsx} ` +
      `(manifest ${result.keys.manifest}). Likely causes: ${failure.likely_causes.join('; ')}.`,
    { details: failure.likely_causes },
  );
}
