/**
 * Per-owner and per-account extracts, end to end through runFinal on a LocalStore. What a team
 * gets must be exactly its own non-compliant items: every non-compliant evaluation in exactly one
 * owner's extract, checked against a dedupe recomputed here from the shard records (no code of
 * ours on the expected side); hostile owner values land in safe, distinct files; the main
 * workbook's Extracts sheet and the manifest list them; publishing stays atomic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSafeId } from '../../../src/core/keys.js';
import type { ComplianceRecord, ComplianceType, ShardFile } from '../../../src/core/model.js';
import type { ManifestExtracts, ReportManifest } from '../../../src/modes/final/publish.js';
import type { FinalSettings } from '../../../src/modes/final/settings.js';
import type { FinalResult } from '../../../src/modes/final.js';
import type { LocalStore } from '../../../src/store/LocalStore.js';
import { FailingUploads } from '../../helpers/failingUploads.js';
import { record, shard } from '../../unit/modes/final/factories.js';
import { openWorkbook, putShard, readStored, rowsOf, run, tableOf, tempStore } from './helpers.js';

const DAY = '2024-05-02';
const ACCOUNTS = [
  ['111111111111', 'prod-app'],
  ['222222222222', 'dev-web'],
  ['333333333333', 'shared-svc'],
] as const;
const REGIONS = ['us-east-1', 'eu-west-1'];
const RULES = ['s3-versioning', 'ebs-encrypted', 'iam-no-inline', 'rds-backup'];
const TYPES: ComplianceType[] = [
  'COMPLIANT',
  'NON_COMPLIANT',
  'NON_COMPLIANT',
  'NOT_APPLICABLE',
  'INSUFFICIENT_DATA',
];
/** Owner tags as resources carry them (undefined: no tag at all). */
const OWNER_TAGS: (string | undefined)[] = [
  'team-a',
  'Team-A',
  '../../etc',
  'a/b',
  'CON',
  '🔥 squad',
  'x'.repeat(300),
  'untagged',
  '',
  undefined,
  '  team-b  ',
  'team-b',
  'Équipe',
];
const UNTAGGED = '(no owner tag)';
const EXTRACTS_ON: Partial<FinalSettings> = { ownerExtracts: true, accountExtracts: true };

/** Two shards of pseudo-random records with many duplicates across and within them. */
function shards(seed: number, n: number, group = DAY): ShardFile[] {
  let x = seed;
  const pick = <T>(list: readonly T[]): T => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return list[Math.floor((x / 2 ** 31) * list.length)]!;
  };
  const files: ComplianceRecord[][] = [[], []];
  for (let i = 0; i < n; i++) {
    const [account_id, account_name] = ACCOUNTS[i % ACCOUNTS.length]!;
    const owner = pick(OWNER_TAGS);
    const hour = pick([10, 11, 12]);
    files[pick([0, 1])]!.push(
      record({
        account_id,
        account_name,
        region: pick(REGIONS),
        rule_name: pick(RULES),
        resource_id: `r-${pick([...Array(25).keys()])}`,
        compliance_type: pick(TYPES),
        annotation: `#${i}`,
        result_recorded_time: `2024-05-01T${hour}:00:00.000Z`,
        config_rule_invoked_time: `2024-05-01T${String(hour - 1).padStart(2, '0')}:${pick(['00', '30'])}:00.000Z`,
        tags: owner === undefined ? {} : { 'mox.owner': owner },
      }),
    );
  }
  return files.map((records, i) => shard(group, `0${i + 1}`, records));
}

const SEVERITY: Record<string, number> = {
  NON_COMPLIANT: 3,
  INSUFFICIENT_DATA: 2,
  COMPLIANT: 1,
  NOT_APPLICABLE: 0,
};
const idOf = (r: {
  account_id: string;
  region: string;
  rule_name: string;
  resource_type: string;
  resource_id: string;
}) => [r.account_id, r.region, r.rule_name, r.resource_type, r.resource_id].join('|');

