/**
 * Batch mode over a fake Config source and an in-memory store: what each account-region's answers
 * become in the shard, the shard's order, the one write, and the deadline.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BatchEvent, parseEvent } from '../../../../src/core/event.js';
import { silentLogger } from '../../../../src/core/logger.js';
import type { ShardFile } from '../../../../src/core/model.js';
import {
  AssumeRoleDeniedError,
  ConfigSourceError,
  NoRegionsError,
  RuleNotFoundError,
} from '../../../../src/modes/batch/errors.js';
import type { SourceEvaluation } from '../../../../src/modes/batch/ports.js';
import { type BatchDeps, runBatch } from '../../../../src/modes/batch.js';
import { evaluation, type FakeAccount, FakeConfigSource, MemoryStore, rule, tagRow } from './fakes.js';

const A = '111111111111';
const B = '222222222222';
const STARTED = new Date('2026-01-02T03:04:05.000Z');

function event(fields: Record<string, unknown> = {}): BatchEvent {
  return parseEvent({
    group_id: 'g1',
    shard_id: 's1',
    role_name: 'configreport-read-role',
    accounts: [
      { account_id: B, account_name: 'bravo' },
      { account_id: A, account_name: 'alpha', environment: 'Prod' },
    ],
    ...fields,
  }) as BatchEvent;
}

async function run(accounts: Record<string, FakeAccount>, options: Partial<BatchDeps> = {}, fields = {}) {
  const store = (options.store as MemoryStore | undefined) ?? new MemoryStore();
  const source = new FakeConfigSource(accounts);
  const result = await runBatch(event(fields), {
    store,
    prefix: '',
    logger: silentLogger,
    clock: () => STARTED,
    settings: {
      regions: ['us-east-1'],
      concurrency: 4,
      ruleConcurrency: 2,
      tagPrefix: 'mox.',
      deadlineMarginMs: 1000,
    },
    configSource: source.factory,
    ...options,
  });
  const shard = JSON.parse(await store.getText(result.key)) as ShardFile;
  const region = (accountId: string, name = 'us-east-1') =>
    shard.accounts.find((a) => a.account_id === accountId)!.regions.find((r) => r.region === name)!;
  return { store, source, result, shard, region };
}

describe('batch mode over a Config source', () => {
  it('writes one sorted shard at batches/<group>/<shard>.json, exactly once', async () => {
    const { store, source, result, shard } = await run(
      {
        [A]: {
          regions: {
            'us-east-1': {
              rules: [rule('zeta'), rule('alpha')],
              evaluations: { zeta: [evaluation('b2'), evaluation('b1')], alpha: [evaluation('b9')] },
              rows: [tagRow('b1', { 'mox.owner': 'ann', 'mox.cost': '7', Name: 'not ours' })],
              stats: { calls: 7, throttles: 2 },
            },
            'eu-west-1': { rules: [rule('alpha')], evaluations: { alpha: [evaluation('e1')] } },
          },
        },
        [B]: {
          regions: { 'us-east-1': { rules: [rule('beta')], evaluations: { beta: [evaluation('x')] } } },
        },
      },
      {},
      { regions: ['us-east-1', 'eu-west-1'], external_id: 'ext-1' },
    );
    expect(store.writes).toEqual(['batches/g1/s1.json']);
    expect(result.key).toBe('batches/g1/s1.json');
    expect(shard).toMatchObject({ group_id: 'g1', shard_id: 's1', started_at: STARTED.toISOString() });
    expect(shard.accounts.map((a) => [a.account_id, a.regions.map((r) => r.region)])).toEqual([
      [A, ['eu-west-1', 'us-east-1']],
      [B, ['eu-west-1', 'us-east-1']],
    ]);
    expect(shard.accounts[0]).toMatchObject({ environment: 'Prod', environment_source: 'event' });
    expect(shard.rules.map((r) => `${r.account_id}/${r.region}/${r.rule_name}`)).toEqual([
      `${A}/eu-west-1/alpha`,
      `${A}/us-east-1/alpha`,
      `${A}/us-east-1/zeta`,
      `${B}/us-east-1/beta`,
    ]);
    expect(shard.records.map((r) => `${r.account_id}/${r.region}/${r.rule_name}/${r.resource_id}`)).toEqual([
      `${A}/eu-west-1/alpha/e1`,
      `${A}/us-east-1/alpha/b9`,
      `${A}/us-east-1/zeta/b1`,
      `${A}/us-east-1/zeta/b2`,
      `${B}/us-east-1/beta/x`,
    ]);
    const tagged = shard.records.find((r) => r.resource_id === 'b1')!;
    expect(tagged.tags).toEqual({ 'mox.cost': '7', 'mox.owner': 'ann' });
    expect(Object.keys(tagged.tags)).toEqual(['mox.cost', 'mox.owner']);
    expect(result).toMatchObject({
      accounts: 2,
      accountRegions: 4,
      records: 5,
      calls: 7,
      throttles: 2,
      assumeRoleCalls: 4,
      deadlineReached: false,
    });
    expect(result.statusCounts.OK).toBe(4);
    expect(source.sessions).toEqual([
      { roleName: 'configreport-read-role', externalId: 'ext-1', shardId: 's1' },
    ]);
    expect(source.closed).toBe(1);
  });

  it('marks every region of a refused account ASSUME_ROLE_DENIED with AWS error name and message', async () => {
    const denied = new AssumeRoleDeniedError(A, 'AccessDenied', 'not authorized to perform: sts:AssumeRole');
    const { region, result } = await run(
      { [A]: { openError: denied } },
      {},
      { regions: ['us-east-1', 'eu-west-1'] },
    );
    for (const name of ['us-east-1', 'eu-west-1']) {
      expect(region(A, name)).toMatchObject({
        status: 'ASSUME_ROLE_DENIED',
        error_name: 'AccessDenied',
        error_message: 'not authorized to perform: sts:AssumeRole',
        rules_count: 0,
      });
    }
    expect(region(B, 'us-east-1').status).toBe('OK');
    expect(result.statusCounts).toMatchObject({ ASSUME_ROLE_DENIED: 2, OK: 2 });
  });

  it('records any other AssumeRole failure as ERROR, saying it was AssumeRole', async () => {
    const failure = new ConfigSourceError('RegionDisabledException', 'STS is not activated in this region');
    const { region } = await run({ [A]: { openError: failure } });
    expect(region(A)).toMatchObject({
      status: 'ERROR',
      error_name: 'RegionDisabledException',
      error_message: 'AssumeRole: STS is not activated in this region',
    });
  });

  it('reports CONFIG_NOT_ENABLED without listing rules when there is no recorder', async () => {
    const { region, source } = await run({
      [A]: { regions: { 'us-east-1': { recorder: 'NOT_ENABLED', rules: [rule('never-listed')] } } },
    });
    expect(region(A)).toMatchObject({ status: 'CONFIG_NOT_ENABLED', error_name: 'NoConfigurationRecorder' });
    expect(source.evaluationReads.filter((r) => r.startsWith(A))).toEqual([]);
  });

  it('records a failed rule list as ERROR with the source error name', async () => {
    const { region } = await run({
      [A]: {
        regions: {
          'us-east-1': { rules: new ConfigSourceError('AccessDeniedException', 'no config:Describe') },
        },
      },
    });
    expect(region(A)).toMatchObject({
      status: 'ERROR',
      error_name: 'AccessDeniedException',
      error_message: 'no config:Describe',
    });
  });

  it('keeps a rule deleted mid-read with a skipped_reason, and the region OK', async () => {
    const { region, shard } = await run({
      [A]: {
        regions: {
          'us-east-1': {
            rules: [rule('gone'), rule('kept')],
            evaluations: {
              gone: new RuleNotFoundError('gone', 'NoSuchConfigRuleException', 'rule gone'),
              kept: [evaluation('b1')],
            },
          },
        },
      },
    });
    expect(region(A).status).toBe('OK');
    expect(shard.rules.find((r) => r.account_id === A && r.rule_name === 'gone')?.skipped_reason).toBe(
      'rule was deleted while the account was being read',
    );
    expect(shard.records.filter((r) => r.account_id === A)).toHaveLength(1);
  });

  it('marks the region PARTIAL naming the rules that failed, keeping the others', async () => {
    const { region, shard } = await run({
      [A]: {
        regions: {
          'us-east-1': {
            rules: [rule('ok'), rule('z-bad'), rule('a-bad')],
            evaluations: {
              ok: [evaluation('b1')],
              'z-bad': new ConfigSourceError('ThrottlingException', 'Rate exceeded'),
              'a-bad': new ConfigSourceError('InternalFailure', 'boom'),
            },
          },
        },
      },
    });
    expect(region(A)).toMatchObject({
      status: 'PARTIAL',
      error_name: 'PartialRead',
      error_message: '2 rule(s) could not be read: a-bad, z-bad',
      failed_rules: [
        { rule_name: 'a-bad', error_name: 'InternalFailure', error_message: 'boom' },
        { rule_name: 'z-bad', error_name: 'ThrottlingException', error_message: 'Rate exceeded' },
      ],
    });
    expect(shard.records.filter((r) => r.account_id === A).map((r) => r.rule_name)).toEqual(['ok']);
  });

  it('keeps every record when the tags cannot be read (PARTIAL, tags only)', async () => {
    const { region, shard } = await run({
      [A]: {
        regions: {
          'us-east-1': {
            rules: [rule('r')],
            evaluations: { r: [evaluation('b1')] },
            rows: new ConfigSourceError('ThrottlingException', 'Rate exceeded'),
          },
        },
      },
    });
    expect(region(A)).toMatchObject({
      status: 'PARTIAL',
      error_message: 'ownership tags could not be read for some resources; all evaluations were collected',
    });
    expect(region(A).failed_rules?.[0]).toMatchObject({ error_name: 'ThrottlingException' });
    expect(shard.records.filter((r) => r.account_id === A)).toHaveLength(1);
  });

  it('records who created each rule and which conformance pack it belongs to (schema version 2)', async () => {
    const PACKS = 'config-conforms.amazonaws.com';
    const { region, shard, source } = await run({
      [A]: {
        regions: {
          'us-east-1': {
            rules: [
              rule('s3-versioning-conformance-pack-ab12cd34', { createdBy: PACKS }),
              rule('imdsv2-conformance-pack-ab12cd34', { createdBy: PACKS }),
              rule('securityhub-ec2-check-0a1b2c', { createdBy: 'securityhub.amazonaws.com' }),
              rule('mine'),
            ],
            packs: [
              {
                name: 'Operational-Best-Practices-for-S3',
                rules: [
                  { ruleName: 's3-versioning-conformance-pack-ab12cd34', complianceType: 'NON_COMPLIANT' },
                  { ruleName: 'imdsv2-conformance-pack-ab12cd34', complianceType: 'COMPLIANT' },
                ],
              },
            ],
          },
        },
      },
      [B]: { regions: { 'us-east-1': { rules: [rule('mine')], packs: new Error('never asked') } } },
    });
    expect(shard.schema_version).toBe(2);
    const rules = Object.fromEntries(
      shard.rules.filter((r) => r.account_id === A).map((r) => [r.rule_name, r]),
    );
    expect(rules['s3-versioning-conformance-pack-ab12cd34']).toMatchObject({
      created_by: PACKS,
      conformance_pack: 'Operational-Best-Practices-for-S3',
    });
    expect(rules['securityhub-ec2-check-0a1b2c']).toMatchObject({ created_by: 'securityhub.amazonaws.com' });
    expect(rules['securityhub-ec2-check-0a1b2c']).not.toHaveProperty('conformance_pack');
    expect(rules.mine).not.toHaveProperty('created_by');
    expect(shard.conformance_packs).toEqual([
      {
        account_id: A,
        region: 'us-east-1',
        pack_name: 'Operational-Best-Practices-for-S3',
        compliance_type: 'NON_COMPLIANT',
        rules_compliant: 1,
        rules_non_compliant: 1,
        rules_insufficient_data: 0,
      },
    ]);
    // Only where pack rules exist is DescribeConformancePacks called.
    expect(source.packReads).toEqual([`${A}/us-east-1`]);
    expect(region(A).status).toBe('OK');
  });

  it('keeps the region when its conformance packs cannot be read (PARTIAL, packs only)', async () => {
    const { region, shard } = await run({
      [A]: {
        regions: {
          'us-east-1': {
            rules: [rule('x-conformance-pack-ab12cd34', { createdBy: 'config-conforms.amazonaws.com' })],
            evaluations: { 'x-conformance-pack-ab12cd34': [evaluation('b1')] },
            packs: new ConfigSourceError(
              'AccessDeniedException',
              'not authorized: config:DescribeConformancePacks',
            ),
          },
        },
      },
    });
    expect(region(A)).toMatchObject({
      status: 'PARTIAL',
      error_message: 'conformance packs could not be read; all evaluations were collected',
    });
    expect(region(A).failed_rules).toEqual([
      expect.objectContaining({ rule_name: '(conformance packs)', error_name: 'AccessDeniedException' }),
    ]);
    expect(shard.records.filter((r) => r.account_id === A)).toHaveLength(1);
    expect(shard.rules.find((r) => r.account_id === A)).not.toHaveProperty('conformance_pack');
    expect(shard.conformance_packs).toEqual([]);
  });

  it('lists a rule with hidden evaluations as skipped without reading it', async () => {
    const { shard, source } = await run({
      [A]: { regions: { 'us-east-1': { rules: [rule('hidden', { evaluationsHidden: true })] } } },
    });
    expect(shard.rules.find((r) => r.rule_name === 'hidden')?.skipped_reason).toMatch(
      /^RuleEvaluationVisibility INTERNAL/,
    );
    expect(source.evaluationReads).toEqual([]);
  });

  it('collects what a stopped recorder still holds, as RECORDER_STOPPED', async () => {
    const { region, shard } = await run({
      [A]: {
        regions: {
          'us-east-1': { recorder: 'STOPPED', rules: [rule('r')], evaluations: { r: [evaluation('b')] } },
        },
      },
    });
    expect(region(A)).toMatchObject({
      status: 'RECORDER_STOPPED',
      error_name: 'ConfigurationRecorderStopped',
    });
    expect(shard.records.filter((r) => r.account_id === A)).toHaveLength(1);
  });
});

describe('regions', () => {
  it('takes the event regions over the settings, sorted and without duplicates', async () => {
    const { shard } = await run({}, {}, { regions: ['us-west-2', 'eu-west-1', 'us-west-2'] });
    expect(shard.accounts[0]!.regions.map((r) => r.region)).toEqual(['eu-west-1', 'us-west-2']);
  });

  it('takes the plan regions over the settings', async () => {
    const store = new MemoryStore();
    await store.put(
      'plans/g1/manifest.json',
      JSON.stringify({
        group_id: 'g1',
        regions: ['ap-south-1'],
        shards: [{ shard_id: 's1', accounts: [{ account_id: A, account_name: 'alpha' }] }],
      }),
    );
    const { shard } = await run({}, { store }, { accounts: undefined, plan_key: 'plans/g1/manifest.json' });
    expect(
      shard.accounts.map((a) => [a.account_id, a.environment_source, a.regions.map((r) => r.region)]),
    ).toEqual([[A, 'none', ['ap-south-1']]]);
  });

  it('refuses to run with no region at all, before opening the source or writing', async () => {
    const store = new MemoryStore();
    const source = new FakeConfigSource({});
    const settings = {
      regions: [],
      concurrency: 1,
      ruleConcurrency: 1,
      tagPrefix: 'mox.',
      deadlineMarginMs: 1000,
    };
    const error = await runBatch(event(), {
      store,
      prefix: '',
      logger: silentLogger,
      clock: () => STARTED,
      settings,
      configSource: source.factory,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoRegionsError);
    expect(source.sessions).toEqual([]);
    expect(store.writes).toEqual([]);
  });
});

describe('the deadline', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('marks every account-region TIMED_OUT when no time is left, and still writes the shard', async () => {
    const { result, shard, store, source } = await run(
      { [A]: { regions: { 'us-east-1': { rules: [rule('r')] } } } },
      { remainingMs: () => 500 },
    );
    expect(result.deadlineReached).toBe(true);
    expect(shard.accounts.flatMap((a) => a.regions.map((r) => r.status))).toEqual(['TIMED_OUT', 'TIMED_OUT']);
    expect(shard.accounts[0]!.regions[0]!.error_message).toContain('waiting to start');
    expect(source.opened).toEqual([]);
    expect(store.writes).toEqual(['batches/g1/s1.json']);
  });

  it('stops a read in flight, keeping the records already read', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let remaining = 60_000;
    let hanging!: () => void;
    const started = new Promise<void>((resolve) => {
      hanging = resolve;
    });
    const hang = (signal: AbortSignal) =>
      new Promise<SourceEvaluation[]>((_, reject) => {
        hanging();
        signal.addEventListener('abort', () => reject(new ConfigSourceError('AbortError', 'aborted')));
      });
    const running = run(
      {
        [A]: {
          regions: {
            'us-east-1': {
              rules: [rule('fast'), rule('slow')],
              evaluations: { fast: [evaluation('b1')], slow: hang },
            },
          },
        },
      },
      {
        remainingMs: () => remaining,
        settings: {
          regions: ['us-east-1'],
          concurrency: 1,
          ruleConcurrency: 2,
          tagPrefix: 'mox.',
          deadlineMarginMs: 1000,
        },
      },
      { accounts: [{ account_id: A, account_name: 'alpha' }] },
    );
    await started;
    remaining = 0;
    await vi.advanceTimersByTimeAsync(1000);
    const { result, region, shard } = await running;
    expect(result.deadlineReached).toBe(true);
    expect(region(A)).toMatchObject({ status: 'TIMED_OUT', error_name: 'DeadlineReached', records_count: 1 });
    expect(region(A).error_message).toContain('reading evaluations (1 of 2 rules done)');
    expect(shard.records.map((r) => r.resource_id)).toEqual(['b1']);
  });
});
