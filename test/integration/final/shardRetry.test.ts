/**
 * A shard whose body is cut mid-stream (what S3 gives as "Error: aborted") is read again from the
 * first byte; the report is then the same as without the cut. A shard that never reads through
 * fails the run with an error that names its key, on the in-process and the worker path.
 */
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.js';
import { workersAvailable } from '../../../src/modes/final/engine/host.js';
import { isShardReadError, type ShardReadError } from '../../../src/modes/final/errors.js';
import { runFinal } from '../../../src/modes/final.js';
import { LocalStore } from '../../../src/store/LocalStore.js';
import { testSettings } from '../../helpers/settings.js';
import { record, shard } from '../../unit/modes/final/factories.js';
import { putShard, readStored, tempStore } from './helpers.js';

const envs: Awaited<ReturnType<typeof tempStore>>[] = [];
afterEach(async () => {
  for (const env of envs.splice(0)) await env.cleanup();
});

const CUT_KEY = 'batches/g/02.json';

/** Cuts the body of `CUT_KEY` after a few KB, `cuts` times (Infinity: always). */
class CuttingStore extends LocalStore {
  cuts = 0;
  opened = 0;
  override async getStream(key: string): Promise<Readable> {
    if (key !== CUT_KEY) return super.getStream(key);
    this.opened++;
    if (this.cuts <= 0) return super.getStream(key);
    this.cuts--;
    const bytes = await readStored(this, key);
    return Readable.from(
      (async function* () {
        yield bytes.subarray(0, 4096);
        throw new Error('aborted');
      })(),
      { objectMode: false },
    );
  }
}

async function setup() {
  const env = await tempStore();
  envs.push(env);
  const store = new CuttingStore(env.store.root);
  const records = Array.from({ length: 600 }, (_, i) =>
    record({ resource_id: `r${i}`, annotation: `note ${i} `.repeat(5) }),
  );
  // Three shards so the worker path has a shard after the cut one on the same worker.
  await putShard(store, shard('g', '01', records.slice(0, 200)));
  await putShard(store, shard('g', '02', records.slice(200, 400)));
  await putShard(store, shard('g', '03', records.slice(400)));
  return { store, dir: env.dir };
}

const backoffs: number[] = [];
const runWith = (store: LocalStore, dir: string, workers: number) =>
  runFinal(
    { mode: 'final', group_id: 'g' },
    {
      store,
      prefix: '',
      logger: silentLogger,
      clock: () => new Date('2024-05-02T06:00:00.000Z'),
      settings: { ...testSettings().final, workers },
      tempDir: dir,
      shardReadRetry: {
        attempts: 3,
        backoff: async (failed) => {
          backoffs.push(failed);
        },
      },
    },
  );

const paths = workersAvailable() ? [0, 2] : [0];

describe.each(paths)('a shard read that fails (workers: %i)', (workers) => {
  it('is read again after a cut body, and the report is the one an uncut read gives', async () => {
    // The same store twice (the About sheet names it): once uncut, once with one cut.
    const { store, dir } = await setup();
    const expected = await runWith(store, dir, workers);
    const uncut = await Promise.all(Object.values(expected.runKeys).map((key) => readStored(store, key)));

    store.opened = 0;
    store.cuts = 1;
    backoffs.length = 0;
    const result = await runWith(store, dir, workers);
    expect(store.opened).toBe(2);
    expect(backoffs).toEqual([1]);
    expect(result.summary.shards).toMatchObject({ accepted: 3, rejected: 0 });
    expect(result.summary.records).toMatchObject({ read: 600, unique: 600, invalid: 0 });
    const cut = await Promise.all(Object.values(result.runKeys).map((key) => readStored(store, key)));
    expect(cut).toEqual(uncut);
  });

  it('fails the run naming the shard when every attempt is cut, and publishes nothing', async () => {
    const { store, dir } = await setup();
    store.cuts = Number.POSITIVE_INFINITY;
    backoffs.length = 0;
    const error = await runWith(store, dir, workers).catch((e: unknown) => e);
    expect(isShardReadError(error)).toBe(true);
    expect((error as ShardReadError).key).toBe(CUT_KEY);
    expect((error as Error).message).toBe(`Could not read shard ${CUT_KEY} after 3 attempts: Error: aborted`);
    expect(store.opened).toBe(3);
    expect(backoffs).toEqual([1, 2]);
    expect(await store.exists('reports/groups/g/ConfigRule_2024-05-02.manifest.json')).toBe(false);
  });
});
