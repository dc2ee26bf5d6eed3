/**
 * Shared helpers of the batch integration tests: run batch mode against a running simulator and
 * compare the shard with the simulator's ground truth.
 */

import { HUB_CREDENTIALS } from '../../../simulator/index.js';
import type { RunningSimulator, SimEvaluation } from '../../../simulator/types.js';
import type { ConfigPacing } from '../../../src/aws/configSource.js';
import { createConfigSourceFactory } from '../../../src/aws/configSource.js';
import { type BatchEvent, parseEvent } from '../../../src/core/event.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { ComplianceRecord, ShardFile } from '../../../src/core/model.js';
import type { BatchSettings } from '../../../src/modes/batch/types.js';
import { type BatchDeps, type BatchResult, runBatch } from '../../../src/modes/batch.js';
import type { Store } from '../../../src/store/Store.js';
import { testSettings } from '../../helpers/settings.js';

/** Batch mode's settings and the Config source's pacing, as one object for the tests. */
export type CollectSettings = BatchSettings & ConfigPacing;

const defaults = testSettings();

/** Fast settings (batch mode's and the Config source's) for tests that are not about pacing. */
export const FAST: CollectSettings = {
  ...defaults.batch,
  ...defaults.pacing,
  regions: ['us-east-1'],
  ratePerSecond: 500,
  burst: 100,
  concurrency: 16,
};

/** The ACTIVE member accounts of the simulated org (not the hub). */
export function memberAccounts(sim: RunningSimulator): { account_id: string; account_name: string }[] {
  return sim
    .accounts()
    .filter((a) => a.accountId !== sim.hubAccountId && a.state === 'ACTIVE')
    .map((a) => ({ account_id: a.accountId, account_name: a.name }));
}

/** A batch event for the given accounts. */
export function batchEvent(sim: RunningSimulator, fields: Record<string, unknown>): BatchEvent {
  return parseEvent({
    group_id: '2026-01-01',
    shard_id: '01',
    role_name: sim.roleName,
    regions: sim.regions,
    ...fields,
  }) as BatchEvent;
}

/**
 * Runs batch mode against the simulator, through the real Config source. `settings` overrides
 * batch mode's settings and the source's pacing alike.
 */
export function collect(
  sim: RunningSimulator,
  store: Store,
  event: BatchEvent,
  overrides: Partial<Omit<BatchDeps, 'settings'>> & { settings?: Partial<CollectSettings> } = {},
): Promise<BatchResult> {
  const settings = { ...FAST, regions: sim.regions, ...overrides.settings };
  const aws = {
    region: sim.region,
    endpoints: { sts: sim.endpoint, config: sim.endpoint },
    credentials: HUB_CREDENTIALS,
    maxAttempts: settings.maxAttempts,
  };
  return runBatch(event, {
    store,
    prefix: '',
    logger: silentLogger,
    clock: () => new Date(),
    configSource: createConfigSourceFactory(aws, settings),
    ...overrides,
    settings,
  });
}

/** Parses a shard file (the canonical layout is plain JSON). */
export function parseShard(text: string): ShardFile {
  return JSON.parse(text) as ShardFile;
}

/** One evaluation as a comparable line: identity, outcome, times and prefixed tags. */
export function truthLine(e: SimEvaluation, prefix = 'mox.'): string {
  const tags = Object.fromEntries(
    Object.entries(e.resourceTags)
      .filter(([k]) => k.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return JSON.stringify([
    e.accountId,
    e.region,
    e.ruleName,
    e.resourceType,
    e.resourceId,
    e.complianceType,
    e.annotation ?? '',
    new Date(e.resultRecordedTime).toISOString(),
    new Date(e.configRuleInvokedTime).toISOString(),
    tags,
  ]);
}

/** A shard record as the same comparable line. */
export function recordLine(r: ComplianceRecord): string {
  return JSON.stringify([
    r.account_id,
    r.region,
    r.rule_name,
    r.resource_type,
    r.resource_id,
    r.compliance_type,
    r.annotation,
    r.result_recorded_time,
    r.config_rule_invoked_time,
    r.tags,
  ]);
}

/** Sorted comparable lines of both sides, for an exact multiset comparison. */
export function compareWithTruth(
  shard: ShardFile,
  truth: SimEvaluation[],
): { collected: string[]; expected: string[] } {
  return {
    collected: shard.records.map(recordLine).sort(),
    expected: truth.map((e) => truthLine(e, shard.tag_prefix)).sort(),
  };
}

/** The status of one account-region in a shard. */
export function statusOf(shard: ShardFile, accountId: string, region: string): string | undefined {
  return shard.accounts.find((a) => a.account_id === accountId)?.regions.find((r) => r.region === region)
    ?.status;
}
