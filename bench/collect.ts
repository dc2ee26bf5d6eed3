/**
 * Benchmark of batch mode (`npm run bench:collect`, not a test). A simulated organization (default
 * 100 accounts × 2 regions × 40 rules, 30 ms latency per call, Config rate-limited at 5 requests/s
 * per account-region, burst 5) runs in its own process; this process collects it
 *   1. with `runBatch` (one shard holding every account), and
 *   2. with the naive sequential collector (bench/naiveCollector.ts) on a subset of accounts,
 *      extrapolated linearly to the whole org (it would take far too long in full).
 * It prints wall time, calls, throttles, records, the lower bound the rate limits impose and the
 * ratios, and checks every evaluation against the simulator's ground truth.
 *
 *   npm run bench:collect -- [--accounts 100] [--rules 40] [--resources 60] [--latency 30]
 *     [--rate 5] [--burst 5] [--concurrency 200] [--naive-accounts 4] [--workers auto|0|2]
 *     [--http undici|node]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OperationCounters, SimEvaluation } from '../simulator/types.js';
import { DEFAULT_BATCH_SETTINGS } from '../src/config/batchSettings.js';
import { type BatchEvent, parseEvent } from '../src/core/event.js';
import { silentLogger } from '../src/core/logger.js';
import type { ShardFile } from '../src/core/model.js';
import { runBatch } from '../src/modes/batch.js';
import { LocalStore } from '../src/store/LocalStore.js';
import { runNaiveCollector } from './naiveCollector.js';

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
  concurrency: num('concurrency', 200),
  naiveAccounts: num('naive-accounts', 4),
  /** Worker threads for batch mode; unset (or `auto`) uses the setting's default (0, in-process). */
  workers:
    args.includes('--workers') && args[args.indexOf('--workers') + 1] !== 'auto'
      ? num('workers', 0)
      : undefined,
  /** HTTP client of the Config clients (CONFIGREPORT_HTTP_CLIENT): `undici` (default) or `node`. */
  http: (args.includes('--http') ? args[args.indexOf('--http') + 1] : 'undici') as 'undici' | 'node',
};

/** Starts the simulator in a child process (its CPU is not ours) and reads its endpoint. */
async function startSimulatorProcess(): Promise<{ child: ChildProcess; endpoint: string }> {
  const main = fileURLToPath(new URL('../simulator/main.ts', import.meta.url));
  // Some synthetic accounts are suspended: ask for a few more so `accounts` ACTIVE members exist.
  const size = Math.ceil(opt.accounts * 1.1) + 2;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      main,
      ...['--accounts', String(size), '--seed', '7', '--regions', REGIONS.join(',')],
      ...[
        '--rules',
        String(opt.rules),
        '--resources',
        String(opt.resources),
        '--latency',
        String(opt.latency),
      ],
      ...['--rate', String(opt.rate), '--burst', String(opt.burst), '--no-s3'],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /AWS_ENDPOINT_URL_CONFIG_SERVICE=(\S+)/.exec(out);
      if (match && out.includes('Ctrl-C')) resolve(match[1]!);
    });
  });
  return { child, endpoint };
}

/** CPU time (user + system) a child process has used so far, from /proc (Linux). */
async function childCpuMs(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000;
  } catch {
    return Number.NaN;
  }
}

async function admin<T>(endpoint: string, path: string, method = 'GET'): Promise<T> {
  const res = await fetch(`${endpoint}/_sim/${path}`, { method });
  return (await res.json()) as T;
}

function totals(counters: Record<string, OperationCounters>): OperationCounters {
  const sum = { calls: 0, throttled: 0, errors: 0 };
  for (const c of Object.values(counters)) {
    sum.calls += c.calls;
    sum.throttled += c.throttled;
    sum.errors += c.errors;
  }
  return sum;
}

const truthKey = (e: SimEvaluation) =>
  `${e.accountId}|${e.region}|${e.ruleName}|${e.resourceType}|${e.resourceId}`;
