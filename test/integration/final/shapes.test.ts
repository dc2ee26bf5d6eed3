import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeShardToString } from '../../../src/core/shardCodec.js';
import { workersAvailable } from '../../../src/modes/final/engine/host.js';
import { isNoShardsError } from '../../../src/modes/final/errors.js';
import { plan, record, shard } from '../../unit/modes/final/factories.js';
import { G, writeFixture } from './fixture.js';
import {
  csvRows,
  openWorkbook,
  putPlan,
  putShard,
  readStored,
  rowsOf,
  run,
  tableOf,
  tempStore,
} from './helpers.js';

const envs: Awaited<ReturnType<typeof tempStore>>[] = [];
const fresh = async () => {
  const env = await tempStore();
  envs.push(env);
  return env;
};
afterEach(async () => {
  for (const env of envs.splice(0)) await env.cleanup();
});

describe('Details split', () => {
  it('continues into Details (2), (3)… at the row limit, Non-Compliant too, with every row kept', async () => {
    const { store, dir } = await fresh();
    const records = Array.from({ length: 23 }, (_, i) =>
      record({
        resource_id: `r${String(i).padStart(2, '0')}`,
        compliance_type: i % 2 === 0 ? 'NON_COMPLIANT' : 'COMPLIANT',
      }),
    );
    await putShard(store, shard('2024-06-01', '01', records));
    const result = await run(store, dir, { group_id: '2024-06-01' }, { detailsRowLimit: 10 });
    const wb = await openWorkbook(store, result.keys.xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Coverage',
      'Accounts',
      'Rules',
      'Owners',
      'Non-Compliant',
      'Non-Compliant (2)',
      'Details',
      'Details (2)',
      'Details (3)',
      'About',
    ]);
    const ids = ['Details', 'Details (2)', 'Details (3)'].flatMap((name) =>
      tableOf(wb.getWorksheet(name)!).map((r) => r['Resource ID']),
    );
    expect(ids).toEqual(records.map((r) => r.resource_id));
    expect(tableOf(wb.getWorksheet('Details (3)')!)).toHaveLength(3);
    expect(rowsOf(wb.getWorksheet('Details (2)')!)[0]![0]).toBe('Account name');
    expect(wb.getWorksheet('Details (2)')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(result.summary.outputs.sheets).toContain('Details (3)');
    expect(await csvRows(store, result.keys.csvGz)).toHaveLength(24);
  });
});

describe('determinism', () => {
  it('the same shards give byte-identical outputs, whatever order they were written in', async () => {
    const { store, dir } = await fresh();
    await writeFixture(store);
    const first = await run(store, dir, { group_id: G });
    const outputs = async () =>
      Promise.all(
        [first.keys.xlsx, first.keys.csvGz, first.keys.summaryJson, first.keys.html!].map((key) =>
          readStored(store, key),
        ),
      );
    const before = await outputs();

    // The same files rewritten in reverse order (new mtimes, new directory order), then run again.
    const inputs: [string, Buffer][] = [];
    for await (const o of store.list(''))
      if (!o.key.startsWith('reports/')) inputs.push([o.key, await readStored(store, o.key)]);
    await rm(join(store.root, 'batches'), { recursive: true });
    await rm(join(store.root, 'reports'), { recursive: true });
    for (const [key, body] of inputs.reverse()) await store.put(key, body);
    const second = await run(store, dir, { group_id: G });

    const after = await outputs();
    expect(after.map((bytes, i) => bytes.equals(before[i]!))).toEqual([true, true, true, true]);
    expect(second.summary).toEqual(first.summary);
  });
  // Each comparison is its own test with one run per path: from source, every worker thread
  // registers tsx and compiles its task's modules first (~0.3 s of CPU each, four per parallel run),
  // so on a loaded 2-core machine one test holding all four runs came close to its time budget.
  /** The fixture plus two shards the parallel path must hand over: one back to this thread, one rejected. */
  const fixtureForWorkers = async () => {
    const { store, dir } = await fresh();
    await writeFixture(store);
    // A pretty-printed shard too, so the parallel path also hands one back to the in-process parser.
    await store.put(
      `batches/${G}/05.json`,
      JSON.stringify(shard(G, '05', [record({ account_id: '888888888888', account_name: 'qa-x' })]), null, 2),
    );
    // And a canonical shard of another group under this group's folder: the worker itself rejects it.
    await store.put(`batches/${G}/06.json`, encodeShardToString(shard('other', '06', [record()])));
    return async (workers: number, detailsRowLimit?: number) => {
      const result = await run(
        store,
        dir,
        { group_id: G },
        { workers, ...(detailsRowLimit ? { detailsRowLimit } : {}) },
      );
      return Promise.all(
        [result.keys.xlsx, result.keys.csvGz, result.keys.summaryJson].map((key) => readStored(store, key)),
      );
    };
  };

  it('worker threads change nothing: in-process and parallel runs write the same bytes', async () => {
    // Else both runs would take the in-process path and the comparison would prove nothing.
    expect(workersAvailable()).toBe(true);
    const outputs = await fixtureForWorkers();
    const inProcess = await outputs(0);
    const parallel = await outputs(2);
    expect(parallel.map((bytes, i) => bytes.equals(inProcess[i]!))).toEqual([true, true, true]);
    const summary = JSON.parse(parallel[2]!.toString());
    expect(summary.outputs.sheets).not.toContain('Details (2)');
    expect(summary.records).toMatchObject({ read: 15, unique: 10, duplicates_dropped: 5 });
    expect(summary.coverage.problems).toContainEqual(
      expect.objectContaining({
        status: 'REJECTED_FILE',
        shard_id: `batches/${G}/06.json`,
        reason: expect.stringMatching(/group_id "other"/),
      }),
    );
  });

  it('worker threads change nothing in split sheets either (Details (2), …): blocks never span a part', async () => {
    const outputs = await fixtureForWorkers();
    const [splitInProcess, splitParallel] = [await outputs(0, 3), await outputs(2, 3)];
    expect(splitParallel.map((bytes, i) => bytes.equals(splitInProcess[i]!))).toEqual([true, true, true]);
    const summary = JSON.parse(splitParallel[2]!.toString());
    expect(summary.outputs.sheets).toEqual(expect.arrayContaining(['Details (2)', 'Details (4)']));
    expect(summary.records).toMatchObject({ read: 15, unique: 10, duplicates_dropped: 5 });
  });
});

