/**
 * Batch mode through the Lambda handler, against the simulator and its S3 server: the shard holds
 * exactly the simulator's ground truth (with mox.* tags), at exactly the seed's key, with every
 * account-region's status; a rerun replaces the file.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_CREDENTIALS, startSimulator } from '../../../simulator/index.js';
import type { RunningSimulator } from '../../../simulator/types.js';
import { type BatchHandlerResult, createHandler } from '../../../src/entry/lambda.js';
import type { S3Store } from '../../../src/store/S3Store.js';
import { simBucket } from '../../helpers/simBucket.js';
import { compareWithTruth, memberAccounts, parseShard, statusOf } from './helpers.js';

describe('batch mode end to end (handler → simulator → S3)', () => {
  let sim: RunningSimulator;
  let store: S3Store;
  let accounts: { account_id: string; account_name: string }[];
  let denied: string;
  let configOff: string;
  let stopped: string;
  const logs: string[] = [];
  let handle: ReturnType<typeof createHandler>;

  beforeAll(async () => {
    sim = await startSimulator({ accounts: 7, seed: 11, resourcesPerRegion: 260 });
    accounts = memberAccounts(sim);
    [denied, configOff, stopped] = accounts.map((a) => a.account_id) as [string, string, string];
    sim.denyRole(denied);
    sim.setConfigEnabled(configOff, 'eu-west-1', false);
    sim.setRecorderRunning(stopped, 'us-east-1', false);
    // The SDK's default credential chain reads the hub keys from the process environment.
    process.env.AWS_ACCESS_KEY_ID = HUB_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = HUB_CREDENTIALS.secretAccessKey;
    const logger = new Logger({ serviceName: 'configreport-test', logLevel: 'INFO' });
    // Capture the structured lines instead of printing them.
    const capture = {
      log: (line: string) => logs.push(line),
      info: (line: string) => logs.push(line),
      warn: (line: string) => logs.push(line),
      error: (line: string) => logs.push(line),
      debug: () => {},
    };
    (logger as unknown as { console: typeof capture }).console = capture;
    handle = createHandler({
      env: {
        ...sim.env,
        REPORT_PREFIX: 'team-a',
        CONFIGREPORT_RATE: '100',
        CONFIGREPORT_BURST: '50',
        CONFIGREPORT_REGIONS: sim.regions.join(','),
      },
      logger,
    });
    store = simBucket(sim);
  });
  afterAll(() => sim.stop());

  const event = () => ({
    accounts,
    group_id: '2023-10-27',
    mode: 'batch',
    role_name: sim.roleName,
    shard_id: '01',
  });

  it('writes every evaluation the simulator holds, exactly, at the seed key', async () => {
    const result = (await handle(event(), { getRemainingTimeInMillis: () => 900_000 })) as BatchHandlerResult;
    expect(result.key).toBe('team-a/batches/2023-10-27/01.json');
    const listed = [];
    for await (const item of store.list('team-a/')) listed.push(item.key);
    expect(listed).toEqual(['team-a/batches/2023-10-27/01.json']);

    const shard = parseShard(await store.getText(result.key));
    const truth = sim.groundTruth({ accountIds: accounts.map((a) => a.account_id), regions: sim.regions });
    const { collected, expected } = compareWithTruth(shard, truth);
    expect(collected.length).toBeGreaterThan(1000);
    expect(collected).toEqual(expected);
    expect(shard.records.some((r) => Object.keys(r.tags).some((k) => k.startsWith('mox.')))).toBe(true);
    expect(result.records).toBe(truth.length);
  });

  it('read rules with more than one page of results to the last page', async () => {
    const perRule = new Map<string, number>();
    for (const e of sim.groundTruth({ accountIds: accounts.map((a) => a.account_id) })) {
      const key = `${e.accountId}|${e.region}|${e.ruleName}`;
      perRule.set(key, (perRule.get(key) ?? 0) + 1);
    }
    // The precondition that makes the exact comparison above a pagination test.
    expect(Math.max(...perRule.values())).toBeGreaterThan(100);
  });

  it('reports each account-region with its status, and the rules it had to skip', async () => {
    const shard = parseShard(await store.getText('team-a/batches/2023-10-27/01.json'));
    expect(shard.accounts.map((a) => a.account_id)).toEqual(accounts.map((a) => a.account_id).sort());
    for (const account of shard.accounts)
      expect(account.regions.map((r) => r.region)).toEqual([...sim.regions].sort());
    for (const region of sim.regions) expect(statusOf(shard, denied, region)).toBe('ASSUME_ROLE_DENIED');
    const deniedRegion = shard.accounts.find((a) => a.account_id === denied)!.regions[0]!;
    expect(deniedRegion).toMatchObject({ error_name: 'AccessDenied', records_count: 0 });
    expect(statusOf(shard, configOff, 'eu-west-1')).toBe('CONFIG_NOT_ENABLED');
    expect(statusOf(shard, configOff, 'us-east-1')).toBe('OK');
    expect(statusOf(shard, stopped, 'us-east-1')).toBe('RECORDER_STOPPED');
    const stoppedRegion = shard.accounts
      .find((a) => a.account_id === stopped)!
      .regions.find((r) => r.region === 'us-east-1')!;
    expect(stoppedRegion.records_count).toBeGreaterThan(0);
    const others = shard.accounts.filter((a) => ![denied, configOff, stopped].includes(a.account_id));
    for (const account of others) for (const region of account.regions) expect(region.status).toBe('OK');

    const internal = shard.rules.filter((r) => r.skipped_reason?.includes('INTERNAL'));
    expect(internal.length).toBeGreaterThan(0);
    expect(shard.records.some((r) => internal.some((i) => i.rule_name === r.rule_name))).toBe(false);
  });

  it('records every rule with its creator and conformance pack, and each pack, as the simulator holds them', async () => {
    const shard = parseShard(await store.getText('team-a/batches/2023-10-27/01.json'));
    expect(shard.schema_version).toBe(2);
    const line = (r: {
      accountId: string;
      region: string;
      ruleName: string;
      owner: string;
      sourceIdentifier: string;
      createdBy?: string | undefined;
      conformancePack?: string | undefined;
    }) =>
      [
        r.accountId,
        r.region,
        r.ruleName,
        r.owner,
        r.sourceIdentifier,
        r.createdBy ?? '-',
        r.conformancePack ?? '-',
      ].join('|');
    const truth = sim.groundTruthRules({ accountIds: accounts.map((a) => a.account_id) });
    // CUSTOM_POLICY rules carry no SourceIdentifier on the wire; the simulator keeps one internally.
    const wire = (t: (typeof truth)[number]) => ({
      ...t,
      sourceIdentifier: t.owner === 'CUSTOM_POLICY' ? '' : t.sourceIdentifier,
    });
    expect(
      shard.rules.map((r) =>
        line({
          accountId: r.account_id,
          region: r.region,
          ruleName: r.rule_name,
          owner: r.source_owner,
          sourceIdentifier: r.source_identifier,
          createdBy: r.created_by,
          conformancePack: r.conformance_pack,
        }),
      ),
    ).toEqual(truth.map((t) => line(wire(t))).sort());
    expect(shard.rules.some((r) => r.conformance_pack !== undefined)).toBe(true);
    const packs = new Set(
      truth.flatMap((t) => (t.conformancePack ? [`${t.accountId}|${t.region}|${t.conformancePack}`] : [])),
    );
    expect(shard.conformance_packs!.map((p) => `${p.account_id}|${p.region}|${p.pack_name}`).sort()).toEqual(
      [...packs].sort(),
    );
  });

  it('logs one structured summary line per account with shard and account keys, and no secrets', () => {
    const summaries = logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => String(l.message).startsWith('account collected'));
    expect(summaries.map((s) => s.account).sort()).toEqual(accounts.map((a) => a.account_id).sort());
    for (const s of summaries) expect(s).toMatchObject({ shard: '01', group: '2023-10-27' });
    const all = logs.join('\n');
    expect(all).not.toContain(HUB_CREDENTIALS.secretAccessKey);
    expect(all).not.toMatch(/SessionToken|secretAccessKey/i);
  });

  it('a rerun replaces the shard instead of adding another', async () => {
    sim.setRecorderRunning(stopped, 'us-east-1', true);
    await handle(event(), { getRemainingTimeInMillis: () => 900_000 });
    const listed = [];
    for await (const item of store.list('team-a/batches/')) listed.push(item.key);
    expect(listed).toEqual(['team-a/batches/2023-10-27/01.json']);
    const shard = parseShard(await store.getText(listed[0]!));
    expect(statusOf(shard, stopped, 'us-east-1')).toBe('OK');
  });
});