const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const { child, endpoint } = await startSimulatorProcess();
  const root = await mkdtemp(join(tmpdir(), 'bench-collect-'));
  try {
    const all = await admin<{ accountId: string; name: string; state: string }[]>(endpoint, 'accounts');
    const members = all.filter((a) => a.state === 'ACTIVE').slice(1, opt.accounts + 1);
    const ids = members.map((a) => a.accountId);
    const truth = await admin<SimEvaluation[]>(
      endpoint,
      `ground-truth?accounts=${ids.join(',')}&regions=${REGIONS.join(',')}`,
    );
    const truthTags = new Map(truth.map((e) => [truthKey(e), e.resourceTags]));

    // 1. Ours: one shard with every account, every account-region in flight at once.
    await admin(endpoint, 'counters/reset', 'POST');
    const perRegion: { calls: number; throttles: number }[] = [];
    const event = parseEvent({
      group_id: '2026-01-01',
      shard_id: 'bench',
      role_name: 'configreport-read-role',
      regions: REGIONS,
      accounts: members.map((a) => ({ account_id: a.accountId, account_name: a.name })),
    }) as BatchEvent;
    const store = new LocalStore(root);
    const cpuBefore = process.cpuUsage();
    const simCpuBefore = await childCpuMs(child.pid!);
    const result = await runBatch(event, {
      store,
      prefix: '',
      logger: silentLogger,
      aws: {
        region: REGIONS[0]!,
        endpoints: { sts: endpoint, config: endpoint },
        credentials: HUB,
        maxAttempts: 10,
        configHttpClient: opt.http,
      },
      settings: {
        ...DEFAULT_BATCH_SETTINGS,
        ratePerSecond: opt.rate,
        burst: opt.burst,
        concurrency: opt.concurrency,
        ...(opt.workers !== undefined ? { workers: opt.workers } : {}),
      },
      onProgress: (e) => {
        if (e.kind === 'account-region-done') perRegion.push({ calls: e.calls, throttles: e.throttles });
      },
    });
    const cpu = process.cpuUsage(cpuBefore);
    const oursCpuMs = (cpu.user + cpu.system) / 1000;
    const simCpuMs = (await childCpuMs(child.pid!)) - simCpuBefore;
    const ours = totals(await admin(endpoint, 'counters'));
    const shard = JSON.parse(await store.getText(result.key)) as ShardFile;
    const collected = new Set(
      shard.records.map(
        (r) => `${r.account_id}|${r.region}|${r.rule_name}|${r.resource_type}|${r.resource_id}`,
      ),
    );
    const lost = truth.filter((e) => !collected.has(truthKey(e))).length;
    const extra = shard.records.length - (truth.length - lost);
    const tagMismatches = shard.records.filter((r) => {
      const expected =
        truthTags.get(`${r.account_id}|${r.region}|${r.rule_name}|${r.resource_type}|${r.resource_id}`) ?? {};
      const want = Object.entries(expected)
        .filter(([k]) => k.startsWith('mox.'))
        .sort()
        .join(';');
      return want !== Object.entries(r.tags).sort().join(';');
    }).length;
    // The rate limit's floor: each account-region must make its successful calls at `rate` after
    // the burst, and they all run in parallel, so the slowest one sets the bound.
    const lowerBoundMs = Math.max(
      ...perRegion.map((r) => (Math.max(0, r.calls - r.throttles - opt.burst) / opt.rate) * 1000),
    );

    // 2. Naive: a subset, extrapolated.
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
    const naiveCounters = totals(await admin(endpoint, 'counters'));
    const naiveTruth = truth.filter((e) => naiveIds.includes(e.accountId));
    const naiveSet = new Set(naive.records);
    const naiveLost = naiveTruth.filter((e) => !naiveSet.has(truthKey(e))).length;
    const scale = ids.length / naiveIds.length;
    const naiveExtrapolatedMs = naive.wallMs * scale;

    const rows: [string, string][] = [
      [
        'org',
        `${ids.length} accounts × ${REGIONS.length} regions × ${opt.rules} rules, ~${opt.resources} resources/region, ${opt.latency} ms latency, Config ${opt.rate} req/s burst ${opt.burst} per account-region`,
      ],
      [
        'ours: wall time',
        `${fmt(result.durationMs)} (${result.workers} worker threads, ${opt.http} HTTP client)`,
      ],
      ['ours: Config+STS calls / throttled / 5xx', `${ours.calls} / ${ours.throttled} / ${ours.errors}`],
      [
        'ours: records (ground truth)',
        `${shard.records.length} (${truth.length}); lost ${lost}, extra ${extra}, tag mismatches ${tagMismatches}`,
      ],
      [
        'ours: CPU (this process / simulator)',
        `${fmt(oursCpuMs)} (${(oursCpuMs / ours.calls).toFixed(2)} ms per call) / ${fmt(simCpuMs)}`,
      ],
      [
        'ours: statuses',
        JSON.stringify(Object.fromEntries(Object.entries(result.statusCounts).filter(([, n]) => n > 0))),
      ],
      [
        'rate-limit lower bound',
        `${fmt(lowerBoundMs)} (max over account-regions of (calls − throttled − burst) / rate)`,
      ],
      ['ours ÷ lower bound', (result.durationMs / lowerBoundMs).toFixed(2)],
      // One event loop cannot finish faster than the CPU time it needs: when the SDK's per-call cost
      // times the aggregate request rate exceeds a core, this floor, not the rate limit, binds.
      [
        'CPU floor (this process)',
        `${fmt(oursCpuMs)}; ours ÷ max(lower bound, CPU floor) = ${(result.durationMs / Math.max(lowerBoundMs, oursCpuMs)).toFixed(2)}`,
      ],
      [
        `naive: ${naiveIds.length} accounts measured`,
        `${fmt(naive.wallMs)}, ${naiveCounters.calls} calls, ${naiveCounters.throttled} throttled, ${naive.records.length} records, lost ${naiveLost} (${naive.lostRules} rules failed)`,
      ],
      [`naive: extrapolated to ${ids.length} accounts`, `${fmt(naiveExtrapolatedMs)} (×${scale.toFixed(1)})`],
      ['naive ÷ ours', (naiveExtrapolatedMs / result.durationMs).toFixed(1)],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
    process.stdout.write(
      `${JSON.stringify({ oursMs: result.durationMs, oursCpuMs: Math.round(oursCpuMs), simCpuMs: Math.round(simCpuMs), lowerBoundMs: Math.round(lowerBoundMs), ratio: result.durationMs / lowerBoundMs, calls: ours.calls, throttled: ours.throttled, records: shard.records.length, truth: truth.length, lost, naiveMs: Math.round(naive.wallMs), naiveAccounts: naiveIds.length, naiveExtrapolatedMs: Math.round(naiveExtrapolatedMs), naiveLost })}\n`,
    );
    if (lost > 0 || extra !== 0 || tagMismatches > 0) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