describe('edge groups', () => {
  it('a group with no shards at all fails naming the group and the folder, and writes nothing', async () => {
    const { store, dir } = await fresh();
    await putPlan(store, plan('2024-07-01', [{ id: '01', accounts: [['111111111111', 'prod-a']] }]));
    const error = await run(store, dir, { group_id: '2024-07-01' }).catch((e: unknown) => e);
    expect(isNoShardsError(error)).toBe(true);
    expect((error as Error).message).toContain('No shard accepted for group "2024-07-01"');
    expect((error as Error).message).toContain(`${store.root}/batches/2024-07-01/`);
    expect((error as Error).message).toContain('the plan expects 1 shard(s)');
    const written: string[] = [];
    for await (const o of store.list('reports/')) written.push(o.key);
    expect(written).toEqual([]);
  });

  it('the seed topology: no plan, the final event lists the accounts, a missing one is named', async () => {
    const { store, dir } = await fresh();
    await putShard(store, shard('2024-07-02', '01', [record()]));
    const result = await run(store, dir, {
      group_id: '2024-07-02',
      accounts: [
        { account_id: '111111111111', account_name: 'prod-app-01' },
        { account_id: '222222222222', account_name: 'finance', environment: 'Prod' },
      ],
    });
    const wb = await openWorkbook(store, result.keys.xlsx);
    const accounts = tableOf(wb.getWorksheet('Accounts')!).map((r) => [
      r['Account ID'],
      r.Environment,
      r['Environment source'],
      r.Coverage,
    ]);
    // The account without data (no ratio) sorts after the one with data.
    expect(accounts).toEqual([
      ['111111111111', 'Prod', 'name-rule', 'OK'],
      ['222222222222', 'Prod', 'event', 'MISSING'],
    ]);
    expect(result.summary.coverage.problems).toMatchObject([
      {
        status: 'MISSING',
        account_id: '222222222222',
        reason: 'listed in the final event; no shard reported it',
      },
    ]);
  });

  it("takes OU paths from the shards, else the plan, and repeats the plan's warnings", async () => {
    const { store, dir } = await fresh();
    const manifest = plan('2024-07-03', [
      { id: '01', accounts: [['111111111111', 'prod-app-01']] },
      { id: '02', accounts: [['333333333333', 'prod-db-01']] },
    ]);
    manifest.shards[0]!.accounts[0]!.ou_path = 'Root/Workloads/Prod';
    manifest.shards[1]!.accounts[0]!.ou_path = '';
    manifest.warnings = [
      'OU paths could not be read for 1 of 2 account(s) (first error: X: y); their OU path is empty',
    ];
    await putPlan(store, manifest);
    const one = shard('2024-07-03', '01', [record({ compliance_type: 'NON_COMPLIANT' })]);
    one.accounts[0]!.ou_path = 'Root/Workloads/Prod';
    await putShard(store, one);
    const result = await run(store, dir, { group_id: '2024-07-03' });
    const wb = await openWorkbook(store, result.keys.xlsx);
    const accounts = tableOf(wb.getWorksheet('Accounts')!).map((r) => [r['Account ID'], r['OU path']]);
    expect(accounts).toEqual([
      ['111111111111', 'Root/Workloads/Prod'],
      ['333333333333', null],
    ]);
    expect(result.summary.warnings).toContain(`Plan: ${manifest.warnings[0]}`);
    expect(result.summary.organizational_units.map((o) => [o.ou_path, o.accounts, o.non_compliant])).toEqual([
      ['Root/Workloads/Prod', 1, 1],
      ['(no OU path)', 1, 0],
    ]);
  });

  it('honours REPORT_PREFIX, a group id that is not a date, and an unreadable plan', async () => {
    const { store, dir } = await fresh();
    await putShard(store, shard('nightly-7', '01', [record()]), 'team/x/');
    await store.put('team/x/plans/nightly-7/manifest.json', '{"schema_version": 3}');
    const result = await run(store, dir, { group_id: 'nightly-7' }, {}, 'team/x');
    // Not the date group: the report gets the group's own folder and never replaces the day's report.
    expect(result.keys.xlsx).toBe('team/x/reports/groups/nightly-7/ConfigRule_2024-05-02.xlsx');
    expect(result.runKeys.xlsx).toMatch(
      /^team\/x\/reports\/runs\/nightly-7\/\d{8}T\d{9}Z-[0-9a-f]{8}\/ConfigRule_2024-05-02\.xlsx$/,
    );
    expect(result.summary.records.unique).toBe(1);
    expect(result.summary.warnings).toEqual([
      'team/x/plans/nightly-7/manifest.json: plan manifest is invalid: schema_version: Invalid input: expected 1; coverage shows only what the shards report',
    ]);
  });
});
