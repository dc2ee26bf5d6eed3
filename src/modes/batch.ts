/**
 * Batch mode, the map phase: collect one shard's Config compliance into
 * `<prefix>batches/<group_id>/<shard_id>.json`.
 */
import { Readable } from 'node:stream';
import type { BatchEvent } from '../core/event.js';
import { batchKey } from '../core/keys.js';
import { REGION_STATUSES, type RegionStatus } from '../core/model.js';
import { encodeShardFromLines } from '../core/shardCodec.js';
import { deadlineSignal, STORE_SAFETY_MARGIN_MS } from '../store/deadline.js';
import {
  type AccountOutcomes,
  buildShard,
  type CollectedRegion,
  type ShardParts,
} from './batch/buildShard.js';
import { collectAccounts } from './batch/collectAccounts.js';
import { Deadline, ShardWriteTimeoutError } from './batch/Deadline.js';
import { NoRegionsError } from './batch/errors.js';
import { assertPlanKeyInPrefix, resolveShardScope, type ShardAccountInput } from './batch/shardAccounts.js';
import type { BatchDeps, BatchProgressEvent, BatchResult } from './batch/types.js';

export type { BatchDeps, BatchProgressEvent, BatchResult, BatchSettings } from './batch/types.js';

/** Above this many records the shard is streamed (multipart on S3) instead of built as one string. */
const STREAM_THRESHOLD_RECORDS = 200_000;

/**
 * Collects every Config evaluation of the shard's accounts and regions and writes the shard file
 * with one atomic put. Per-account problems become statuses in the file; only invocation-level
 * problems throw (a bad `plan_key`, a shard missing from the plan, no region, a failed write, a
 * write still unfinished when the invocation is about to be killed: `ShardWriteTimeoutError`).
 *
 * @example
 * ```ts
 * const result = await runBatch(parseEvent(event) as BatchEvent, {
 *   store, prefix: '', logger, clock: () => new Date(),
 *   settings: { regions: ['us-east-1'], concurrency: 100, ruleConcurrency: 4, tagPrefix: 'mox.', deadlineMarginMs: 30_000 },
 *   configSource: createConfigSourceFactory(aws, pacing),
 *   remainingMs: () => context.getRemainingTimeInMillis(),
 * });
 * // result.key === 'batches/2023-10-27/01.json'
 * ```
 */
export async function runBatch(event: BatchEvent, deps: BatchDeps): Promise<BatchResult> {
  const { clock } = deps;
  const started = performance.now();
  const startedAt = clock();
  const key = batchKey(deps.prefix, event.group_id, event.shard_id);
  if (event.plan_key !== undefined) assertPlanKeyInPrefix(event.plan_key, deps.prefix);
  const scope = await resolveShardScope(event, deps.store);
  const regions = pickRegions(event.regions, scope.planRegions, deps.settings.regions);
  const tagPrefix = event.tag_prefix ?? deps.settings.tagPrefix;
  const progress = safeProgress(deps);
  progress({
    kind: 'start',
    shardId: event.shard_id,
    accounts: scope.accounts.length,
    regions,
    accountRegions: scope.accounts.length * regions.length,
  });

  const deadline = new Deadline(
    deps.remainingMs ?? (() => Number.POSITIVE_INFINITY),
    deps.settings.deadlineMarginMs,
  );
  const outcomes: AccountOutcomes[] = [];
  const source = deps.configSource({
    roleName: event.role_name,
    externalId: event.external_id,
    shardId: event.shard_id,
  });
  deadline.start();
  try {
    await collectAccounts({
      accounts: scope.accounts,
      regions,
      tagPrefix,
      settings: deps.settings,
      source,
      signal: deadline.signal,
      progress,
      onAccount: (account, results) => {
        outcomes.push({ account, regions: results });
        reportAccount(deps, event.shard_id, account, results, progress);
      },
    });
  } finally {
    deadline.stop();
    source.close();
  }

  const shard = buildShard(
    { groupId: event.group_id, shardId: event.shard_id, startedAt, finishedAt: clock(), tagPrefix },
    outcomes,
  );
  const bytes = await writeShard(deps, key, shard);
  progress({ kind: 'written', key, records: shard.records, bytes });

  const { statusCounts, throttles, calls } = tally(outcomes);
  const result: BatchResult = {
    key,
    groupId: event.group_id,
    shardId: event.shard_id,
    accounts: scope.accounts.length,
    accountRegions: scope.accounts.length * regions.length,
    statusCounts,
    records: shard.records,
    throttles,
    calls,
    assumeRoleCalls: source.assumeRoleCalls,
    deadlineReached: deadline.reached,
    durationMs: Math.round(performance.now() - started),
  };
  deps.logger.info('shard written', { shard: event.shard_id, ...result });
  return result;
}

