/**
 * Storage failures are the only thing that makes final mode throw — and it must throw, promptly,
 * naming the failure, on both the in-process and the worker path; an upload that dies half-way
 * must not leave the writer waiting forever.
 */
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../src/store/LocalStore.js';
import { record, shard } from '../../unit/modes/final/factories.js';
import { putShard, run, tempStore } from './helpers.js';

const envs: Awaited<ReturnType<typeof tempStore>>[] = [];
afterEach(async () => {
  for (const env of envs.splice(0)) await env.cleanup();
});

class FailingStore extends LocalStore {
  failRead: string | null = null;
  failUploadAfterBytes: number | null = null;
  override async getStream(key: string): Promise<Readable> {
    if (key === this.failRead) throw new Error(`simulated read failure on ${key}`);
    return super.getStream(key);
  }
  override async putStream(key: string, body: Readable): Promise<void> {
    const limit = this.failUploadAfterBytes;
    if (limit === null || !key.endsWith('.xlsx')) return super.putStream(key, body);
    let seen = 0;
    for await (const chunk of body) {
      seen += (chunk as Buffer).length;
      if (seen > limit) throw new Error('simulated multipart upload failure');
    }
  }
}

async function setup() {
  const env = await tempStore();
  envs.push(env);
  const store = new FailingStore(env.store.root);
  const records = Array.from({ length: 3000 }, (_, i) =>
    record({ resource_id: `r${i}`, annotation: `note ${i} `.repeat(20) }),
  );
  await putShard(store, shard('g', '01', records.slice(0, 1500)));
  await putShard(store, shard('g', '02', records.slice(1500)));
  return { store, dir: env.dir };
}

describe.each([0, 2])('storage failures (workers: %i)', (workers) => {
  it('a shard that cannot be read fails the run with the store error', async () => {
    const { store, dir } = await setup();
    store.failRead = 'batches/g/02.json';
    await expect(run(store, dir, { group_id: 'g' }, { workers })).rejects.toThrow(
      'simulated read failure on batches/g/02.json',
    );
  });

  it('an upload that fails half-way fails the run instead of hanging, and writes no summary', async () => {
    const { store, dir } = await setup();
    store.failUploadAfterBytes = 20_000;
    await expect(run(store, dir, { group_id: 'g' }, { workers, detailsRowLimit: 1000 })).rejects.toThrow(
      'simulated multipart upload failure',
    );
    expect(await store.exists('reports/ConfigRule_2024-05-02.summary.json')).toBe(false);
  });
});
