/**
 * Benchmark of batch mode (`npm run bench:collect`, not a test). A simulated organization (default
 * 100 accounts × 2 regions × 40 rules, 30 ms latency per call, Config rate-limited at 5 requests/s
 * per account-region, burst 5) runs in its own process; this process collects it
 *   1. with `runBatch` on the shards `plan` would cut (`cutShards`, PLAN_SHARD_SIZE 50 by default),
 *      one after another, each alone on the machine as each runs in its own Lambda in production,
 *      where the Step Functions Map runs them in parallel: the org's wall time is the slowest shard;
 *   2. with `runBatch` on one shard holding every account (one process, one event loop);
 *   3. with the naive sequential collector (bench/naiveCollector.ts) on a subset of accounts,
 *      extrapolated linearly to the whole org (it would take far too long in full).
 * It prints wall time, calls, throttles (and their share of the calls, over the whole run and in
 * steady state), records, the lower bound the rate limits impose and the ratios, and checks every
 * evaluation against the simulator's ground truth.
 *
 * `--rate`/`--burst` are the client's pacing (CONFIGREPORT_RATE/BURST); the simulator's Config limit
 * is `--server-rate`/`--server-burst`, which default to the client's values. Set them apart to model
 * the realistic case: the customer's real limit is unknown and may be below the configured rate.
 *
 *   npm run bench:collect -- [--accounts 100] [--rules 40] [--resources 60] [--latency 30]
 *     [--rate 5] [--burst 5] [--server-rate <rate>] [--server-burst <burst>] [--concurrency 200]
 *     [--naive-accounts 4] [--http undici|node] [--shard-size 50 (0: skip)]
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimEvaluation } from '../simulator/types.js';
import { DEFAULT_SHARD_SIZE } from '../src/app/settings/collectRows.js';
import { defaultSettings } from '../src/app/settings/load.js';
import type { HttpClientName } from '../src/aws/clientConfig.js';
import { createConfigSourceFactory } from '../src/aws/configSource.js';
import { type BatchEvent, parseEvent } from '../src/core/event.js';
import { silentLogger } from '../src/core/logger.js';
import type { ComplianceRecord, PlannedAccount, ShardFile } from '../src/core/model.js';
import { type BatchResult, runBatch } from '../src/modes/batch.js';
import { cutShards, sortAccounts } from '../src/modes/plan/shards.js';
import { LocalStore } from '../src/store/LocalStore.js';
import { runNaiveCollector } from './naiveCollector.js';
import { admin, childCpuMs, counterTotals, startSimulatorProcess } from './simProcess.js';

const HUB = { accessKeyId: 'AKIASIMULATORHUB0001', secretAccessKey: 'simulator-secret-key' };
const REGIONS = ['us-east-1', 'eu-west-1'];
const args = process.argv.slice(2);
const num = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const opt = {
  accounts: num('accounts', 100),
  rules: num('rules', 40),
  resources: num('resources', 60),
  latency: num('latency', 30),
  rate: num('rate', 5),
  burst: num('burst', 5),
  /** The simulator's Config limit per account-region (default: the client's rate and burst). */
  serverRate: num('server-rate', num('rate', 5)),
  serverBurst: num('server-burst', num('burst', 5)),
  concurrency: num('concurrency', 200),
  naiveAccounts: num('naive-accounts', 4),
  /** HTTP client of the Config clients (CONFIGREPORT_HTTP_CLIENT): `undici` (default) or `node`. */
  http: (args.includes('--http') ? args[args.indexOf('--http') + 1] : 'undici') as HttpClientName,
  shardSize: num('shard-size', DEFAULT_SHARD_SIZE),
};

/** One `runBatch` run as measured here. */
interface Run {
  result: BatchResult;
  records: ComplianceRecord[];
  cpuMs: number;
  simCpuMs: number;
  /** What the simulator saw (all attempts). */
  calls: number;
  throttled: number;
  errors: number;
  /** Per account-region: attempts and throttled attempts, for the lower bound. */
  perRegion: { calls: number; throttles: number }[];
  /** What the simulator saw after the first quarter of the run (steady state, past the learning). */
  steady: { calls: number; throttled: number };
}

/** One reading of the simulator's counters. */
interface Sample {
  at: number;
  calls: number;
  throttled: number;
}

/**
 * Reads the simulator's counters every 250 ms until `stop`, so the throttled share can be given for
 * the steady state too: the first throttles of each account-region are how the client learns a limit
 * below its configured rate, and that start-up cost weighs heavily on a short run.
 */
