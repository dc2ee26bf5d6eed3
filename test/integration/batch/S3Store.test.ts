import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index.js';
import type { RunningSimulator } from '../../../simulator/types.js';
import type { S3Store } from '../../../src/store/S3Store.js';
import { ObjectNotFoundError } from '../../../src/store/Store.js';
import { simBucket } from '../../helpers/simBucket.js';

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

// S3Store's client is the app's: the proxied, fail-fast undici handler with streamed responses.
describe('S3Store against an S3-compatible server', () => {
  let sim: RunningSimulator;
  let store: S3Store;
  beforeAll(async () => {
    sim = await startSimulator({ accounts: 2 });
    store = simBucket(sim, { listPageSize: 2 });
  });
  afterAll(() => sim.stop());

  it('puts, overwrites and reads back text and streams', async () => {
    await store.put('batches/g/01.json', '{"v":1}', 'application/json');
    await store.put('batches/g/01.json', new TextEncoder().encode('{"v":2} ünïcode'), 'application/json');
    expect(await store.getText('batches/g/01.json')).toBe('{"v":2} ünïcode');
    expect(await text(await store.getStream('batches/g/01.json'))).toBe('{"v":2} ünïcode');
    expect(await store.exists('batches/g/01.json')).toBe(true);
    expect(await store.exists('batches/g/99.json')).toBe(false);
    expect(store.location).toBe(`s3://${sim.bucket}/`);
  });

  it('reports a missing key as ObjectNotFoundError', async () => {
    await expect(store.getText('nope')).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(store.getStream('nope')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('lists every page under a prefix, in key order', async () => {
    const keys = [
      'list/a/5.json',
      'list/a/1.json',
      'list/a/3.json',
      'list/a/2.json',
      'list/a/4.json',
      'list/b/1.json',
    ];
    for (const key of keys) await store.put(key, key);
    const listed = [];
    for await (const item of store.list('list/a/')) listed.push(item);
    expect(listed.map((o) => o.key)).toEqual([
      'list/a/1.json',
      'list/a/2.json',
      'list/a/3.json',
      'list/a/4.json',
      'list/a/5.json',
    ]);
    expect(listed.every((o) => o.size === 'list/a/1.json'.length)).toBe(true);
  });

  it('streams a body larger than one part as a multipart upload', async () => {
    const line = `${'x'.repeat(1023)}\n`;
    const lines = 9 * 1024; // 9 MiB: more than one 8 MiB part
    await store.putStream(
      'big/body.txt',
      Readable.from(
        (function* () {
          for (let i = 0; i < lines; i++) yield line;
        })(),
      ),
    );
    const listed = [];
    for await (const item of store.list('big/')) listed.push(item);
    expect(listed).toEqual([expect.objectContaining({ key: 'big/body.txt', size: line.length * lines })]);
    // Read back as a stream: the undici handler streams response bodies instead of buffering them.
    let size = 0;
    for await (const chunk of await store.getStream('big/body.txt')) size += (chunk as Buffer).length;
    expect(size).toBe(line.length * lines);
  });
});
