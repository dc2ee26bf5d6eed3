/** A fake app at the edge of the command layer: records events, returns canned wire results. */
import { Readable } from 'node:stream';
import type { Settings } from '../../../src/app/settings/types.js';
import type { App } from '../../../src/app/types.js';
import type { BatchWireResult, FinalWireResult, PlanWireResult } from '../../../src/app/wire.js';
import type { CliDeps, ReportSummaryView } from '../../../src/cli/deps.js';
import type { CliIo } from '../../../src/cli/io.js';
import { BufferSink } from '../../../src/cli/io.js';
import type { BatchEvent, FinalEvent, PlanEvent } from '../../../src/core/event.js';
import { reportKeys, reportRunKeys } from '../../../src/core/keys.js';
import { REGION_STATUSES, type RegionStatus } from '../../../src/core/model.js';
import type { SuppliedAccounts } from '../../../src/modes/plan.js';

const ZERO_STATUSES = Object.fromEntries(REGION_STATUSES.map((s) => [s, 0])) as Record<RegionStatus, number>;

export interface FakeCalls {
  plan: { event: PlanEvent; supplied: SuppliedAccounts | undefined }[];
  batch: BatchEvent[];
  final: FinalEvent[];
  apps: { settings: Settings; env: Record<string, string | undefined> }[];
}

export function fakeApp(
  options: {
    shards?: string[];
    failShard?: string;
    failFinal?: boolean | Error;
    setupFailure?: boolean;
  } = {},
) {
  const calls: FakeCalls = { plan: [], batch: [], final: [], apps: [] };
  const shards = options.shards ?? ['0001', '0002'];
  const open = (settings: Settings): App => {
    const prefix = settings.store.prefix;
    return {
      location: 'mem://',
      prefix,
      describe: (key) => `mem://${key}`,
      close: () => {},
      callerArn: async () => 'arn:aws:sts::111111111111:assumed-role/ci/run',
      async plan(event, supplied) {
        calls.plan.push({ event, supplied });
        const result: PlanWireResult = {
          group_id: event.group_id,
          plan_key: `${prefix}plans/${event.group_id}/manifest.json`,
          shard_ids: shards,
          role_name: event.role_name ?? 'configreport-read-role',
          regions: event.regions ?? ['us-east-1'],
          accounts_count: shards.length * 2,
          skipped_count: 1,
          tag_failures: 0,
          ou_failures: 0,
          source: supplied ? 'accounts-file' : event.accounts ? 'event' : 'organizations',
        };
        return result;
      },
      async batch(event, run = {}) {
        calls.batch.push(event);
        const progress = run.onProgress ?? (() => {});
        progress({
          kind: 'start',
          shardId: event.shard_id,
          accounts: 2,
          regions: ['us-east-1'],
          accountRegions: 2,
        });
        progress({ kind: 'throttled', accountId: '111111111111', region: 'us-east-1' });
        if (event.shard_id === options.failShard)
          throw Object.assign(new Error('disk full'), { name: 'EIO' });
        for (const accountId of ['111111111111', '222222222222'])
          progress({ kind: 'account-done', accountId, accountName: accountId, statuses: {} });
        const outcome: BatchWireResult = {
          group_id: event.group_id,
          shard_id: event.shard_id,
          key: `batches/${event.group_id}/${event.shard_id}.json`,
          accounts: 2,
          account_regions: 2,
          records: 10,
          throttles: 1,
          calls: 12,
          assume_role_calls: 2,
          status_counts: { ...ZERO_STATUSES, OK: 1, ASSUME_ROLE_DENIED: 1 },
          deadline_reached: false,
          duration_ms: 1200,
        };
        return outcome;
      },
      async final(event) {
        calls.final.push(event);
        if (options.failFinal)
          throw options.failFinal === true ? new Error('bucket gone') : options.failFinal;
        const counts = { evaluations: 10, compliant: 9, non_compliant: 1, compliance_ratio: 0.9 };
        const missing = options.failShard
          ? [{ shard_id: options.failShard, accounts: 2, reason: 'shard file never arrived' }]
          : [];
        const summary: ReportSummaryView = {
          overall: counts,
          environments: [{ environment: 'Prod', accounts: 2, ...counts }],
          worst_accounts: [],
          shards: { listed: 2, expected: 2, accepted: 2, rejected: 0, missing: missing.length },
          coverage: { problems: [], missing_shards: missing },
          thresholds: { red_below: 0.8, yellow_below: 0.95 },
          ...(options.setupFailure
            ? {
                setup_failure: {
                  message: 'Setup failure: 4 of 4 account-regions (100%) denied sts:AssumeRole.',
                  likely_causes: ['the role name differs', 'the ExternalId differs'],
                },
              }
            : {}),
        };
        const outcome: FinalWireResult = {
          group_id: event.group_id,
          report_date: '2024-05-01',
          keys: reportKeys(prefix, '2024-05-01'),
          run_id: '20240501T070000000Z-00000000',
          run_keys: reportRunKeys(prefix, '2024-05-01', '20240501T070000000Z-00000000', '2024-05-01'),
          // Only the parts the CLI reads: the full document is final mode's business (tested there).
          summary: summary as unknown as FinalWireResult['summary'],
          duration_ms: 5,
        };
        return outcome;
      },
    };
  };
  const deps: CliDeps = {
    openApp: async (settings, appOptions) => {
      calls.apps.push({ settings, env: { ...appOptions.env } });
      return open(settings);
    },
    openDoctor: async () => {
      throw new Error('no doctor in these unit tests');
    },
    startSimulator: async () => {
      throw new Error('no simulator in unit tests');
    },
    now: () => new Date('2024-05-01T07:00:00Z'),
  };
  return { deps, calls };
}

export function bufferIo(options: { env?: Record<string, string>; stdin?: string; cwd?: string } = {}) {
  const stdout = new BufferSink();
  const stderr = new BufferSink();
  const io: CliIo = {
    stdout,
    stderr,
    stdin: Readable.from([options.stdin ?? '']),
    env: options.env ?? {},
    cwd: options.cwd ?? '/nonexistent-cwd',
  };
  return { io, stdout, stderr };
}
