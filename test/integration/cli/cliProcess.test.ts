/**
 * `node bin/configreport.js …` as a real child process: the bin shim (tsx, no build step), exit
 * codes, stdout/stderr separation (`--json` stdout is exactly one JSON document while progress
 * goes to stderr), the demo end to end, interrupts (exit 130/143, scratch removed), and `sim`
 * stopping cleanly on SIGTERM.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../../bin/configreport.js');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-process-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A clean environment: no AWS variables of the machine can leak into the child. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  return env;
}

function start(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], { cwd: dir, env: childEnv() });
}

function run(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = start(args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** `demo` over 30 accounts into `<dir>/<name>`, and its end as `[exit code, killing signal]`. */
function startDemo(name: string, env: NodeJS.ProcessEnv = childEnv()) {
  const child = spawn(
    process.execPath,
    [BIN, 'demo', '--accounts', '30', '--regions', 'us-east-1', '--out', name, '--group-id', name],
    { cwd: dir, env },
  );
  child.stdout.resume();
  const exited = new Promise<[number | null, string | null]>((resolvePromise) =>
    child.on('close', (code, signal) => resolvePromise([code, signal])),
  );
  return { child, exited };
}

describe('configreport as a process', () => {
  it('demo --json --strict: one JSON document on stdout, progress on stderr, workbook written, exit 3', async () => {
    const result = await run([
      'demo',
      ...['--accounts', '10', '--deny', '1', '--config-off', '1', '--regions', 'us-east-1'],
      ...[
        '--rules',
        '5',
        '--resources',
        '10',
        '--shard-size',
        '3',
        '--out',
        'demo-out',
        '--group-id',
        'demo-1',
      ],
      '--strict',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(3);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ ok: true, command: 'demo', exit_code: 3, group_id: 'demo-1' });
    expect(json.report.xlsx).toBe(
      join(dir, 'demo-out', 'reports', 'groups', 'demo-1', `ConfigRule_${json.report_date}.xlsx`),
    );
    expect((await stat(json.report.xlsx)).size).toBeGreaterThan(1000);
    const statuses = json.summary.coverage.problems.map((p: { status: string }) => p.status).sort();
    expect(statuses).toEqual(expect.arrayContaining(['ASSUME_ROLE_DENIED', 'CONFIG_NOT_ENABLED']));
    expect(json.demo.faults.denied).toHaveLength(1);
    expect(json.plan.shard_ids.length).toBeGreaterThan(1);
    expect(result.stderr).toMatch(/^Collecting: \d+\/\d+ accounts/m);
    expect(result.stderr).toMatch(/^plan: \d+ accounts in \d+ shard\(s\)/m);
  });

  it('demo without --json prints the summary table and the path', async () => {
    const result = await run([
      'demo',
      ...['--accounts', '6', '--deny', '1', '--config-off', '0', '--regions', 'eu-west-1'],
      ...['--rules', '3', '--resources', '5', '--out', 'demo-text', '--group-id', 'demo-2'],
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Demo org: 6 accounts, regions eu-west-1, seed 1$/m);
    expect(result.stdout).toMatch(/^Overall\s+[\d,]+\s+[\d,]+\s+\d+\.\d%/m);
    expect(result.stdout).toMatch(/^Coverage problems: \d+/m);
    expect(result.stdout).toMatch(/ASSUME_ROLE_DENIED/);
    expect(result.stdout).toMatch(
      new RegExp(
        `Report: ${join(dir, 'demo-text', 'reports', 'groups', 'demo-2')}/ConfigRule_\\d{4}-\\d{2}-\\d{2}\\.xlsx`,
      ),
    );
  });

  it('a bad flag: clear message on stderr, exit 2, nothing on stdout', async () => {
    const result = await run(['demo', '--acounts', '5']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error: unknown option '--acounts'/);
    expect(result.stderr).toMatch(/Did you mean --accounts\?/);
    expect(result.stdout).toBe('');
  });

  it('a bad event on stdin: every bad field named, exit 2, JSON error document with --json', async () => {
    const result = await run(
      ['batch', '--event', '-', '--json'],
      JSON.stringify({ group_id: 'a..b', role_name: 'r', accounts: [] }),
    );
    expect(result.code).toBe(2);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ ok: false, exit_code: 2 });
    expect(json.error.details).toEqual(
      expect.arrayContaining([expect.stringMatching(/^group_id: /), expect.stringMatching(/^shard_id: /)]),
    );
    expect(result.stderr).toMatch(/error: Invalid event: /);
  });

  it("Ctrl-C during final mode: exit 130, and final's scratch folder (spool, CSV) is removed", async () => {
    const tmp = join(dir, 'tmp-interrupt');
    await mkdir(tmp);
    const scratch = async () => (await readdir(tmp)).filter((name) => name.startsWith('configreport-'));
    const { child, exited } = startDemo('demo-int', { ...childEnv(), TMPDIR: tmp });
    child.stderr.resume();
    // Final mode starts after collection; interrupt as soon as its scratch folder exists.
    const deadline = Date.now() + 60_000;
    while ((await scratch()).length === 0 && Date.now() < deadline) {
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 5));
    }
    expect(await scratch()).toHaveLength(1);
    child.kill('SIGINT');
    expect(await exited).toEqual([130, null]);
    expect(await scratch()).toEqual([]);
  });

  it('SIGTERM while collecting: exit 143 from our handler (not a signal death), no workbook', async () => {
    const { child, exited } = startDemo('demo-term');
    // The demo announces the simulator before collecting: the command (and its handler) is running.
    await new Promise<void>((resolvePromise) => {
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('starting the simulator')) resolvePromise();
      });
    });
    child.kill('SIGTERM');
    expect(await exited).toEqual([143, null]);
    const written = await readdir(join(dir, 'demo-term'), { recursive: true }).catch(() => []);
    expect(written.filter((name) => String(name).endsWith('.xlsx'))).toEqual([]);
  });

  it('sim: prints the endpoint and env, serves requests, stops cleanly on SIGTERM', async () => {
    const child = start(['sim', '--accounts', '5', '--no-s3', '--json']);
    let stdout = '';
    const exited = new Promise<number | null>((resolvePromise) => child.on('close', resolvePromise));
    const line = await new Promise<string>((resolvePromise, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) resolvePromise(stdout.split('\n')[0]!);
      });
      child.on('close', () => reject(new Error(`sim exited early: ${stdout}`)));
    });
    const info = JSON.parse(line);
    expect(info).toMatchObject({ ok: true, command: 'sim', accounts: 5, s3_endpoint: null });
    expect(info.env.AWS_ENDPOINT_URL_STS).toBe(info.endpoint);
    expect(info.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const counters = await fetch(`${info.endpoint}/_sim/counters`);
    expect(counters.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
