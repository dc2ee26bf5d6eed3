/**
 * The CLI's commands in-process with the real engine, against the simulator (STS, Config,
 * Organizations) and its S3-compatible server: plan → batch → final one phase at a time into a
 * bucket, and `run` with an accounts file into a local folder.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../simulator/index.js';
import type { PlanManifest } from '../../../src/core/model.js';
import type { S3Store } from '../../../src/store/S3Store.js';
import { runCli } from '../../helpers/runCli.js';
import { simBucket } from '../../helpers/simBucket.js';

let sim: RunningSimulator;
let dir: string;
let bucket: S3Store;
const GROUP = '2024-07-01';

beforeAll(async () => {
  sim = await startSimulator({
    accounts: 9,
    seed: 5,
    regions: ['us-east-1'],
    rulesPerRegion: 6,
    resourcesPerRegion: 20,
  });
  dir = await mkdtemp(join(tmpdir(), 'cli-phases-'));
  bucket = simBucket(sim);
});

afterAll(async () => {
  await sim?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function cli(argv: string[], stdin = '') {
  // The simulator's endpoints, dummy hub keys, region and bucket; generous client pacing.
  const env = { ...sim.env, CONFIGREPORT_RATE: '50', CONFIGREPORT_BURST: '50' };
  return runCli(argv, { env, cwd: dir, stdin });
}

describe('phase commands against the simulator and S3', () => {
  it('plan → batch per shard → final, each from an event, into the bucket', async () => {
    await writeFile(join(dir, 'plan.json'), JSON.stringify({ mode: 'plan', group_id: GROUP, shard_size: 3 }));
    const plan = await cli(['plan', '--event', 'plan.json', '--prefix', 'team', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const planned = JSON.parse(plan.stdout);
    expect(planned).toMatchObject({
      ok: true,
      source: 'organizations',
      plan_key: `team/plans/${GROUP}/manifest.json`,
    });
    expect(planned.manifest).toBe(`s3://${sim.bucket}/team/plans/${GROUP}/manifest.json`);
    const manifest = JSON.parse(await bucket.getText(planned.plan_key)) as PlanManifest;
    const active = sim.accounts().filter((a) => a.state === 'ACTIVE');
    expect(manifest.shards.flatMap((s) => s.accounts).length).toBe(active.length);

    for (const shardId of planned.shard_ids as string[]) {
      const event = JSON.stringify({
        group_id: GROUP,
        shard_id: shardId,
        role_name: 'configreport-read-role',
        plan_key: planned.plan_key,
      });
      const batch = await cli(['batch', '--event', '-', '--prefix', 'team', '--json'], event);
      expect(batch.code, batch.stderr).toBe(0);
      const outcome = JSON.parse(batch.stdout);
      expect(outcome).toMatchObject({
        ok: true,
        shard_id: shardId,
        key: `team/batches/${GROUP}/${shardId}.json`,
      });
      expect(await bucket.exists(outcome.key)).toBe(true);
    }

    const final = await cli(['final', '--group-id', GROUP, '--prefix', 'team', '--json']);
    expect(final.code, final.stderr).toBe(0);
    const report = JSON.parse(final.stdout);
    expect(report.report.xlsx).toBe(`s3://${sim.bucket}/team/reports/ConfigRule_${GROUP}.xlsx`);
    expect(await bucket.exists(report.report.keys.xlsx)).toBe(true);
    expect(await bucket.exists(report.report.keys.summaryJson)).toBe(true);
    expect(report.summary.shards).toMatchObject({ expected: planned.shard_ids.length, missing: 0 });
    const truth = sim.groundTruth({ accountIds: active.map((a) => a.accountId) });
    expect(truth.length).toBeGreaterThan(0);
    expect(report.summary.records.unique).toBe(truth.length);
  });

  it('run: accounts file → local folder, with a denied account reported; --strict exits 3', async () => {
    const members = sim.accounts().filter((a) => a.state === 'ACTIVE' && a.accountId !== sim.hubAccountId);
    const [denied, ...rest] = members.slice(0, 4);
    await writeFile(
      join(dir, 'accounts.csv'),
      [
        'account_id,account_name,environment',
        ...[denied!, ...rest].map((a) => `${a.accountId},${a.name},Prod`),
      ].join('\n'),
    );
    sim.denyRole(denied!.accountId, true);
    try {
      const run = await cli([
        'run',
        '--accounts-file',
        'accounts.csv',
        '--out',
        'local',
        '--strict',
        '--json',
      ]);
      expect(run.code, run.stderr).toBe(3);
      const json = JSON.parse(run.stdout);
      expect(json.plan).toMatchObject({ source: 'accounts-file', accounts_count: 4 });
      expect(json.report.xlsx).toBe(join(dir, 'local', 'reports', `ConfigRule_${json.report_date}.xlsx`));
      expect((await stat(json.report.xlsx)).size).toBeGreaterThan(1000);
      expect(json.summary.coverage.problems).toEqual([
        expect.objectContaining({ status: 'ASSUME_ROLE_DENIED', account_id: denied!.accountId }),
      ]);
      // The file's explicit label wins over names and tags: all four accounts are Prod.
      const byEnv = Object.fromEntries(
        json.summary.environments.map((e: { environment: string; accounts: number }) => [
          e.environment,
          e.accounts,
        ]),
      );
      expect(byEnv).toMatchObject({ Prod: 4 });
      expect(Object.values(byEnv).reduce((a, b) => Number(a) + Number(b), 0)).toBe(4);
      // Progress went to stderr as plain lines (not a TTY), never into the JSON on stdout.
      expect(run.stderr).toMatch(/Collecting: 4\/4 accounts \(100%\)/);
      const manifest = JSON.parse(
        await readFile(join(dir, 'local', 'plans', json.group_id, 'manifest.json'), 'utf8'),
      ) as PlanManifest;
      expect(manifest.source).toBe('accounts-file');
    } finally {
      sim.denyRole(denied!.accountId, false);
    }
  });
});
