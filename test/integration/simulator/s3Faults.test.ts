/**
 * S3 faults come from the same fault rules as every other service (scopes, rate limits, 5xx share,
 * latency), answered in S3's own words: SlowDown (503) when throttled, InternalError (500) or
 * SlowDown (503) for a 5xx, and a GetObject body cut short under a full Content-Length.
 */
import { request } from 'node:http';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../simulator/index.js';
import { errorOf, HUB, memberAccounts } from './clients.js';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ accounts: 3, seed: 4, bucket: 'fault-bucket' });
});
afterEach(() => {
  sim.clearFaults();
  sim.resetCounters();
});
afterAll(() => sim.stop());

/** An S3 client at the SDK's default settings, with `maxAttempts` tries. */
function s3(maxAttempts: number): S3Client {
  return new S3Client({
    region: sim.region,
    endpoint: sim.s3Endpoint!,
    credentials: HUB,
    forcePathStyle: true,
    maxAttempts,
  });
}

const put = (client: S3Client, key: string, body: string) =>
  client.send(new PutObjectCommand({ Bucket: sim.bucket, Key: key, Body: body }));

/** A raw, SigV4-shaped GET of an object: status, headers, the bytes received and how it ended. */
function rawGet(
  key: string,
): Promise<{ status: number; length: number; received: number; complete: boolean; body: string }> {
  const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const url = new URL(`${sim.s3Endpoint}/${sim.bucket}/${key}`);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        headers: {
          'x-amz-date': date,
          'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
          authorization: `AWS4-HMAC-SHA256 Credential=${HUB.accessKeyId}/${date.slice(0, 8)}/${sim.region}/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${'0'.repeat(64)}`,
        },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        const done = (complete: boolean) => {
          const bytes = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            length: Number(res.headers['content-length']),
            received: bytes.length,
            complete,
            body: bytes.toString('utf8'),
          });
        };
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(res.complete));
        res.on('aborted', () => undefined);
        res.on('error', () => done(false));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('S3 5xx answers', () => {
  it('answers InternalError (500) and SlowDown (503) in S3 XML, and the SDK sees server faults', async () => {
    sim.setFault({ service: 's3' }, { errorRate: 1 });
    const names = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const err = await errorOf(() => put(s3(1), `e/${i}.txt`, 'x'));
      names.add(`${err.name} ${(err.$metadata as { httpStatusCode: number }).httpStatusCode}`);
      expect(err.$fault).toBe('server');
    }
    expect([...names].sort()).toEqual(['InternalError 500', 'SlowDown 503']);
    const raw = await rawGet('e/0.txt');
    expect([500, 503]).toContain(raw.status);
    expect(raw.body).toMatch(
      /^<\?xml[^>]*>\n<Error><Code>(InternalError|SlowDown)<\/Code><Message>[^<]+<\/Message><RequestId>/,
    );
    expect(sim.counters().PutObject?.errors).toBe(12);
  });

  it('the SDK retries them until the PUT lands', async () => {
    sim.setFault({ service: 's3', operation: 'PutObject' }, { errorRate: 0.5 });
    const client = s3(10);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => put(client, `retry/${i}.txt`, `v${i}`)),
    );
    expect(results.some((r) => (r.$metadata.attempts ?? 1) > 1)).toBe(true);
    sim.clearFaults();
    const got = await client.send(new GetObjectCommand({ Bucket: sim.bucket, Key: 'retry/5.txt' }));
    expect(await got.Body!.transformToString()).toBe('v5');
  });

  it('applies scopes as for every service: an operation scope spares the other operations', async () => {
    await put(s3(1), 'scoped.txt', 'data');
    sim.setFault({ service: 's3', operation: 'GetObject' }, { errorRate: 1 });
    await expect(
      s3(1).send(new HeadObjectCommand({ Bucket: sim.bucket, Key: 'scoped.txt' })),
    ).resolves.toBeDefined();
    const err = await errorOf(() =>
      s3(1).send(new GetObjectCommand({ Bucket: sim.bucket, Key: 'scoped.txt' })),
    );
    expect(err.$fault).toBe('server');
    // S3 calls with the hub's key belong to the hub account; another account's scope does not match.
    sim.clearFaults();
    sim.setFault({ accountId: memberAccounts(sim, 1)[0]!, service: 's3' }, { errorRate: 1 });
    await expect(
      s3(1).send(new GetObjectCommand({ Bucket: sim.bucket, Key: 'scoped.txt' })),
    ).resolves.toBeDefined();
    sim.setFault({ accountId: sim.hubAccountId, service: 's3' }, { errorRate: 1 });
    expect(
      (await errorOf(() => s3(1).send(new HeadObjectCommand({ Bucket: sim.bucket, Key: 'scoped.txt' }))))
        .$fault,
    ).toBe('server');
  });

  it('is set over the admin endpoint like any other fault', async () => {
    const set = await fetch(`${sim.endpoint}/_sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ scope: { service: 's3' }, fault: { errorRate: 1 } }),
    });
    expect(set.status).toBe(200);
    expect((await errorOf(() => put(s3(1), 'admin.txt', 'x'))).$fault).toBe('server');
    await fetch(`${sim.endpoint}/_sim/faults`, { method: 'DELETE' });
    await expect(put(s3(1), 'admin.txt', 'x')).resolves.toBeDefined();
  });
});

describe('S3 throttling and latency', () => {
  it('throttles with SlowDown (503) at the configured rate, counted as throttled', async () => {
    await put(s3(1), 'rate.txt', 'data');
    sim.setFault({ service: 's3', operation: 'GetObject' }, { rateLimit: { rps: 0.01, burst: 1 } });
    await s3(1).send(new GetObjectCommand({ Bucket: sim.bucket, Key: 'rate.txt' }));
    const err = await errorOf(() =>
      s3(1).send(new GetObjectCommand({ Bucket: sim.bucket, Key: 'rate.txt' })),
    );
    expect(err.name).toBe('SlowDown');
    expect(err.$metadata).toMatchObject({ httpStatusCode: 503 });
    expect(sim.counters().GetObject).toEqual({ calls: 2, throttled: 1, errors: 0 });
  });

  it('adds latency to S3 calls', async () => {
    sim.setFault({ service: 's3' }, { latencyMs: 300 });
    const start = performance.now();
    await put(s3(1), 'slow.txt', 'x');
    expect(performance.now() - start).toBeGreaterThanOrEqual(295);
  });
});

describe('cut GetObject bodies', () => {
  const object = 'x'.repeat(10_000);

  it('sends the full Content-Length, half the body, then closes the connection', async () => {
    await put(s3(1), 'cut.txt', object);
    sim.setFault({ service: 's3' }, { cutBodyRate: 1 });
    const raw = await rawGet('cut.txt');
    expect(raw).toMatchObject({
      status: 200,
      length: object.length,
      received: object.length / 2,
      complete: false,
    });
    expect(sim.counters().GetObject?.errors).toBe(1);
  });

  it('makes the SDK fail reading the body, and never touches other operations', async () => {
    await put(s3(1), 'cut2.txt', object);
    sim.setFault({ service: 's3' }, { cutBodyRate: 1 });
    const head = await s3(1).send(new HeadObjectCommand({ Bucket: sim.bucket, Key: 'cut2.txt' }));
    expect(head.ContentLength).toBe(object.length);
    const got = await s3(1).send(new GetObjectCommand({ Bucket: sim.bucket, Key: 'cut2.txt' }));
    await expect(got.Body!.transformToString()).rejects.toThrow();
    sim.clearFaults();
    const again = await s3(1).send(new GetObjectCommand({ Bucket: sim.bucket, Key: 'cut2.txt' }));
    expect(await again.Body!.transformToString()).toBe(object);
  });
});