/** The documented dedupe, recomputed: newest recorded, newest invoked, most severe, first seen. */
function winners(files: ShardFile[]): ComplianceRecord[] {
  const best = new Map<string, ComplianceRecord>();
  for (const file of [...files].sort((a, b) => (a.shard_id < b.shard_id ? -1 : 1)))
    for (const r of file.records) {
      const held = best.get(idOf(r));
      const better =
        !held ||
        r.result_recorded_time > held.result_recorded_time ||
        (r.result_recorded_time === held.result_recorded_time &&
          (r.config_rule_invoked_time! > held.config_rule_invoked_time! ||
            (r.config_rule_invoked_time === held.config_rule_invoked_time &&
              SEVERITY[r.compliance_type]! > SEVERITY[held.compliance_type]!)));
      if (better) best.set(idOf(r), r);
    }
  return [...best.values()];
}

const ownerOf = (r: ComplianceRecord) => r.tags?.['mox.owner']?.trim() || UNTAGGED;

type Tally = { evaluations: number; c: number; nc: number; na: number; id: number; ncKeys: string[] };
function tally(records: ComplianceRecord[], groupOf: (r: ComplianceRecord) => string): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const r of records) {
    const key = groupOf(r);
    const t = out.get(key) ?? { evaluations: 0, c: 0, nc: 0, na: 0, id: 0, ncKeys: [] };
    out.set(key, t);
    t.evaluations++;
    if (r.compliance_type === 'COMPLIANT') t.c++;
    else if (r.compliance_type === 'NOT_APPLICABLE') t.na++;
    else if (r.compliance_type === 'INSUFFICIENT_DATA') t.id++;
    else {
      t.nc++;
      t.ncKeys.push(idOf(r));
    }
  }
  return out;
}
const ratioOf = (t: Tally) => (t.c + t.nc === 0 ? null : t.c / (t.c + t.nc));

/** The Non-Compliant rows of an extract as dedupe keys, and its Summary's counts row. */
async function readExtract(store: LocalStore, key: string) {
  const wb = await openWorkbook(store, key);
  const rows = wb.worksheets.filter((ws) => ws.name.startsWith('Non-Compliant')).flatMap((ws) => tableOf(ws));
  return {
    sheets: wb.worksheets.map((ws) => ws.name),
    keys: rows.map((r) =>
      [r['Account ID'], r.Region, r.Rule, r['Resource type'], r['Resource ID']].join('|'),
    ),
    owners: rows.map((r) => r.Owner),
    counts: rowsOf(wb.getWorksheet('Summary')!)[4],
  };
}

async function manifestOf(store: LocalStore, result: FinalResult): Promise<ReportManifest> {
  return JSON.parse(await store.getText(result.keys.manifest)) as ReportManifest;
}

