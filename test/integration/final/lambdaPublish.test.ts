/**
 * The Lambda handler over the simulator's S3 (loopback): a wrong role name publishes its report
 * and then fails the invocation with SetupFailureError; a group without shards fails with
 * NoShardsError and writes nothing; a healthy run returns the published keys and its run id.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../simulator/index.js';
import { reportKeys } from '../../../src/core/keys.js';
import { createHandler, type FinalHandlerResult } from '../../../src/entry/lambda.js';
import { isNoShardsError, isSetupFailureError } from '../../../src/modes/final/errors.js';
import type { ReportManifest } from '../../../src/modes/final/publish.js';
import type { S3Store } from '../../../src/store/S3Store.js';
import { simBucket } from '../../helpers/simBucket.js';

let sim: RunningSimulator;
let handle: ReturnType<typeof createHandler>;
let bucket: S3Store;
let savedEnv: NodeJS.ProcessEnv;
let accounts: { account_id: string; account_name: string }[];

beforeAll(async () => {
  sim = await startSimulator({
    accounts: 4,
    seed: 7,
    regions: ['us-east-1'],
    rulesPerRegion: 3,
    resourcesPerRegion: 5,
  });
  // In Lambda the SDK's default credential chain reads the process environment.
  savedEnv = { ...process.env };
  Object.assign(process.env, sim.env);
  handle = createHandler({ env: sim.env, logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }) });
  bucket = simBucket(sim);
  accounts = sim
    .accounts()
    .filter((a) => a.state === 'ACTIVE' && a.accountId !== sim.hubAccountId)
    .map((a) => ({ account_id: a.accountId, account_name: a.name }));
}, 60_000);

afterAll(async () => {
  if (savedEnv) process.env = savedEnv;
  await sim?.stop();
});

async function keysUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of bucket.list(prefix)) keys.push(o.key);
  return keys;
}

const batch = (groupId: string, roleName: string) =>
  handle({ mode: 'batch', group_id: groupId, shard_id: '01', role_name: roleName, accounts });

describe('final mode in the Lambda handler', () => {
  it('a wrong role name: the report is published, then the invocation fails with SetupFailureError', async () => {
    const group = '2024-06-01';
    await batch(group, 'configreport-read-rol');
    const error = await handle({ mode: 'final', group_id: group }).catch((e: unknown) => e);
    expect(isSetupFailureError(error)).toBe(true);
    expect((error as Error).name).toBe('SetupFailureError');
    expect((error as Error).message).toContain(
      `${accounts.length} of ${accounts.length} account-regions (100%) denied sts:AssumeRole`,
    );
    expect((error as Error).message).toContain('role name differs');
    const keys = reportKeys('', group);
    expect(await bucket.exists(keys.xlsx)).toBe(true);
    const manifest = JSON.parse(await bucket.getText(keys.manifest)) as ReportManifest;
    expect(manifest.status).toBe('setup_failure');
    const summary = JSON.parse(await bucket.getText(keys.summaryJson));
    expect(summary.setup_failure).toMatchObject({ reason: 'access-denied-share', denied_share: 1 });
  });

  it('a group without shards fails with NoShardsError and writes nothing', async () => {
    const before = await keysUnder('reports/');
    const error = await handle({ mode: 'final', group_id: '2024-06-99x' }).catch((e: unknown) => e);
    expect(isNoShardsError(error)).toBe(true);
    expect((error as Error).message).toContain(`under s3://${sim.bucket}/batches/2024-06-99x/`);
    expect(await keysUnder('reports/')).toEqual(before);
  });

  it('a healthy run returns the published keys, the manifest and its run id', async () => {
    const group = '2024-06-02';
    await batch(group, sim.roleName);
    const result = (await handle({ mode: 'final', group_id: group })) as FinalHandlerResult;
    expect(result.keys).toEqual(reportKeys('', group));
    expect(result.run_id).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{8}$/);
    const manifest = JSON.parse(await bucket.getText(result.keys.manifest)) as ReportManifest;
    expect(manifest).toMatchObject({ run_id: result.run_id, status: 'ok' });
    expect(await bucket.exists(manifest.run.xlsx)).toBe(true);
    expect(result.shards.accepted).toBe(1);
  });

  it('names event fields outside the contract and conflicting duplicate accounts in its result', async () => {
    const [first] = accounts;
    const result = await handle({
      mode: 'batch',
      group_id: '2024-06-03',
      shard_id: '01',
      role_name: sim.roleName,
      detail_type: 'Scheduled Event',
      accounts: [first!, { ...first!, account_name: 'renamed' }],
    });
    expect(result.event_notes).toEqual({
      unknown_fields: ['detail_type'],
      conflicting_accounts: [{ account_id: first!.account_id, names: [first!.account_name, 'renamed'] }],
    });
    const clean = await handle({
      mode: 'batch',
      group_id: '2024-06-03',
      shard_id: '02',
      role_name: sim.roleName,
      accounts,
    });
    expect(clean).not.toHaveProperty('event_notes');
  });
});
