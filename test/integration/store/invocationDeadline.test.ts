/**
 * Storage near the Lambda deadline, through the real handler: when S3 does not answer (a fault
 * proxy holds the requests, as a SlowDown storm would), the invocation fails with a named error a
 * few seconds before it would be killed, instead of being killed mid-write. The shard write gives up
 * with ShardWriteTimeoutError (kind failed: Step Functions retries it), plan and final storage
 * calls with StoreDeadlineError, and final's scratch folder is gone either way.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HUB_CREDENTIALS, startSimulator } from '../../../simulator/index.js';
import type { RunningSimulator } from '../../../simulator/types.js';
import { isConfigReportError } from '../../../src/core/errors.js';
import { createHandler, type LambdaContext } from '../../../src/entry/lambda.js';
import type { S3Store } from '../../../src/store/S3Store.js';
import { type S3FaultProxy, startS3FaultProxy } from '../../helpers/s3FaultProxy.js';
import { simBucket } from '../../helpers/simBucket.js';

/** Longer than any test here may take: a call still held this long was not abandoned. */
const HOLD_MS = 25_000;

/** A Lambda context with `ms` left from now (the clock runs, as in Lambda). */
function contextWith(ms: number): LambdaContext {
  const end = Date.now() + ms;
  return { getRemainingTimeInMillis: () => end - Date.now() };
}

describe('storage calls bounded by the invocation deadline', () => {
  let sim: RunningSimulator;
  let proxy: S3FaultProxy;
  let direct: S3Store;
  let handle: ReturnType<typeof createHandler>;
  let savedEnv: NodeJS.ProcessEnv;
  let scratchRoot: string;
  beforeAll(async () => {
    sim = await startSimulator({
      accounts: 2,
      regions: ['us-east-1'],
      rulesPerRegion: 2,
      resourcesPerRegion: 5,
    });
    proxy = await startS3FaultProxy(sim.s3Endpoint!);
    savedEnv = { ...process.env };
    process.env.AWS_ACCESS_KEY_ID = HUB_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = HUB_CREDENTIALS.secretAccessKey;
    // Final's scratch folders go under TMPDIR: a folder of this file's own, to check it is left empty.
    scratchRoot = await mkdtemp(join(tmpdir(), 'deadline-scratch-'));
    process.env.TMPDIR = scratchRoot;
    handle = createHandler({
      env: {
        ...sim.env,
        AWS_ENDPOINT_URL_S3: proxy.endpoint,
        CONFIGREPORT_REGIONS: 'us-east-1',
        // Collection stops with 2 s left; the write then has until 1 s before the kill.
        CONFIGREPORT_DEADLINE_MARGIN_MS: '2000',
      },
      logger: new Logger({ serviceName: 'configreport-test', logLevel: 'SILENT' }),
    });
    direct = simBucket(sim);
  });
  afterEach(() => proxy.setRules({}));
  afterAll(async () => {
    process.env = savedEnv;
    await rm(scratchRoot, { recursive: true, force: true });
    await proxy.close();
    await sim.stop();
  });

  it('batch: gives up the shard write before the kill with ShardWriteTimeoutError', async () => {
    proxy.setRules({ hold: { operations: ['PutObject'], maxMs: HOLD_MS } });
    const accounts = sim
      .accounts()
      .filter((a) => a.accountId !== sim.hubAccountId)
      .map((a) => ({ account_id: a.accountId, account_name: a.name }));
    const event = {
      mode: 'batch',
      group_id: '2024-02-01',
      shard_id: '01',
      role_name: sim.roleName,
      accounts,
    };
    const error = await handle(event, contextWith(2500)).catch((e: unknown) => e);
    expect(isConfigReportError(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'ShardWriteTimeoutError',
      kind: 'failed',
      key: 'batches/2024-02-01/01.json',
    });
    const put = proxy.requests.find(
      (r) => r.operation === 'PutObject' && r.path.endsWith('/batches/2024-02-01/01.json'),
    );
    expect(put?.outcome).toBe('held');
    await expect.poll(() => put?.clientGaveUp).toBe(true);
    expect(await direct.exists('batches/2024-02-01/01.json')).toBe(false);
  });

  it('plan: gives up the manifest write before the kill with StoreDeadlineError', async () => {
    proxy.setRules({ hold: { operations: ['PutObject'], maxMs: HOLD_MS } });
    const event = {
      mode: 'plan',
      group_id: '2024-02-02',
      accounts: [{ account_id: '123456789012', account_name: 'prod-app-01' }],
    };
    const error = await handle(event, contextWith(2000)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'StoreDeadlineError', kind: 'failed' });
    expect(await direct.exists('plans/2024-02-02/manifest.json')).toBe(false);
  });

  it('final: gives up reading the shards before the kill, and removes its scratch folder', async () => {
    proxy.setRules({ hold: { operations: ['ListObjectsV2'], maxMs: HOLD_MS } });
    const error = await handle({ mode: 'final', group_id: '2024-02-03' }, contextWith(2000)).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'StoreDeadlineError', kind: 'failed' });
    expect(proxy.requests.some((r) => r.operation === 'ListObjectsV2' && r.clientGaveUp)).toBe(true);
    expect(await readdir(scratchRoot)).toEqual([]);
  });
});
