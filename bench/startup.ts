/**
 * `npm run bench:startup`: how long `node bin/configreport.js --help` takes, as a person waits for
 * it (wall time of the whole process, N runs, median and p90), beside Node.js doing nothing
 * (`node -e 0`, the floor) and the same command without Node's compile cache. Builds dist/ first
 * when it is missing or stale, so the compiled CLI is what gets measured. Runs are interleaved, so a
 * load change on a shared machine hits every row alike.
 *
 * @example
 * npm run bench:startup                          # 30 runs of each
 * npm run bench:startup -- --runs 50
 * npm run bench:startup -- --bin /elsewhere/bin/configreport.js   # another checkout, as it is
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chooseCliEntry } from '../bin/lib/entry.js';

const ROOT = resolve(import.meta.dirname, '..');

interface Case {
  name: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

function options() {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '30' }, bin: { type: 'string' } },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number`);
  return { runs, bin: values.bin ? resolve(values.bin) : undefined };
}

/** Makes sure this checkout's bin runs dist/, building it when needed; says what runs. */
function ensureBuilt(): string {
  let entry = chooseCliEntry(ROOT);
  if (entry.kind !== 'dist') {
    process.stdout.write(`building dist/ first: ${entry.reason}\n`);
    const build = spawnSync(process.execPath, [resolve(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
    entry = chooseCliEntry(ROOT);
  }
  return `${entry.kind} (${entry.reason})`;
}

/** Wall time of one run, in milliseconds; throws when the command fails. */
function timeOnce(run: Case): number {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, run.args, {
    env: { ...process.env, ...run.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0) throw new Error(`${run.name} failed: ${child.stderr.toString()}`);
  return ms;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function main(): void {
  const { runs, bin } = options();
  const what = bin ? `${bin} as it is` : ensureBuilt();
  const target = bin ?? resolve(ROOT, 'bin/configreport.js');
  const cases: Case[] = [
    { name: 'node -e 0 (floor)', args: ['-e', '0'] },
    { name: 'configreport --help', args: [target, '--help'] },
    { name: '--help, no compile cache', args: [target, '--help'], env: { NODE_DISABLE_COMPILE_CACHE: '1' } },
  ];
  // One unmeasured run each: fills the OS file cache and Node's compile cache, as after any first run.
  for (const run of cases) timeOnce(run);
  const times = new Map<string, number[]>(cases.map((run) => [run.name, []]));
  for (let i = 0; i < runs; i++) for (const run of cases) times.get(run.name)!.push(timeOnce(run));

  const load = loadavg().map((value) => value.toFixed(2));
  process.stdout.write(
    `Node.js ${process.version}, ${runs} runs each, load average ${load.join(' ')}\nCLI: ${what}\n\n`,
  );
  process.stdout.write(
    `${'command'.padEnd(28)}${'median'.padStart(9)}${'p90'.padStart(9)}${'min'.padStart(9)}\n`,
  );
  for (const [name, values] of times) {
    const sorted = [...values].sort((a, b) => a - b);
    const cells = [percentile(sorted, 0.5), percentile(sorted, 0.9), sorted[0]!].map((ms) =>
      `${ms.toFixed(0)} ms`.padStart(9),
    );
    process.stdout.write(`${name.padEnd(28)}${cells.join('')}\n`);
  }
}

main();