/** Account-regions per status, and the Config calls and throttles of the whole shard. */
function tally(outcomes: AccountOutcomes[]): Pick<BatchResult, 'statusCounts' | 'throttles' | 'calls'> {
  const statusCounts = Object.fromEntries(REGION_STATUSES.map((s) => [s, 0])) as Record<RegionStatus, number>;
  let throttles = 0;
  let calls = 0;
  for (const { regions } of outcomes) {
    for (const r of regions) {
      statusCounts[r.result.status] += 1;
      throttles += r.stats.throttles;
      calls += r.stats.calls;
    }
  }
  return { statusCounts, throttles, calls };
}

/** Event regions, else the plan's, else the configured ones (which the caller never leaves empty). */
function pickRegions(
  fromEvent: string[] | undefined,
  fromPlan: string[] | undefined,
  configured: string[],
): string[] {
  const chosen = fromEvent ?? fromPlan ?? configured;
  if (chosen.length === 0) throw new NoRegionsError();
  return [...new Set(chosen)].sort();
}

/**
 * One atomic write: a single put, or for very large shards one multipart upload (also atomic). With
 * a deadline, the write gets the deadline margin minus 5 s (STORE_SAFETY_MARGIN_MS; half the time
 * left if it starts with less than 10 s): then it is abandoned, its multipart upload aborted, and
 * the invocation fails with a ShardWriteTimeoutError instead of being killed mid-write.
 */
async function writeShard(deps: BatchDeps, key: string, shard: ShardParts): Promise<number> {
  const remainingMs = deps.remainingMs;
  if (remainingMs === undefined) return putShard(deps, key, shard, undefined);
  const deadline = deadlineSignal(
    remainingMs,
    STORE_SAFETY_MARGIN_MS,
    (left) => new ShardWriteTimeoutError(key, left),
  );
  try {
    return await putShard(deps, key, shard, deadline.signal);
  } finally {
    deadline.dispose();
  }
}

async function putShard(
  deps: BatchDeps,
  key: string,
  shard: ShardParts,
  signal: AbortSignal | undefined,
): Promise<number> {
  const options = signal ? { signal } : {};
  if (shard.records <= STREAM_THRESHOLD_RECORDS) {
    const body = Array.from(encodeShardFromLines(shard.header, shard.chunks)).join('');
    await deps.store.put(key, body, 'application/json', options);
    return Buffer.byteLength(body);
  }
  let bytes = 0;
  const counted = Readable.from(
    (function* () {
      for (const chunk of encodeShardFromLines(shard.header, shard.chunks)) {
        bytes += Buffer.byteLength(chunk);
        yield chunk;
      }
    })(),
  );
  await deps.store.putStream(key, counted, 'application/json', options);
  return bytes;
}

/** The one-line summary per account, and the matching progress event. */
function reportAccount(
  deps: BatchDeps,
  shardId: string,
  account: ShardAccountInput,
  results: CollectedRegion[],
  progress: (event: BatchProgressEvent) => void,
): void {
  const statuses = Object.fromEntries(results.map((r) => [r.result.region, r.result.status]));
  const ok = results.every((r) => r.result.status === 'OK');
  const fields = {
    shard: shardId,
    account: account.account_id,
    account_name: account.account_name,
    region: results.map((r) => r.result.region).join(','),
    statuses,
    records: results.reduce((n, r) => n + r.records, 0),
    throttles: results.reduce((n, r) => n + r.stats.throttles, 0),
    problems: results
      .filter((r) => r.result.status !== 'OK')
      .map((r) =>
        `${r.result.region}: ${r.result.status} ${r.result.error_name ?? ''} ${r.result.error_message ?? ''}`.trim(),
      ),
  };
  if (ok) deps.logger.info('account collected', fields);
  else deps.logger.warn('account collected with problems', fields);
  progress({
    kind: 'account-done',
    accountId: account.account_id,
    accountName: account.account_name,
    statuses,
  });
}

function safeProgress(deps: BatchDeps): (event: BatchProgressEvent) => void {
  return (event) => {
    if (!deps.onProgress) return;
    try {
      deps.onProgress(event);
    } catch (error) {
      deps.logger.warn('progress callback failed', { error: String(error) });
    }
  };
}
