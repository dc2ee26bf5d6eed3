/**
 * Publishing is what readers see: a group that is not the day's date group never replaces the
 * day's report, a group without a usable shard writes nothing, and a run that fails half-way
 * leaves the previous complete set (manifest and workbook at the seed's key) in place.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { reportKeys } from '../../../src/core/keys.js';
import { isNoShardsError } from '../../../src/modes/final/errors.js';
import type { ReportManifest } from '../../../src/modes/final/publish.js';
import type { LocalStore } from '../../../src/store/LocalStore.js';
import { FailingUploads } from '../../helpers/failingUploads.js';
import { record, shard } from '../../unit/modes/final/factories.js';
import { putShard, readStored, run, tempStore } from './helpers.js';

const DAY = '2024-05-02';
const envs: Awaited<ReturnType<typeof tempStore>>[] = [];
afterEach(async () => {
  for (const env of envs.splice(0)) await env.cleanup();
});

async function setup() {
  const env = await tempStore();
  envs.push(env);
  return { store: new FailingUploads(env.store.root), dir: env.dir };
}

async function reportsListing(store: LocalStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of store.list('reports/')) keys.push(o.key);
  return keys;
}

const dayShard = (n: number) =>
  shard(
    DAY,
    '01',
    Array.from({ length: n }, (_, i) => record({ resource_id: `bucket-${i}` })),
  );

describe('report keys per group', () => {
  it('an ad-hoc or mistyped group id never replaces the date group report', async () => {
    const { store, dir } = await setup();
    await putShard(store, dayShard(50));
    const day = await run(store, dir, { group_id: DAY });
    expect(day.keys.xlsx).toBe(`reports/ConfigRule_${DAY}.xlsx`);
    const before = await readStored(store, day.keys.xlsx);

    await putShard(store, shard('adhoc', '01', [record()]));
    const adhoc = await run(store, dir, { group_id: 'adhoc' });
    expect(adhoc.keys.xlsx).toBe(`reports/groups/adhoc/ConfigRule_${DAY}.xlsx`);
    expect(adhoc.summary.outputs.xlsx).toBe(adhoc.keys.xlsx);

    const typo = await run(store, dir, { group_id: '2024-05-20' }).catch((e: unknown) => e);
    expect(isNoShardsError(typo)).toBe(true);
    expect(await readStored(store, day.keys.xlsx)).toEqual(before);
  });

  it('a group without a usable shard is an error naming the group and where it looked; nothing is written', async () => {
    const { store, dir } = await setup();
    await store.put('batches/adhoc/01.json', '{"schema_version": 9}');
    await store.put('batches/adhoc/notes.txt', 'not a shard');
    store.uploads.length = 0;
    const error = await run(store, dir, { group_id: 'adhoc' }).catch((e: unknown) => e);
    expect(isNoShardsError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('No shard accepted for group "adhoc"');
    expect(message).toContain(`found 2 file(s), 2 rejected`);
    expect(message).toContain(`under ${store.root}/batches/adhoc/`);
    expect(message).toContain('batches/adhoc/notes.txt: not a shard file');
    expect(await reportsListing(store)).toEqual([]);
    expect(store.uploads).toEqual([]);
  });
});

describe('atomic report sets', () => {
  it('writes the set into its own run folder, then the copies, the workbook at the seed key, the manifest last', async () => {
    const { store, dir } = await setup();
    await putShard(store, dayShard(5));
    store.uploads.length = 0;
    const result = await run(store, dir, { group_id: DAY });
    const keys = reportKeys('', DAY);
    expect(result.keys).toEqual(keys);
    expect(result.runId).toMatch(/^20240502T060000000Z-[0-9a-f]{8}$/);
    const { runKeys } = result;
    expect(keys.html).toBe(`reports/ConfigRule_${DAY}.html`);
    expect(store.uploads).toEqual([
      runKeys.xlsx,
      runKeys.csvGz,
      runKeys.html,
      runKeys.summaryJson,
      keys.csvGz,
      keys.summaryJson,
      keys.html,
      keys.xlsx,
      keys.manifest,
    ]);
    for (const [original, copy] of [
      [runKeys.xlsx, keys.xlsx],
      [runKeys.csvGz, keys.csvGz],
      [runKeys.html!, keys.html!],
      [runKeys.summaryJson, keys.summaryJson],
    ] as const) {
      expect(await readStored(store, copy)).toEqual(await readStored(store, original));
    }
    const manifest = JSON.parse(await store.getText(keys.manifest)) as ReportManifest;
    expect(manifest).toEqual({
      schema_version: 1,
      group_id: DAY,
      report_date: DAY,
      run_id: result.runId,
      generated_at: '2024-05-02T06:00:00.000Z',
      status: 'ok',
      run: {
        xlsx: runKeys.xlsx,
        details_csv_gz: runKeys.csvGz,
        summary_json: runKeys.summaryJson,
        html: runKeys.html,
      },
      published: {
        xlsx: keys.xlsx,
        details_csv_gz: keys.csvGz,
        summary_json: keys.summaryJson,
        html: keys.html,
      },
    });
    // The summary names the published keys, as it always did (the run id is not in it).
    expect(result.summary.outputs).toMatchObject({
      xlsx: keys.xlsx,
      details_csv_gz: keys.csvGz,
      summary_json: keys.summaryJson,
      html: keys.html,
    });
  });

  it('with the HTML summary off, writes, publishes and names no HTML file', async () => {
    const { store, dir } = await setup();
    await putShard(store, dayShard(5));
    store.uploads.length = 0;
    const result = await run(store, dir, { group_id: DAY }, { html: false });
    const { keys, runKeys } = result;
    expect(keys.html).toBeUndefined();
    expect(runKeys.html).toBeUndefined();
    expect(store.uploads.filter((key) => key.endsWith('.html'))).toEqual([]);
    expect(store.uploads).toHaveLength(7);
    const manifest = JSON.parse(await store.getText(keys.manifest)) as ReportManifest;
    expect(Object.keys(manifest.run)).toEqual(['xlsx', 'details_csv_gz', 'summary_json']);
    expect(Object.keys(manifest.published)).toEqual(['xlsx', 'details_csv_gz', 'summary_json']);
    expect(result.summary.outputs.html).toBeUndefined();
    expect(await reportsListing(store)).not.toContain(`reports/ConfigRule_${DAY}.html`);
  });

  it.each([
    ['the run folder CSV upload', '.details.csv.gz', null],
    ['the workbook copy to the seed key', null, `reports/ConfigRule_${DAY}.xlsx`],
  ])(
    'a rerun that fails at %s leaves the manifest and the seed-key workbook of the previous run',
    async (_what, failSuffix, failKey) => {
      const { store, dir } = await setup();
      const keys = reportKeys('', DAY);
      await putShard(store, dayShard(5));
      const first = await run(store, dir, { group_id: DAY });
      const workbook = await readStored(store, keys.xlsx);
      const manifest = await store.getText(keys.manifest);

      await putShard(store, dayShard(80));
      store.failSuffix = failSuffix;
      store.failKey = failKey;
      await expect(run(store, dir, { group_id: DAY })).rejects.toThrow(/simulated (upload|put) failure/);
      expect(await readStored(store, keys.xlsx)).toEqual(workbook);
      expect(await store.getText(keys.manifest)).toBe(manifest);
      // What the manifest names is still whole.
      const named = JSON.parse(manifest) as ReportManifest;
      expect(named.run_id).toBe(first.runId);
      for (const key of Object.values(named.run)) expect(await store.exists(key)).toBe(true);
    },
  );

  it('a rerun that fails at the manifest has published a whole set; the manifest still names the previous one', async () => {
    const { store, dir } = await setup();
    const keys = reportKeys('', DAY);
    await putShard(store, dayShard(5));
    const first = await run(store, dir, { group_id: DAY });
    const manifest = await store.getText(keys.manifest);
    await putShard(store, dayShard(80));
    store.failSuffix = '.manifest.json';
    await expect(run(store, dir, { group_id: DAY })).rejects.toThrow(/simulated put failure/);
    expect(await store.getText(keys.manifest)).toBe(manifest);
    // The seed key's workbook is the new one, published after its companions: consistent with them.
    const summary = JSON.parse(await store.getText(keys.summaryJson)) as { records: { unique: number } };
    expect(summary.records.unique).toBe(80);
    const named = JSON.parse(manifest) as ReportManifest;
    expect(named.run_id).toBe(first.runId);
    for (const key of Object.values(named.run)) expect(await store.exists(key)).toBe(true);
  });

  it('each run publishes a whole new set from its own run folder; earlier run folders stay', async () => {
    const { store, dir } = await setup();
    await putShard(store, dayShard(5));
    const first = await run(store, dir, { group_id: DAY });
    await putShard(store, dayShard(8));
    const second = await run(store, dir, { group_id: DAY });
    expect(second.runId).not.toBe(first.runId);
    expect(await store.exists(first.runKeys.xlsx)).toBe(true);
    const manifest = JSON.parse(await store.getText(second.keys.manifest)) as ReportManifest;
    expect(manifest.run_id).toBe(second.runId);
    expect(second.summary.records.unique).toBe(8);
    expect(await readStored(store, second.keys.xlsx)).toEqual(await readStored(store, second.runKeys.xlsx));
  });
});
