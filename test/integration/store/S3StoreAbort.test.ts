/**
 * S3Store under an abort signal, against the simulator's S3 server behind a fault proxy that holds
 * requests (a slow S3): an aborted call rejects with the signal's reason, and an aborted multipart
 * upload is aborted on the server (AbortMultipartUpload) before the call rejects, so a process that
 * exits on the rejection leaves no upload open.
 */
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HUB_CREDENTIALS, startSimulator } from '../../../simulator/index.js';
import type { RunningSimulator } from '../../../simulator/types.js';
import { createS3Client, S3Store } from '../../../src/store/S3Store.js';
import { type S3FaultProxy, startS3FaultProxy } from '../../helpers/s3FaultProxy.js';

/** Longer than any test here may take: a call still held this long was not aborted. */
const HOLD_MS = 20_000;

/** 9 MiB in 1 KiB lines: one full 8 MiB part, so lib-storage opens a multipart upload. */
function nineMiB(): Readable {
  const line = `${'x'.repeat(1023)}\n`;
  return Readable.from(
    (function* () {
      for (let i = 0; i < 9 * 1024; i++) yield line;
    })(),
  );
}

describe('S3Store calls abandoned through their signal', () => {
  let sim: RunningSimulator;
  let proxy: S3FaultProxy;
  let store: S3Store;
  let direct: S3Store;
  beforeAll(async () => {
    sim = await startSimulator({ accounts: 1 });
    proxy = await startS3FaultProxy(sim.s3Endpoint!);
    const client = (endpoint: string) =>
      createS3Client({
        region: sim.region,
        endpoints: { s3: endpoint },
        credentials: HUB_CREDENTIALS,
        maxAttempts: 3,
      });
    store = new S3Store(client(proxy.endpoint), sim.bucket);
    direct = new S3Store(client(sim.s3Endpoint!), sim.bucket);
  });
  afterEach(() => proxy.setRules({}));
  afterAll(async () => {
    await proxy.close();
    await sim.stop();
  });

  it('aborts the multipart upload on the server before putStream rejects', async () => {
    proxy.setRules({ hold: { operations: ['UploadPart'], maxMs: HOLD_MS } });
    const controller = new AbortController();
    const reason = new Error('stop: the invocation is about to be killed');
    const upload = store.putStream('big/aborted.txt', nineMiB(), 'text/plain', { signal: controller.signal });
    const outcome = upload.then(
      () => 'completed',
      (error: unknown) => error,
    );
    await proxy.waitFor((r) => r.operation === 'UploadPart');
    expect(proxy.openUploads()).toHaveLength(1);
    controller.abort(reason);
    expect(await outcome).toBe(reason);
    // Already done when the call rejected: nothing runs on in the background.
    expect(proxy.abortedUploads()).toHaveLength(1);
    expect(proxy.openUploads()).toEqual([]);
    expect(await direct.exists('big/aborted.txt')).toBe(false);
  });

  it('cuts a PutObject that S3 does not answer', async () => {
    proxy.setRules({ hold: { operations: ['PutObject'], maxMs: HOLD_MS } });
    const controller = new AbortController();
    const reason = new Error('stop');
    const put = store.put('slow/one.json', '{}', 'application/json', { signal: controller.signal }).then(
      () => 'completed',
      (error: unknown) => error,
    );
    const seen = await proxy.waitFor((r) => r.operation === 'PutObject' && r.path.endsWith('/slow/one.json'));
    controller.abort(reason);
    expect(await put).toBe(reason);
    await expect.poll(() => seen.clientGaveUp).toBe(true);
    expect(await direct.exists('slow/one.json')).toBe(false);
  });

  it('cuts a listing that S3 does not answer', async () => {
    proxy.setRules({ hold: { operations: ['ListObjectsV2'], maxMs: HOLD_MS } });
    const controller = new AbortController();
    const reason = new Error('stop');
    const listing = (async () => {
      for await (const _ of store.list('slow/', { signal: controller.signal })) {
        // Nothing to do: the listing must not complete.
      }
      return 'completed';
    })().catch((error: unknown) => error);
    await proxy.waitFor((r) => r.operation === 'ListObjectsV2');
    controller.abort(reason);
    expect(await listing).toBe(reason);
  });

  it('sends nothing when the signal has already fired', async () => {
    const before = proxy.requests.length;
    const reason = new Error('too late');
    const signal = AbortSignal.abort(reason);
    await expect(store.put('late/x.json', '{}', 'application/json', { signal })).rejects.toBe(reason);
    await expect(store.putStream('late/y.txt', nineMiB(), 'text/plain', { signal })).rejects.toBe(reason);
    await expect(store.getText('late/x.json', { signal })).rejects.toBe(reason);
    expect(proxy.requests.length).toBe(before);
  });
});
