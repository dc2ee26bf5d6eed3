/**
 * The S3 client on our undici handler (streamed responses) against the simulator's S3 server: what
 * S3Store needs — put, get as text and as a stream, HEAD, paged lists, and multipart uploads.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_CREDENTIALS, startSimulator } from '../../../simulator/index.js';
import type { RunningSimulator } from '../../../simulator/types.js';
import { createBucketClient } from '../../../src/aws/s3Client.js';
import { S3Store } from '../../../src/store/S3Store.js';
import { ObjectNotFoundError } from '../../../src/store/Store.js';

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

describe('S3 over the undici handler', () => {
  let sim: RunningSimulator;
  let store: S3Store;
  beforeAll(async () => {
    sim = await startSimulator({ accounts: 2 });
    const client = createBucketClient({
      region: sim.region,
      endpoints: { s3: sim.s3Endpoint! },
      credentials: HUB_CREDENTIALS,
      maxAttempts: 3,
    });
    store = new S3Store(client, sim.bucket, { listPageSize: 2 });
  });
  afterAll(() => sim.stop());

  it('puts, reads back as text and as a stream, and answers HEAD', async () => {
    await store.put('batches/g/01.json', new TextEncoder().encode('{"v":2} ünïcode'), 'application/json');
    expect(await store.getText('batches/g/01.json')).toBe('{"v":2} ünïcode');
    const stream = await store.getStream('batches/g/01.json');
    expect(stream).toBeInstanceOf(Readable);
    expect(await text(stream)).toBe('{"v":2} ünïcode');
    expect(await store.exists('batches/g/01.json')).toBe(true);
    expect(await store.exists('batches/g/99.json')).toBe(false);
    await expect(store.getText('nope')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('lists every page and uploads a body larger than one part in parts', async () => {
    for (const key of ['list/3', 'list/1', 'list/2']) await store.put(key, key);
    const listed = [];
    for await (const item of store.list('list/')) listed.push(item.key);
    expect(listed).toEqual(['list/1', 'list/2', 'list/3']);
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
    const big = await store.getStream('big/body.txt');
    let size = 0;
    for await (const chunk of big) size += (chunk as Buffer).length;
    expect(size).toBe(line.length * lines);
  });
});
