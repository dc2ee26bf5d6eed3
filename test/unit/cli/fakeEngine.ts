/** A fake engine at the edge of the command layer: records events, returns canned outcomes. */
import { Readable } from 'node:stream';
import type { CliDeps, Engine, ReportOutcome, Runtime, ShardOutcome } from '../../../src/cli/deps.js';
import type { CliIo } from '../../../src/cli/io.js';
import { BufferSink } from '../../../src/cli/io.js';
import type { BatchEvent, FinalEvent, PlanEvent } from '../../../src/core/event.js';
import { normalizePrefix, reportKeys } from '../../../src/core/keys.js';
import type { PlanResult, SuppliedAccounts } from '../../../src/modes/plan/types.js';
import { MemoryStore } from '../../helpers/memoryStore.js';

export interface FakeCalls {
  plan: { event: PlanEvent; supplied: SuppliedAccounts | undefined }[];
  batch: BatchEvent[];
  final: FinalEvent[];
  runtimes: { settings: unknown; env: Record<string, string | undefined> }[];
}

export function fakeEngine(options: { shards?: string[]; failShard?: string; failFinal?: boolean } = {}) {
  const calls: FakeCalls = { plan: [], batch: [], final: [], runtimes: [] };
  const shards = options.shards ?? ['0001', '0002'];
  const engine: Engine = {
    async createRuntime(settings, env, logger) {
      calls.runtimes.push({ settings, env: { ...env } });
      const runtime: Runtime = {
        store: new MemoryStore(),
        prefix: normalizePrefix(settings.prefix),
        aws: { region: settings.region, endpoints: {}, maxAttempts: 3 },
        env,
        logger,
        describe: (key) => `mem://${key}`,
        close: () => {},
      };
      return runtime;
    },
    async plan(event, runtime, supplied) {
      calls.plan.push({ event, supplied });
      const result: PlanResult = {
        group_id: event.group_id,
        plan_key: `${runtime.prefix}plans/${event.group_id}/manifest.json`,
        shard_ids: shards,
        role_name: event.role_name ?? 'configreport-read-role',
        regions: event.regions ?? ['us-east-1'],
        accounts_count: shards.length * 2,
        skipped_count: 1,
        tag_failures: 0,
        source: supplied ? 'accounts-file' : event.accounts ? 'event' : 'organizations',
      };
      return result;
    },
    async batch(event, _runtime, progress) {
      calls.batch.push(event);
      progress.started(2);
      progress.throttled();
      if (event.shard_id === options.failShard) throw Object.assign(new Error('disk full'), { name: 'EIO' });
      progress.accountDone();
      progress.accountDone();
      const outcome: ShardOutcome = {
        shard_id: event.shard_id,
        key: `batches/${event.group_id}/${event.shard_id}.json`,
        accounts: 2,
        account_regions: 2,
        records: 10,
        throttles: 1,
        status_counts: { OK: 1, ASSUME_ROLE_DENIED: 1 },
        deadline_reached: false,
        duration_ms: 1200,
      };
      return outcome;
    },
    async final(event, runtime) {
      calls.final.push(event);
      if (options.failFinal) throw new Error('bucket gone');
      const counts = { evaluations: 10, compliant: 9, non_compliant: 1, compliance_ratio: 0.9 };
      const missing = options.failShard
        ? [{ shard_id: options.failShard, accounts: 2, reason: 'shard file never arrived' }]
        : [];
      const outcome: ReportOutcome = {
        group_id: event.group_id,
        report_date: '2024-05-01',
        keys: reportKeys(runtime.prefix, '2024-05-01'),
        summary: {
          overall: counts,
          environments: [{ environment: 'Prod', accounts: 2, ...counts }],
          worst_accounts: [],
          shards: { listed: 2, expected: 2, accepted: 2, rejected: 0, missing: missing.length },
          coverage: { problems: [], missing_shards: missing },
          thresholds: { red_below: 0.8, yellow_below: 0.95 },
        },
        duration_ms: 5,
      };
      return outcome;
    },
  };
  const deps: CliDeps = {
    engine,
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