describe('owner and account extracts', () => {
  let env: Awaited<ReturnType<typeof tempStore>>;
  let files: ShardFile[];
  let result: FinalResult;
  let manifest: ReportManifest;
  let extracts: ManifestExtracts;

  beforeAll(async () => {
    env = await tempStore();
    files = shards(7, 900);
    for (const f of files) await putShard(env.store, f);
    result = await run(env.store, env.dir, { group_id: DAY }, EXTRACTS_ON);
    manifest = await manifestOf(env.store, result);
    extracts = manifest.extracts!;
  }, 60_000);
  afterAll(() => env.cleanup());

  it('puts every non-compliant evaluation in exactly one owner extract: its owner', async () => {
    const expected = tally(winners(files), ownerOf);
    expect(extracts.owners.map((o) => o.owner).sort()).toEqual([...expected.keys()].sort());
    const seen = new Map<string, string>();
    for (const entry of extracts.owners) {
      const extract = await readExtract(env.store, entry.published);
      const t = expected.get(entry.owner)!;
      expect(extract.keys.sort()).toEqual([...t.ncKeys].sort());
      expect(new Set(extract.owners)).toEqual(new Set(t.nc > 0 ? [entry.owner] : []));
      for (const key of extract.keys) {
        expect(seen.has(key), `${key} in ${seen.get(key)} and ${entry.owner}`).toBe(false);
        seen.set(key, entry.owner);
      }
      expect(extract.counts).toEqual([entry.owner, t.evaluations, t.c, t.nc, t.na, t.id, ratioOf(t)]);
      expect(entry.untagged).toBe(entry.owner === UNTAGGED);
    }
    const allNonCompliant = winners(files).filter((r) => r.compliance_type === 'NON_COMPLIANT');
    expect(seen.size).toBe(allNonCompliant.length);
  });

  it('keeps the main Non-Compliant order inside an extract', async () => {
    const main = await openWorkbook(env.store, result.keys.xlsx);
    const order = tableOf(main.getWorksheet('Non-Compliant')!).map((r) =>
      [r['Account ID'], r.Region, r.Rule, r['Resource type'], r['Resource ID']].join('|'),
    );
    for (const entry of extracts.owners.slice(0, 4)) {
      const { keys } = await readExtract(env.store, entry.published);
      expect(keys).toEqual(order.filter((k) => keys.includes(k)));
    }
  });

  it('maps hostile owner values to safe, distinct keys under owners/, untagged to untagged.xlsx', () => {
    const folder = `reports/${DAY}/owners/`;
    const names = extracts.owners.map((o) => o.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const o of extracts.owners) {
      expect(isSafeId(o.name)).toBe(true);
      expect(o.name).toMatch(/^[a-z0-9_][a-z0-9_-]{0,127}$/);
      expect(o.published).toBe(`${folder}${o.name}.xlsx`);
      expect(o.run).toBe(`reports/runs/${DAY}/${result.runId}/owners/${o.name}.xlsx`);
    }
    const byOwner = new Map(extracts.owners.map((o) => [o.owner, o.name]));
    expect(byOwner.get(UNTAGGED)).toBe('untagged');
    expect(byOwner.get('untagged')).toMatch(/^untagged-[0-9a-f]{8}$/);
    expect(byOwner.get('team-a')).toBe('team-a');
    expect(byOwner.get('Team-A')).toMatch(/^team-a-[0-9a-f]{8}$/);
    expect(byOwner.get('../../etc')).toBe('etc');
    expect(byOwner.get('a/b')).toBe('a-b');
    expect(byOwner.get('CON')).toMatch(/^con-[0-9a-f]{8}$/);
    expect(byOwner.get('Équipe')).toBe('equipe');
    expect(byOwner.get('x'.repeat(300))).toMatch(/^x{64}-[0-9a-f]{8}$/);
  });

  it('writes one extract per account with that account’s non-compliant items', async () => {
    const expected = tally(winners(files), (r) => r.account_id);
    // In the Accounts sheet's order: most non-compliant first, then the lower ratio, then the name.
    const work = ([id, name]: readonly [string, string]) => {
      const t = expected.get(id)!;
      return { id, name, nc: t.nc, ratio: ratioOf(t) ?? 2 };
    };
    const order = ACCOUNTS.map(work).sort(
      (a, b) => b.nc - a.nc || a.ratio - b.ratio || (a.name < b.name ? -1 : 1),
    );
    expect(extracts.accounts.map((a) => a.account_id)).toEqual(order.map((a) => a.id));
    for (const entry of extracts.accounts) {
      expect(entry.published).toBe(`reports/${DAY}/accounts/${entry.account_id}.xlsx`);
      const extract = await readExtract(env.store, entry.published);
      const t = expected.get(entry.account_id)!;
      const name = ACCOUNTS.find(([id]) => id === entry.account_id)![1];
      expect(extract.keys.sort()).toEqual([...t.ncKeys].sort());
      expect(extract.counts).toEqual([name, t.evaluations, t.c, t.nc, t.na, t.id, ratioOf(t)]);
      expect(extract.sheets).toEqual(['Summary', 'Non-Compliant']);
    }
  });

  it('lists every extract on the Extracts sheet after Owners: original value, file, counts', async () => {
    const wb = await openWorkbook(env.store, result.keys.xlsx);
    const names = wb.worksheets.map((ws) => ws.name);
    expect(names.indexOf('Extracts')).toBe(names.indexOf('Owners') + 1);
    const rows = tableOf(wb.getWorksheet('Extracts')!);
    const byOwner = tally(winners(files), ownerOf);
    const byAccount = tally(winners(files), (r) => r.account_id);
    expect(rows).toEqual([
      ...extracts.owners.map((o) => {
        const t = byOwner.get(o.owner)!;
        return {
          Extract: 'Owner',
          'Owner (mox.owner) or account': o.owner,
          'Account ID': null,
          File: o.published,
          Evaluations: t.evaluations,
          Compliant: t.c,
          'Non-compliant': t.nc,
          'Not applicable': t.na,
          'Insufficient data': t.id,
          'Compliance %': ratioOf(t),
        };
      }),
      ...extracts.accounts.map((a) => {
        const t = byAccount.get(a.account_id)!;
        return {
          Extract: 'Account',
          'Owner (mox.owner) or account': ACCOUNTS.find(([id]) => id === a.account_id)![1],
          'Account ID': a.account_id,
          File: a.published,
          Evaluations: t.evaluations,
          Compliant: t.c,
          'Non-compliant': t.nc,
          'Not applicable': t.na,
          'Insufficient data': t.id,
          'Compliance %': ratioOf(t),
        };
      }),
    ]);
  });

  it('publishes each extract as a copy of its run-folder file; the summary lists the sheet', async () => {
    for (const e of [...extracts.owners, ...extracts.accounts])
      expect(await readStored(env.store, e.published)).toEqual(await readStored(env.store, e.run));
    expect(result.summary.outputs.sheets).toContain('Extracts');
  });
});

