/**
 * The simulator as bench:collect runs it: in its own process (so its CPU is not counted as ours),
 * plus the admin calls the benchmark makes (accounts, ground truth, counters) and its CPU time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { OperationCounters } from '../simulator/types.js';

/** The synthetic org and its faults. */
export interface SimOptions {
  accounts: number;
  regions: string[];
  rules: number;
  resources: number;
  latency: number;
  rate: number;
  burst: number;
}

/** Starts the simulator in a child process and reads its endpoint. */
export async function startSimulatorProcess(
  opt: SimOptions,
): Promise<{ child: ChildProcess; endpoint: string }> {
  const main = fileURLToPath(new URL('../simulator/main.ts', import.meta.url));
  // Some synthetic accounts are suspended: ask for a few more so `accounts` ACTIVE members exist.
  const size = Math.ceil(opt.accounts * 1.1) + 2;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      main,
      ...['--accounts', String(size), '--seed', '7', '--regions', opt.regions.join(',')],
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
export async function childCpuMs(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000;
  } catch {
    return Number.NaN;
  }
}

/** One call of the simulator's admin API. */
export async function admin<T>(endpoint: string, path: string, method = 'GET'): Promise<T> {
  const res = await fetch(`${endpoint}/_sim/${path}`, { method });
  return (await res.json()) as T;
}

/** The simulator's counters summed over operations. */
export async function counterTotals(endpoint: string): Promise<OperationCounters> {
  const counters = await admin<Record<string, OperationCounters>>(endpoint, 'counters');
  const sum = { calls: 0, throttled: 0, errors: 0 };
  for (const c of Object.values(counters)) {
    sum.calls += c.calls;
    sum.throttled += c.throttled;
    sum.errors += c.errors;
  }
  return sum;
}
