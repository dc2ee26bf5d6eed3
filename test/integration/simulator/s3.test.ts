/**
 * S3 conformance with the SDK v3 S3 client at its DEFAULT checksum settings (flexible checksums,
 * aws-chunked streaming bodies with trailers) plus lib-storage multipart uploads.
 */
import { createConnection } from 'node:net';
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../simulator/index.js';
import { errorOf, s3Client } from './clients.js';

let sim: RunningSimulator;
let s3: S3Client;

beforeAll(async () => {
  sim = await startSimulator({ accounts: 2, bucket: 'conformance-bucket' });
  s3 = s3Client(sim);
});
afterAll(() => sim.stop());

const text = async (key: string) =>
  (await s3.send(new GetObjectCommand({ Bucket: sim.bucket, Key: key }))).Body!.transformToString();

describe('S3 with default SDK checksums', () => {
  it('stores a PutObject with a string body and returns its checksum', async () => {
    const out = await s3.send(
      new PutObjectCommand({ Bucket: sim.bucket, Key: 'plain.json', Body: '{"a":1}' }),
    );
    expect(out.ChecksumCRC32).toBeTypeOf('string');
    expect(await text('plain.json')).toBe('{"a":1}');
  });

  it('decodes an aws-chunked streaming body with a trailing checksum', async () => {
    const body = Readable.from([Buffer.from('hello '), Buffer.from('streaming '), Buffer.from('world')]);
    await s3.send(
      new PutObjectCommand({ Bucket: sim.bucket, Key: 'batches/g/01.json', Body: body, ContentLength: 21 }),
    );
    expect(await text('batches/g/01.json')).toBe('hello streaming world');
    const head = await s3.send(new HeadObjectCommand({ Bucket: sim.bucket, Key: 'batches/g/01.json' }));
    expect(head.ContentLength).toBe(21);
  });

  it('rejects a wrong checksum with BadDigest', async () => {
    const err = await errorOf(() =>
      s3.send(
        new PutObjectCommand({
          Bucket: sim.bucket,
          Key: 'bad.json',
          Body: 'data',
          ChecksumCRC32: 'AAAAAA==',
        }),
      ),
    );
    expect(err.name).toBe('BadDigest');
    const missing = await errorOf(() =>
      s3.send(new HeadObjectCommand({ Bucket: sim.bucket, Key: 'bad.json' })),
    );
    expect(missing.name).toBe('NotFound');
  });

  it('completes a multipart Upload from a stream and reads it back byte for byte', async () => {
    const size = 11 * 1024 * 1024 + 123;
    const data = Buffer.alloc(size);
    for (let i = 0; i < size; i++) data[i] = (i * 31) & 0xff;
    const chunks = Array.from({ length: Math.ceil(size / 65536) }, (_, i) =>
      data.subarray(i * 65536, (i + 1) * 65536),
    );
    const upload = new Upload({
      client: s3,
      params: { Bucket: sim.bucket, Key: 'reports/ConfigRule_2026-01-01.xlsx', Body: Readable.from(chunks) },
      partSize: 5 * 1024 * 1024,
      queueSize: 2,
    });
    const parts: number[] = [];
    upload.on('httpUploadProgress', (p) => p.part !== undefined && parts.push(p.part));
    await upload.done();
    expect(new Set(parts).size).toBe(3);
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: sim.bucket, Key: 'reports/ConfigRule_2026-01-01.xlsx' }),
    );
    expect(head.ContentLength).toBe(size);
    const got = await s3.send(
      new GetObjectCommand({ Bucket: sim.bucket, Key: 'reports/ConfigRule_2026-01-01.xlsx' }),
    );
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(data)).toBe(true);
  });

  it('paginates ListObjectsV2 with continuation tokens', async () => {
    for (let i = 0; i < 7; i++) {
      await s3.send(
        new PutObjectCommand({
          Bucket: sim.bucket,
          Key: `list/${String(i).padStart(2, '0')}.json`,
          Body: `${i}`,
        }),
      );
    }
    const keys: string[] = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2(
      { client: s3, pageSize: 3 },
      { Bucket: sim.bucket, Prefix: 'list/' },
    )) {
      pages++;
      keys.push(...(page.Contents ?? []).map((c) => c.Key!));
    }
    expect(pages).toBe(3);
    expect(keys).toEqual(Array.from({ length: 7 }, (_, i) => `list/${String(i).padStart(2, '0')}.json`));
  });

  it('answers NoSuchKey for a missing object', async () => {
    const err = await errorOf(() => s3.send(new GetObjectCommand({ Bucket: sim.bucket, Key: 'nope.json' })));
    expect(err.name).toBe('NoSuchKey');
  });
});

describe('shutdown', () => {
  it('stops both servers and frees their ports', async () => {
    const other = await startSimulator({ accounts: 2 });
    const ports = [other.endpoint, other.s3Endpoint!].map((u) => Number(new URL(u).port));
    expect(new URL(other.endpoint).hostname).toBe('127.0.0.1');
    expect(new URL(other.s3Endpoint!).hostname).toBe('127.0.0.1');
    await other.stop();
    for (const port of ports) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = createConnection({ host: '127.0.0.1', port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => resolve(true));
      });
      expect(refused).toBe(true);
    }
  });
});