describe('publishing with extracts', () => {
  const envs: Awaited<ReturnType<typeof tempStore>>[] = [];
  afterAll(async () => {
    for (const e of envs) await e.cleanup();
  });
  async function setup() {
    const env = await tempStore();
    envs.push(env);
    return { store: new FailingUploads(env.store.root), dir: env.dir };
  }

  it('uploads run-folder extracts before the run summary, published extracts before the CSV, manifest last', async () => {
    const { store, dir } = await setup();
    for (const f of shards(3, 120)) await putShard(store, f);
    store.uploads.length = 0;
    const result = await run(store, dir, { group_id: DAY }, EXTRACTS_ON);
    const { runKeys, keys } = result;
    const manifest = await manifestOf(store, result);
    const all = [...manifest.extracts!.owners, ...manifest.extracts!.accounts];
    const up = store.uploads;
    expect(up.slice(0, 2)).toEqual([runKeys.xlsx, runKeys.csvGz]);
    expect(new Set(up.slice(2, 2 + all.length))).toEqual(new Set(all.map((e) => e.run)));
    expect(up.slice(2 + all.length, 4 + all.length)).toEqual([runKeys.html, runKeys.summaryJson]);
    expect(new Set(up.slice(4 + all.length, 4 + 2 * all.length))).toEqual(
      new Set(all.map((e) => e.published)),
    );
    expect(up.slice(4 + 2 * all.length)).toEqual([
      keys.csvGz,
      keys.summaryJson,
      keys.html,
      keys.xlsx,
      keys.manifest,
    ]);
  });

  it.each([
    // The run id is not known before the run: fail every run-folder upload of team-a's extract.
    ['a run-folder extract upload', (store: FailingUploads) => (store.failSuffix = '/owners/team-a.xlsx')],
    [
      'a published extract copy',
      (store: FailingUploads) => (store.failKey = `reports/${DAY}/owners/team-a.xlsx`),
    ],
  ])(
    'a rerun that fails at %s leaves the previous manifest, summary and seed-key workbook',
    async (_what, fail) => {
      const { store, dir } = await setup();
      for (const f of shards(3, 120)) await putShard(store, f);
      const first = await run(store, dir, { group_id: DAY }, EXTRACTS_ON);
      const workbook = await readStored(store, first.keys.xlsx);
      const manifest = await store.getText(first.keys.manifest);
      const summary = await store.getText(first.keys.summaryJson);
      for (const f of shards(4, 200)) await putShard(store, f);
      fail(store);
      await expect(run(store, dir, { group_id: DAY }, EXTRACTS_ON)).rejects.toThrow(
        /simulated upload failure/,
      );
      expect(await readStored(store, first.keys.xlsx)).toEqual(workbook);
      expect(await store.getText(first.keys.manifest)).toBe(manifest);
      // Extracts are published before the CSV and the summary: those are unchanged too.
      expect(await store.getText(first.keys.summaryJson)).toBe(summary);
      const named = JSON.parse(manifest) as ReportManifest;
      for (const e of [...named.extracts!.owners, ...named.extracts!.accounts])
        expect(await store.exists(e.run)).toBe(true);
    },
  );
});