function sampleCounters(endpoint: string): { stop: () => Promise<Sample[]> } {
  const samples: Sample[] = [{ at: performance.now(), calls: 0, throttled: 0 }];
  const read = async () => {
    samples.push({ ...(await counterTotals(endpoint)), at: performance.now() });
  };
  let pending = Promise.resolve();
  const timer = setInterval(() => {
    pending = pending.then(read);
  }, 250);
  return {
    stop: async () => {
      clearInterval(timer);
      await pending.then(read);
      return samples;
    },
  };
}

/** Calls and throttles from the sample at a quarter of the run to the end. */
function steadyState(samples: Sample[]): Run['steady'] {
  const first = samples[0]!;
  const last = samples.at(-1)!;
  const from = samples.find((s) => s.at - first.at >= (last.at - first.at) / 4) ?? first;
  return { calls: last.calls - from.calls, throttled: last.throttled - from.throttled };
}

const share = (throttled: number, calls: number) =>
  `${((100 * throttled) / Math.max(1, calls)).toFixed(1)} %`;

/** Collects `accounts` as one shard with `runBatch`, measuring this process's and the simulator's CPU. */
async function collectShard(
  sim: { child: ChildProcess; endpoint: string },
  store: LocalStore,
  shardId: string,
  accounts: PlannedAccount[],
): Promise<Run> {
  await admin(sim.endpoint, 'counters/reset', 'POST');
  const perRegion: Run['perRegion'] = [];
  const event = parseEvent({
    group_id: '2026-01-01',
    shard_id: shardId,
    role_name: 'configreport-read-role',
    regions: REGIONS,
    accounts: accounts.map(({ account_id, account_name }) => ({ account_id, account_name })),
  }) as BatchEvent;
  const cpuBefore = process.cpuUsage();
  const simCpuBefore = await childCpuMs(sim.child.pid!);
  const defaults = defaultSettings();
  const settings = {
    ...defaults.batch,
    ...defaults.pacing,
    regions: REGIONS,
    ratePerSecond: opt.rate,
    burst: opt.burst,
    concurrency: opt.concurrency,
    maxAttempts: 10,
    httpClient: opt.http,
  };
  const sampler = sampleCounters(sim.endpoint);
  const result = await runBatch(event, {
    store,
    prefix: '',
    logger: silentLogger,
    clock: () => new Date(),
    settings,
    configSource: createConfigSourceFactory(
      {
        region: REGIONS[0]!,
        endpoints: { sts: sim.endpoint, config: sim.endpoint },
        credentials: HUB,
        maxAttempts: 10,
      },
      settings,
    ),
    onProgress: (e) => {
      if (e.kind === 'account-region-done') perRegion.push({ calls: e.calls, throttles: e.throttles });
    },
  });
  const cpu = process.cpuUsage(cpuBefore);
  const simCpuMs = (await childCpuMs(sim.child.pid!)) - simCpuBefore;
  const steady = steadyState(await sampler.stop());
  const seen = await counterTotals(sim.endpoint);
  const { records } = JSON.parse(await store.getText(result.key)) as ShardFile;
  return { result, records, cpuMs: (cpu.user + cpu.system) / 1000, simCpuMs, ...seen, perRegion, steady };
}

/**
 * The rate limit's floor: each account-region must make its successful calls after the burst at the
 * server's limit, and the client never sends faster than its own rate, so the tighter of the two
 * binds; they all run in parallel, so the slowest account-region sets the bound.
 */
function lowerBound(perRegion: Run['perRegion']): number {
  const floor = (ok: number, burst: number, rate: number) => (Math.max(0, ok - burst) / rate) * 1000;
  return Math.max(
    ...perRegion.map((r) =>
      Math.max(
        floor(r.calls - r.throttles, opt.serverBurst, opt.serverRate),
        floor(r.calls - r.throttles, opt.burst, opt.rate),
      ),
    ),
  );
}

const sum = (runs: Run[], of: (r: Run) => number) => runs.reduce((n, r) => n + of(r), 0);
const truthKey = (e: SimEvaluation) =>
  `${e.accountId}|${e.region}|${e.ruleName}|${e.resourceType}|${e.resourceId}`;
