/**
 * S3 PUTs to one key are atomic, as in real S3: after many concurrent PUTs of different bodies,
 * the object is exactly one of them (bytes, length and ETag agree), and a GET racing the PUTs
 * always reads one whole body, never a mix or a torn prefix.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../simulator/index.js';
import { HUB } from './clients.js';

let sim: RunningSimulator;
let s3: S3Client;

beforeAll(async () => {
  sim = await startSimulator({ accounts: 2, bucket: 'atomic-bucket' });
  // Default checksums, as s3Client; a torn object can leave a GET waiting for bytes that never
  // come, so a generous socket timeout turns that hang into a failure instead of a test timeout.
  s3 = new S3Client({
    region: sim.region,
    endpoint: sim.s3Endpoint!,
    credentials: HUB,
    forcePathStyle: true,
    requestHandler: { requestTimeout: 15_000, throwOnRequestTimeout: true },
  });
});
afterAll(() => sim.stop());

const WRITERS = 12;
const ROUNDS = 8;

/** Body `i` of round `r`: distinct bytes and a distinct length (so a torn mix cannot pass). */
function body(round: number, i: number): Buffer {
  const size = 96 * 1024 + i * 7919;
  const out = Buffer.alloc(size);
  for (let b = 0; b < size; b++) out[b] = (b * 31 + i * 17 + round * 7) & 0xff;
  return out;
}

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

async function get(key: string): Promise<Buffer> {
  const out = await s3.send(new GetObjectCommand({ Bucket: sim.bucket, Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

describe('concurrent PUTs to one key', () => {
  it('leave exactly one of the bodies, whole, every time', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const key = `race/${round}.bin`;
      const bodies = Array.from({ length: WRITERS }, (_, i) => body(round, i));
      const byMd5 = new Map(bodies.map((b) => [md5(b), b]));
      // Seed the key so racing GETs always find an object.
      await s3.send(new PutObjectCommand({ Bucket: sim.bucket, Key: key, Body: bodies[0]! }));
      const reads: Promise<Buffer>[] = [];
      await Promise.all(
        bodies.map(async (b, i) => {
          if (i % 3 === 0) reads.push(get(key));
          await s3.send(new PutObjectCommand({ Bucket: sim.bucket, Key: key, Body: b }));
        }),
      );
      for (const read of await Promise.all(reads)) {
        expect(byMd5.get(md5(read))?.equals(read), `round ${round}: a racing GET read a torn object`).toBe(
          true,
        );
      }
      const final = await get(key);
      const winner = byMd5.get(md5(final));
      expect(winner?.equals(final), `round ${round}: the object is none of the bodies`).toBe(true);
      const head = await s3.send(new HeadObjectCommand({ Bucket: sim.bucket, Key: key }));
      expect(head.ContentLength).toBe(final.length);
      expect(head.ETag).toBe(`"${md5(final)}"`);
    }
  });
});