describe('many owners, workers and determinism', () => {
  const envs: Awaited<ReturnType<typeof tempStore>>[] = [];
  afterAll(async () => {
    for (const e of envs) await e.cleanup();
  });

  it('writes thousands of owner extracts, each with its own item', async () => {
    const env = await tempStore();
    envs.push(env);
    const owners = 2_000;
    const records: ComplianceRecord[] = [];
    for (let i = 0; i < owners; i++) {
      // Every tenth owner also exists in upper case: a case collision per ten owners.
      const owner = i % 10 === 0 ? `Owner-${Math.floor(i / 10)}` : `owner-${i}`;
      records.push(
        record({ resource_id: `nc-${i}`, compliance_type: 'NON_COMPLIANT', tags: { 'mox.owner': owner } }),
        record({ resource_id: `ok-${i}`, compliance_type: 'COMPLIANT', tags: { 'mox.owner': owner } }),
      );
    }
    await putShard(env.store, shard(DAY, '01', records));
    const result = await run(env.store, env.dir, { group_id: DAY }, { ownerExtracts: true });
    const { extracts } = await manifestOf(env.store, result);
    expect(extracts!.accounts).toEqual([]);
    expect(extracts!.owners).toHaveLength(owners);
    expect(new Set(extracts!.owners.map((o) => o.name.toLowerCase())).size).toBe(owners);
    const listed: string[] = [];
    for await (const o of env.store.list(`reports/${DAY}/owners/`)) listed.push(o.key);
    expect(listed.sort()).toEqual(extracts!.owners.map((o) => o.published).sort());
    for (const o of [extracts!.owners[0]!, extracts!.owners[1_234]!, extracts!.owners.at(-1)!]) {
      const { keys, counts } = await readExtract(env.store, o.published);
      const i = records.findIndex((r) => r.tags!['mox.owner'] === o.owner);
      expect(keys).toEqual([idOf(records[i]!)]);
      expect(counts).toEqual([o.owner, 2, 1, 1, 0, 0, 0.5]);
    }
  }, 120_000);

  it('writes the same bytes with worker threads and on a rerun; splits at the row limit', async () => {
    const env = await tempStore();
    envs.push(env);
    for (const f of shards(11, 200, 'adhoc')) await putShard(env.store, f);
    const published = async (workers: number) => {
      const settings = { ...EXTRACTS_ON, workers, detailsRowLimit: 10 };
      const result = await run(env.store, env.dir, { group_id: 'adhoc' }, settings);
      const manifest = await manifestOf(env.store, result);
      const out = new Map<string, Buffer>();
      for (const e of [...manifest.extracts!.owners, ...manifest.extracts!.accounts]) {
        // A non-date group: under its own folder, then the report date.
        expect(e.published.startsWith(`reports/groups/adhoc/${DAY}/`)).toBe(true);
        expect(e.run).toContain(`/${result.runId}/`);
        out.set(e.published, await readStored(env.store, e.published));
        expect(await readStored(env.store, e.run)).toEqual(out.get(e.published));
      }
      out.set(result.keys.xlsx, await readStored(env.store, result.keys.xlsx));
      return { out, manifest };
    };
    const inProcess = await published(0);
    const threaded = await published(2);
    expect(threaded.manifest.run_id).not.toBe(inProcess.manifest.run_id);
    expect([...threaded.out.keys()]).toEqual([...inProcess.out.keys()]);
    for (const [key, bytes] of inProcess.out) expect(threaded.out.get(key), key).toEqual(bytes);
    const biggest = [...inProcess.manifest.extracts!.accounts].sort(
      (a, b) => inProcess.out.get(b.published)!.length - inProcess.out.get(a.published)!.length,
    )[0]!;
    const wb = await openWorkbook(env.store, biggest.published);
    expect(wb.worksheets.map((ws) => ws.name).slice(0, 3)).toEqual([
      'Summary',
      'Non-Compliant',
      'Non-Compliant (2)',
    ]);
  }, 120_000);
});
