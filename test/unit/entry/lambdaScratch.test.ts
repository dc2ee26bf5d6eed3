/**
 * Final mode's scratch space in Lambda: /tmp (512 MB by default) survives warm invocations and the
 * restart after a timeout, so each final invocation works in a folder of its own under TMPDIR,
 * removed on every exit, and first removes the folders of invocations that were killed before their
 * clean-up could run. Folders of other live processes sharing TMPDIR are left alone.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler, type LambdaContext } from '../../../src/entry/lambda.js';
import { type S3FaultProxy, startS3FaultProxy } from '../../helpers/s3FaultProxy.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const CHILD = join(ROOT, 'test/helpers/lambdaFinalChild.ts');

/** A Lambda context with `ms` left from now. */
function contextWith(ms: number): LambdaContext {
  const end = Date.now() + ms;
  return { getRemainingTimeInMillis: () => end - Date.now() };
}

describe("the handler's scratch folder for final mode", () => {
  let proxy: S3FaultProxy;
  let scratchRoot: string;
  let savedEnv: NodeJS.ProcessEnv;
  let env: Record<string, string>;
  const ours = async () =>
    (await readdir(scratchRoot)).filter((name) => name.startsWith('configreport-')).sort();

  beforeAll(async () => {
    // No S3 server behind the proxy: HEAD answers 404 (no plan), listing the shards never answers.
    proxy = await startS3FaultProxy('http://127.0.0.1:9', {
      failFirst: { count: 1_000_000, status: 404, code: 'NotFound', operations: ['HeadObject'] },
      hold: { operations: ['ListObjectsV2'], maxMs: 20_000 },
    });
    scratchRoot = await mkdtemp(join(tmpdir(), 'lambda-scratch-'));
    env = {
      AWS_REGION: 'us-east-1',
      REPORT_BUCKET: 'reports',
      AWS_ENDPOINT_URL_S3: proxy.endpoint,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      CONFIGREPORT_MAX_ATTEMPTS: '1',
    };
    savedEnv = { ...process.env };
    Object.assign(process.env, env, { TMPDIR: scratchRoot });
  });
  afterAll(async () => {
    process.env = savedEnv;
    await proxy.close();
    await rm(scratchRoot, { recursive: true, force: true });
  });

  it('leaves no scratch folder after a failed final, also none of an invocation killed at the timeout', async () => {
    // A container killed at the timeout (SIGKILL, as Lambda does) while final mode was reading shards.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, '2024-03-01'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, TMPDIR: scratchRoot },
      stdio: 'ignore',
    });
    const exited = new Promise((resolvePromise) => child.on('close', resolvePromise));
    await proxy.waitFor((r) => r.operation === 'ListObjectsV2', 30_000);
    child.kill('SIGKILL');
    await exited;
    expect(await ours()).toHaveLength(1);
    // The scratch folder of another live process sharing TMPDIR (here: the test runner's).
    const other = `configreport-lambda-${process.ppid}-live`;
    await mkdir(join(scratchRoot, other));

    // The next final invocation fails (S3 does not answer before the deadline) after making its folder.
    const handle = createHandler({ env, logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }) });
    const error = await handle({ mode: 'final', group_id: '2024-03-02' }, contextWith(2000)).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'StoreDeadlineError' });
    expect(await ours()).toEqual([other]);
  });
});
