/**
 * Deploy-time settings: defaults, validation that names the bad setting, context parsing as
 * `cdk deploy -c` delivers it, and the seed topology's shard cutting. Pure, no synthesis.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  hubSettingsFromContext,
  InvalidContextError,
  spokePropsFromContext,
} from '../../../infra/lib/context.js';
import { seedShardEvents } from '../../../infra/lib/seedShards.js';
import {
  type HubSettingsInput,
  InvalidHubSettingError,
  resolveHubSettings,
} from '../../../infra/lib/settings.js';
import { errorName, isInvalidInputError } from '../../../src/core/errors.js';
import { parseEvent } from '../../../src/core/event.js';

const ctxOf = (values: Record<string, unknown>) => (key: string) => values[key];
const ORG = 'o-abc123defg';
const account = (n: number) => ({ account_id: String(n).padStart(12, '0'), account_name: `acct-${n}` });

describe('resolveHubSettings', () => {
  it('defaults to the Step Functions topology, a daily 06:00 UTC run and 14-day intermediates', () => {
    const s = resolveHubSettings({ organizationId: ORG });
    expect(s).toMatchObject({
      organizationId: ORG,
      topology: 'stepfunctions',
      reportPrefix: '',
      readRoleName: 'configreport-read-role',
      hubRoleName: 'configreport-hub-role',
      scheduleExpression: 'cron(0 6 * * ? *)',
      scheduleTimeZone: 'UTC',
      intermediateRetentionDays: 14,
      maxConcurrency: 10,
      memoryMiB: 3008,
      timeoutSeconds: 900,
      encryption: 's3',
      serverAccessLogs: true,
    });
  });

  it('normalises REPORT_PREFIX the way the function does', () => {
    expect(resolveHubSettings({ organizationId: ORG, reportPrefix: '/acme/config//' }).reportPrefix).toBe(
      'acme/config/',
    );
  });

  it('requires organizationId, saying how to find it and how to pass it', () => {
    for (const input of [undefined, {}, hubSettingsFromContext(ctxOf({ organizationId: '' }))]) {
      expect(() => resolveHubSettings(input)).toThrow(InvalidHubSettingError);
      expect(() => resolveHubSettings(input)).toThrow(
        /^organizationId: required: .*aws:ResourceOrgID.*`aws organizations describe-organization --query Organization\.Id`.*-c organizationId=o-/,
      );
    }
  });

  it('takes organizationId from CDK context as -c delivers it', () => {
    const input = hubSettingsFromContext(ctxOf({ organizationId: ORG }));
    expect(resolveHubSettings(input).organizationId).toBe(ORG);
  });

  it('raises errors of kind invalid-input, so callers can branch without instanceof', () => {
    let caught: unknown;
    try {
      resolveHubSettings({});
    } catch (error) {
      caught = error;
    }
    expect(isInvalidInputError(caught)).toBe(true);
    expect(errorName(caught)).toBe('InvalidHubSettingError');
  });

  it.each<[HubSettingsInput, string]>([
    [{ reportPrefix: 'a/../b' }, 'reportPrefix'],
    [{ readRoleName: 'bad role' }, 'readRoleName'],
    [{ organizationId: 'org-1' }, 'organizationId'],
    [{ organizationsRoleArn: 'arn:aws:iam::1:role/x' }, 'organizationsRoleArn'],
    [{ externalId: 'x' }, 'externalId'],
    [{ regions: ['mars-1'] }, 'regions'],
    [{ maxConcurrency: 41 }, 'maxConcurrency'],
    [{ maxConcurrency: 2.5 }, 'maxConcurrency'],
    [{ timeoutSeconds: 901 }, 'timeoutSeconds'],
    [{ memoryMiB: 128 }, 'memoryMiB'],
    [{ scheduleExpression: '0 6 * * *' }, 'scheduleExpression'],
    [{ environment: { REPORT_BUCKET: 'other' } }, 'environment'],
    [{ environment: { CONFIGREPORT_REGIONS: 'us-east-1' } }, 'set from regions'],
    [{ alarmEmail: 'not-an-address' }, 'alarmEmail'],
    [{ topology: 'seed' }, 'seed.accounts'],
    [{ topology: 'seed', seed: { accounts: [account(1), account(1)] } }, 'seed.accounts'],
    [{ topology: 'seed', seed: { accounts: [{ account_id: '12', account_name: 'x' }] } }, 'account_id'],
  ])('rejects %j naming %s', (input, setting) => {
    const withOrganization = { organizationId: ORG, ...input };
    expect(() => resolveHubSettings(withOrganization)).toThrow(InvalidHubSettingError);
    expect(() => resolveHubSettings(withOrganization)).toThrow(setting);
  });

  it('schedules the seed final one hour after the batches, across midnight too', () => {
    const seed = { accounts: [account(1)] };
    expect(
      resolveHubSettings({
        organizationId: ORG,
        topology: 'seed',
        scheduleExpression: 'cron(30 23 * * ? *)',
        seed,
      }).seed?.finalScheduleExpression,
    ).toBe('cron(30 0 * * ? *)');
  });
});

describe('hubSettingsFromContext', () => {
  it('reads strings, numbers, booleans, lists and JSON as -c delivers them', () => {
    const input = hubSettingsFromContext(
      ctxOf({
        topology: 'stepfunctions',
        regions: 'eu-west-1, us-east-1',
        maxConcurrency: '12',
        serverAccessLogs: 'false',
        environment: '{"REPORT_THRESHOLD_GREEN":"90"}',
        alarmEmail: '',
      }),
    );
    expect(input).toEqual({
      topology: 'stepfunctions',
      regions: ['eu-west-1', 'us-east-1'],
      maxConcurrency: 12,
      serverAccessLogs: false,
      environment: { REPORT_THRESHOLD_GREEN: '90' },
    });
  });

  it('reads seed accounts from a JSON file (array or {accounts})', () => {
    const dir = mkdtempSync(join(tmpdir(), 'configreport-infra-'));
    const file = join(dir, 'accounts.json');
    writeFileSync(file, JSON.stringify({ accounts: [account(7)] }));
    const input = hubSettingsFromContext(
      ctxOf({ topology: 'seed', seedAccountsFile: file, seedShardSize: '3' }),
    );
    expect(input.seed).toEqual({ accounts: [account(7)], shardSize: 3 });
  });

  it.each([
    [{ maxConcurrency: 'many' }, 'maxConcurrency'],
    [{ serverAccessLogs: 'yes please' }, 'serverAccessLogs'],
    [{ environment: '[1,2]' }, 'environment'],
    [{ seedAccounts: '{"not":"a list"}' }, 'seedAccounts'],
  ])('rejects %j naming %s', (values, key) => {
    expect(() => hubSettingsFromContext(ctxOf(values))).toThrow(InvalidContextError);
    expect(() => hubSettingsFromContext(ctxOf(values))).toThrow(key);
  });
});

describe('spokePropsFromContext', () => {
  it('builds the hub role ARN from the hub account and the fixed hub role name', () => {
    expect(spokePropsFromContext(ctxOf({ hubAccountId: '111122223333', externalId: 'ext-123' }))).toEqual({
      hubRoleArn: 'arn:aws:iam::111122223333:role/configreport-hub-role',
      externalId: 'ext-123',
    });
  });

  it('reads trustedPrincipals as a comma list or a JSON array', () => {
    const ci = 'arn:aws:iam::222233334444:role/ci';
    const sso =
      'arn:aws:iam::999988887777:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_ConfigReportRun_*';
    expect(spokePropsFromContext(ctxOf({ trustedPrincipals: `${ci}, ${sso}` })).trustedPrincipals).toEqual([
      ci,
      sso,
    ]);
    expect(
      spokePropsFromContext(ctxOf({ trustedPrincipals: JSON.stringify([sso]) })).trustedPrincipals,
    ).toEqual([sso]);
  });

  it('leaves the ARN to the HubRoleArn template parameter when neither is given', () => {
    expect(spokePropsFromContext(ctxOf({}))).toEqual({});
  });

  it('rejects a malformed hub account id', () => {
    expect(() => spokePropsFromContext(ctxOf({ hubAccountId: '1234' }))).toThrow('hubAccountId');
  });
});

describe('seedShardEvents', () => {
  it('cuts accounts into ordered shards with sortable ids, each a valid seed batch event', () => {
    const accounts = Array.from({ length: 101 }, (_, i) => account(i + 1));
    const shards = seedShardEvents({ accounts, shardSize: 10, groupId: 'daily', roleName: 'r' });
    expect(shards).toHaveLength(11);
    expect(shards[0]!.shardId).toBe('01');
    expect(shards[10]!.shardId).toBe('11');
    expect(shards[10]!.event.accounts).toEqual([account(101)]);
    expect(shards.flatMap((s) => s.event.accounts ?? [])).toEqual(accounts);
    for (const shard of shards) expect(parseEvent(shard.event)).toEqual(shard.event);
  });

  it('pads ids to three digits past 99 shards so they still sort', () => {
    const shards = seedShardEvents({
      accounts: Array.from({ length: 100 }, (_, i) => account(i + 1)),
      shardSize: 1,
      groupId: 'g',
      roleName: 'r',
    });
    expect(shards.map((s) => s.shardId)).toEqual([...shards.map((s) => s.shardId)].sort());
    expect(shards[0]!.shardId).toBe('001');
  });

  it('rejects a non-positive shard size', () => {
    expect(() =>
      seedShardEvents({ accounts: [account(1)], shardSize: 0, groupId: 'g', roleName: 'r' }),
    ).toThrow(RangeError);
  });
});
