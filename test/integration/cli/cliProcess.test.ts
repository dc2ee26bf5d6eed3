/**
 * `node bin/configreport.js …` as a real child process: the bin shim (tsx, no build step), exit
 * codes, stdout/stderr separation (`--json` stdout is exactly one JSON document while progress
 * goes to stderr), the demo end to end, interrupts (exit 130/143, scratch removed, no multipart
 * upload left open on S3), and `sim` stopping cleanly on SIGTERM.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index.js';
import { encodeShardToString } from '../../../src/core/shardCodec.js';
import { type ChildResult, runChild } from '../../helpers/childProcess.js';
import { startS3FaultProxy } from '../../helpers/s3FaultProxy.js';
import { simBucket } from '../../helpers/simBucket.js';
import { record, shard } from '../../unit/modes/final/factories.js';

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

function run(args: string[], stdin = ''): Promise<ChildResult> {
  return runChild(process.execPath, [BIN, ...args], { cwd: dir, env: childEnv(), stdin });
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
    // Nor a hidden partial report beside the outputs (LocalStore's temp file, removed on abort).
    const outputs = await readdir(join(dir, 'demo-int'), { recursive: true }).catch(() => []);
    expect(outputs.filter((name) => String(name).includes('.configreport-tmp-'))).toEqual([]);
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

  it('SIGTERM during an S3 multipart upload: the upload is aborted on the server before exit 143', async () => {
    const sim = await startSimulator({ accounts: 1 });
    // S3 takes the workbook's parts but never answers them: the upload is open when SIGTERM comes.
    const proxy = await startS3FaultProxy(sim.s3Endpoint!, {
      hold: { operations: ['UploadPart'], maxMs: 60_000 },
    });
    try {
      const bucket = simBucket(sim);
      // 8,000 non-compliant evaluations (each on two sheets) with 1 KiB of incompressible annotation:
      // a ~16 MB workbook, which lib-storage uploads in parts of 8 MiB.
      const records = Array.from({ length: 8000 }, (_, i) =>
        record({
          resource_id: `bucket-${i}`,
          compliance_type: 'NON_COMPLIANT',
          annotation: randomBytes(768).toString('base64url'),
        }),
      );
      await bucket.put('batches/2024-06-01/01.json', encodeShardToString(shard('2024-06-01', '01', records)));
      const tmp = join(dir, 'tmp-upload');
      await mkdir(tmp);
      const child = spawn(
        process.execPath,
        [BIN, 'final', '--bucket', sim.bucket, '--group-id', '2024-06-01', '--quiet'],
        { cwd: dir, env: { ...childEnv(), ...sim.env, AWS_ENDPOINT_URL_S3: proxy.endpoint, TMPDIR: tmp } },
      );
      child.stdout.resume();
      child.stderr.resume();
      const exited = new Promise<[number | null, string | null]>((resolvePromise) =>
        child.on('close', (code, signal) => resolvePromise([code, signal])),
      );
      await proxy.waitFor((r) => r.operation === 'UploadPart', 60_000);
      expect(proxy.openUploads()).toHaveLength(1);
      child.kill('SIGTERM');
      expect(await exited).toEqual([143, null]);
      // What ListMultipartUploads would show (s3rver has no such call; the proxy keeps the ledger).
      expect(proxy.abortedUploads()).toHaveLength(1);
      expect(proxy.openUploads()).toEqual([]);
      const reports = [];
      for await (const item of bucket.list('reports/')) reports.push(item.key);
      expect(reports).toEqual([]);
      // Final's scratch folder is gone too (tsx keeps its cache there: not ours).
      expect((await readdir(tmp)).filter((name) => name.startsWith('configreport-'))).toEqual([]);
    } finally {
      await proxy.close();
      await sim.stop();
    }
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