const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Records compared with the simulator's ground truth: lost, extra, and wrong `mox.*` tags. */
function verify(records: ComplianceRecord[], truth: SimEvaluation[]) {
  const key = (r: ComplianceRecord) =>
    `${r.account_id}|${r.region}|${r.rule_name}|${r.resource_type}|${r.resource_id}`;
  const truthTags = new Map(truth.map((e) => [truthKey(e), e.resourceTags]));
  const collected = new Set(records.map(key));
  const lost = truth.filter((e) => !collected.has(truthKey(e))).length;
  const extra = records.length - (truth.length - lost);
  const tagMismatches = records.filter((r) => {
    const want = Object.entries(truthTags.get(key(r)) ?? {})
      .filter(([k]) => k.startsWith('mox.'))
      .sort()
      .join(';');
    return want !== Object.entries(r.tags).sort().join(';');
  }).length;
  return { lost, extra, tagMismatches };
}

async function main(): Promise<void> {
  const sim = await startSimulatorProcess({
    ...opt,
    rate: opt.serverRate,
    burst: opt.serverBurst,
    regions: REGIONS,
  });
  const { child, endpoint } = sim;
  const root = await mkdtemp(join(tmpdir(), 'bench-collect-'));
  try {
    const all = await admin<{ accountId: string; name: string; state: string }[]>(endpoint, 'accounts');
    const members = all.filter((a) => a.state === 'ACTIVE').slice(1, opt.accounts + 1);
    const ids = members.map((a) => a.accountId);
    const truth = await admin<SimEvaluation[]>(
      endpoint,
      `ground-truth?accounts=${ids.join(',')}&regions=${REGIONS.join(',')}`,
    );
    const accounts = sortAccounts(members.map((a) => ({ account_id: a.accountId, account_name: a.name })));
    const store = new LocalStore(root);

    // 1. Ours as planned: the shards `plan` cuts, each alone (its own Lambda in production). First,
    // so its first shard runs with a cold JIT as a fresh Lambda would.
    const planned = opt.shardSize > 0 ? cutShards(accounts, opt.shardSize) : [];
    const shardRuns: Run[] = [];
    for (const shard of planned)
      shardRuns.push(await collectShard(sim, store, `plan-${shard.shard_id}`, shard.accounts));
    const plannedMs = Math.max(0, ...shardRuns.map((r) => r.result.durationMs));
    const plannedBoundMs = shardRuns.length > 0 ? lowerBound(shardRuns.flatMap((r) => r.perRegion)) : 0;
    const plannedCheck = verify(
      shardRuns.flatMap((r) => r.records),
      truth,
    );

    // 2. Ours: one shard with every account, every account-region in flight at once.
    await new Promise((resolve) => setTimeout(resolve, 2000)); // let the server's buckets refill
    const one = await collectShard(sim, store, 'bench', accounts);
    const { result, cpuMs: oursCpuMs, simCpuMs } = one;
    const { lost, extra, tagMismatches } = verify(one.records, truth);
    const lowerBoundMs = lowerBound(one.perRegion);

    // 3. Naive: a subset, extrapolated.
    await new Promise((resolve) => setTimeout(resolve, 2000)); // let the server's buckets refill
    await admin(endpoint, 'counters/reset', 'POST');
    const naiveIds = ids.slice(0, opt.naiveAccounts);
    const naive = await runNaiveCollector({
      region: REGIONS[0]!,
      stsEndpoint: endpoint,
      configEndpoint: endpoint,
      hubCredentials: HUB,
      roleName: 'configreport-read-role',
      accountIds: naiveIds,
      regions: REGIONS,
    });
    const naiveCounters = await counterTotals(endpoint);
    const naiveTruth = truth.filter((e) => naiveIds.includes(e.accountId));
    const naiveSet = new Set(naive.records);
    const naiveLost = naiveTruth.filter((e) => !naiveSet.has(truthKey(e))).length;
    const scale = ids.length / naiveIds.length;
    const naiveExtrapolatedMs = naive.wallMs * scale;

    const plannedCalls = sum(shardRuns, (r) => r.calls);
    const plannedThrottled = sum(shardRuns, (r) => r.throttled);
    const plannedSteady = share(
      sum(shardRuns, (r) => r.steady.throttled),
      sum(shardRuns, (r) => r.steady.calls),
    );
    const shares = {
      serverRate: opt.serverRate,
      throttledShare: one.throttled / one.calls,
      steadyShare: one.steady.throttled / Math.max(1, one.steady.calls),
      plannedThrottledShare: plannedThrottled / Math.max(1, plannedCalls),
    };
    const rows: [string, string][] = [
      [
        'org',
        `${ids.length} accounts × ${REGIONS.length} regions × ${opt.rules} rules, ~${opt.resources} resources/region, ${opt.latency} ms latency, Config limit ${opt.serverRate} req/s burst ${opt.serverBurst} per account-region; client rate ${opt.rate} burst ${opt.burst}`,
      ],
      [
        `ours as deployed: ${planned.length} shards of ≤ ${opt.shardSize} accounts`,
        shardRuns.length === 0
          ? 'skipped (--shard-size 0)'
          : `slowest ${fmt(plannedMs)} (each shard alone, as in its own Lambda: ${shardRuns.map((r) => fmt(r.result.durationMs)).join(', ')}); records lost ${plannedCheck.lost}, extra ${plannedCheck.extra}, tag mismatches ${plannedCheck.tagMismatches}`,
      ],
      [
        'ours as deployed: calls / throttled (share; steady state)',
        shardRuns.length === 0
          ? '–'
          : `${plannedCalls} / ${plannedThrottled} (${share(plannedThrottled, plannedCalls)}; ${plannedSteady}); lost: ${plannedCheck.lost}`,
      ],
      [
        'ours as deployed: bound / slowest ÷ bound',
        shardRuns.length === 0 ? '–' : `${fmt(plannedBoundMs)} / ${(plannedMs / plannedBoundMs).toFixed(2)}`,
      ],
      ['one shard, one process: wall time', `${fmt(result.durationMs)} (${opt.http} HTTP client)`],
      [
        'one shard, one process: Config+STS calls / throttled / 5xx',
        `${one.calls} / ${one.throttled} / ${one.errors}`,
      ],
      [
        'one shard, one process: throttled share (whole run; steady state)',
        `${share(one.throttled, one.calls)}; ${share(one.steady.throttled, one.steady.calls)} (${one.steady.throttled} of ${one.steady.calls} after the first quarter); lost: ${lost}`,
      ],
      [
        'one shard, one process: records (ground truth)',
        `${one.records.length} (${truth.length}); lost ${lost}, extra ${extra}, tag mismatches ${tagMismatches}`,
      ],
      [
        'one shard, one process: CPU (this process / simulator)',
        `${fmt(oursCpuMs)} (${(oursCpuMs / one.calls).toFixed(2)} ms per call) / ${fmt(simCpuMs)}`,
      ],
      [
        'one shard, one process: statuses',
        JSON.stringify(Object.fromEntries(Object.entries(result.statusCounts).filter(([, n]) => n > 0))),
      ],
      [
        'rate-limit lower bound',
        `${fmt(lowerBoundMs)} (max over account-regions of (calls − throttled − burst) / rate, server's or client's)`,
      ],
      ['one shard, one process ÷ bound', (result.durationMs / lowerBoundMs).toFixed(2)],
      // One event loop cannot finish faster than the CPU time it needs: when the SDK's per-call cost
      // times the aggregate request rate exceeds a core, this floor, not the rate limit, binds.
      [
        'CPU floor (this process)',
        `${fmt(oursCpuMs)}; ÷ max(lower bound, CPU floor) = ${(result.durationMs / Math.max(lowerBoundMs, oursCpuMs)).toFixed(2)}`,
      ],
      [
        `naive: ${naiveIds.length} accounts measured`,
        `${fmt(naive.wallMs)}, ${naiveCounters.calls} calls, ${naiveCounters.throttled} throttled, ${naive.records.length} records, lost ${naiveLost} (${naive.lostRules} rules failed)`,
      ],
      [`naive: extrapolated to ${ids.length} accounts`, `${fmt(naiveExtrapolatedMs)} (×${scale.toFixed(1)})`],
      ['naive ÷ one shard, one process', (naiveExtrapolatedMs / result.durationMs).toFixed(1)],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
    process.stdout.write(
      `${JSON.stringify({ oursMs: result.durationMs, oursCpuMs: Math.round(oursCpuMs), simCpuMs: Math.round(simCpuMs), lowerBoundMs: Math.round(lowerBoundMs), ratio: result.durationMs / lowerBoundMs, calls: one.calls, throttled: one.throttled, ...shares, records: one.records.length, truth: truth.length, lost, plannedShards: planned.length, plannedMs, plannedRatio: shardRuns.length > 0 ? plannedMs / plannedBoundMs : null, plannedLost: plannedCheck.lost, naiveMs: Math.round(naive.wallMs), naiveAccounts: naiveIds.length, naiveExtrapolatedMs: Math.round(naiveExtrapolatedMs), naiveLost })}\n`,
    );
    const bad = (c: ReturnType<typeof verify>) => c.lost > 0 || c.extra !== 0 || c.tagMismatches > 0;
    if (bad({ lost, extra, tagMismatches }) || (shardRuns.length > 0 && bad(plannedCheck)))
      process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
