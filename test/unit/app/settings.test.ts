import { describe, expect, it } from 'vitest';
import { InvalidSettingError } from '../../../src/app/settings/InvalidSettingError.js';
import { defaultSettings, loadSettings } from '../../../src/app/settings/load.js';
import type { SettingRow } from '../../../src/app/settings/row.js';
import { SETTINGS } from '../../../src/app/settings/table.js';
import { isInvalidInputError } from '../../../src/core/errors.js';

const lambda = (env: Record<string, string>) =>
  loadSettings({
    env: { REPORT_BUCKET: 'reports-bucket', AWS_REGION: 'eu-west-1', ...env },
    surface: 'lambda',
  });

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSettingError);
    expect(isInvalidInputError(error)).toBe(true);
    return [...(error as InvalidSettingError).details];
  }
  throw new Error('expected the settings to be refused');
}

describe('the settings table', () => {
  it('gives every mode its documented defaults', () => {
    const { settings } = lambda({});
    expect(settings.store).toEqual({ bucket: 'reports-bucket', prefix: '', out: './out' });
    expect(settings.aws).toEqual({ region: 'eu-west-1', maxAttempts: 10, configHttpClient: 'undici' });
    expect(settings.batch).toEqual({
      regions: ['eu-west-1'],
      concurrency: 100,
      ruleConcurrency: 4,
      tagPrefix: 'mox.',
      deadlineMarginMs: 30_000,
    });
    expect(settings.pacing).toEqual({
      ratePerSecond: 5,
      burst: 5,
      maxAttempts: 10,
      pageRetries: 3,
      httpClient: 'undici',
    });
    expect(settings.plan).toMatchObject({
      shardSize: 25,
      roleName: 'configreport-read-role',
      regions: ['eu-west-1'],
      readTags: true,
      tagConcurrency: 5,
      environmentTagKeys: ['environment', 'env', 'mox.environment'],
      excludeAccounts: [],
    });
    expect(settings.plan.organizationsRoleArn).toBeUndefined();
    expect(settings.final).toMatchObject({
      thresholds: { red: 0.8, yellow: 0.95 },
      ownerTagKey: 'mox.owner',
      detailsRowLimit: 1_048_575,
      topN: 10,
      readAhead: 4,
      maxLineBytes: 64 * 1024 * 1024,
      csvFormulaGuard: true,
      gzipLevel: 6,
      ownerExtracts: false,
      accountExtracts: false,
    });
    expect(settings.final.environmentRules.length).toBeGreaterThan(0);
  });

  it('reads every variable of plan, batch and final mode', () => {
    const { settings } = lambda({
      CONFIGREPORT_REGIONS: 'us-east-1, eu-west-1,us-east-1',
      CONFIGREPORT_CONCURRENCY: '8',
      CONFIGREPORT_RULE_CONCURRENCY: '2',
      CONFIGREPORT_RATE: '2.5',
      CONFIGREPORT_BURST: '3',
      CONFIGREPORT_MAX_ATTEMPTS: '6',
      CONFIGREPORT_PAGE_RETRIES: '1',
      CONFIGREPORT_TAG_PREFIX: 'owner.',
      CONFIGREPORT_DEADLINE_MARGIN_MS: '45000',
      CONFIGREPORT_HTTP_CLIENT: 'node',
      PLAN_SHARD_SIZE: '10',
      CONFIGREPORT_ROLE_NAME: 'my-role',
      PLAN_READ_TAGS: 'false',
      PLAN_TAG_CONCURRENCY: '3',
      PLAN_EXCLUDE_ACCOUNTS: '111111111111',
      ORGANIZATIONS_ROLE_ARN: 'arn:aws:iam::222222222222:role/org-reader',
      ORGANIZATIONS_EXTERNAL_ID: 'ext-1',
      REPORT_RED_BELOW: '0.5',
      REPORT_YELLOW_BELOW: '0.9',
      REPORT_OWNER_TAG: 'team',
      REPORT_ENVIRONMENT_RULES: '[{"pattern":"^p-","environment":"Prod"}]',
      REPORT_ENVIRONMENT_TAG_KEYS: 'Stage, tier',
      REPORT_DETAILS_ROW_LIMIT: '1000',
      REPORT_TOP_N: '5',
      REPORT_READ_AHEAD: '0',
      REPORT_CSV_FORMULA_GUARD: 'false',
      REPORT_CSV_GZIP_LEVEL: '1',
      REPORT_WORKERS: '0',
      REPORT_OWNER_EXTRACTS: 'true',
      REPORT_ACCOUNT_EXTRACTS: 'yes',
    });
    expect(settings.aws).toEqual({ region: 'eu-west-1', maxAttempts: 6, configHttpClient: 'node' });
    expect(settings.batch).toEqual({
      regions: ['us-east-1', 'eu-west-1'],
      concurrency: 8,
      ruleConcurrency: 2,
      tagPrefix: 'owner.',
      deadlineMarginMs: 45000,
    });
    expect(settings.pacing).toEqual({
      ratePerSecond: 2.5,
      burst: 3,
      maxAttempts: 6,
      pageRetries: 1,
      httpClient: 'node',
    });
    expect(settings.plan).toMatchObject({
      shardSize: 10,
      roleName: 'my-role',
      regions: ['us-east-1', 'eu-west-1'],
      readTags: false,
      tagConcurrency: 3,
      environmentTagKeys: ['stage', 'tier'],
      excludeAccounts: ['111111111111'],
      organizationsRoleArn: 'arn:aws:iam::222222222222:role/org-reader',
      organizationsExternalId: 'ext-1',
    });
    expect(settings.final).toMatchObject({
      thresholds: { red: 0.5, yellow: 0.9 },
      ownerTagKey: 'team',
      environmentRules: [{ pattern: '^p-', environment: 'Prod' }],
      environmentTagKeys: ['stage', 'tier'],
      detailsRowLimit: 1000,
      topN: 5,
      readAhead: 0,
      csvFormulaGuard: false,
      gzipLevel: 1,
      workers: 0,
      ownerExtracts: true,
      accountExtracts: true,
    });
  });

  it.each([
    [
      { CONFIGREPORT_REGIONS: 'us-east-1,Mars' },
      /^CONFIGREPORT_REGIONS \(environment\): "Mars" is not a region name/,
    ],
    [{ CONFIGREPORT_REGIONS: 'us-east1' }, /"us-east1" is not a region name like us-east-1/],
    [
      { CONFIGREPORT_CONCURRENCY: '0' },
      /^CONFIGREPORT_CONCURRENCY \(environment\): must be between 1 and 1000/,
    ],
    [
      { CONFIGREPORT_CONCURRENCY: '2.5' },
      /^CONFIGREPORT_CONCURRENCY \(environment\): must be a whole number/,
    ],
    [{ CONFIGREPORT_RATE: 'fast' }, /^CONFIGREPORT_RATE \(environment\): must be a number, got "fast"/],
    [{ CONFIGREPORT_MAX_ATTEMPTS: '100' }, /^CONFIGREPORT_MAX_ATTEMPTS/],
    [{ CONFIGREPORT_DEADLINE_MARGIN_MS: '10' }, /^CONFIGREPORT_DEADLINE_MARGIN_MS/],
    [
      { CONFIGREPORT_HTTP_CLIENT: 'fetch' },
      /^CONFIGREPORT_HTTP_CLIENT \(environment\): "fetch" is not one of undici, node/,
    ],
    [{ PLAN_SHARD_SIZE: 'many' }, /^PLAN_SHARD_SIZE \(environment\): must be a whole number, got "many"/],
    [
      { PLAN_EXCLUDE_ACCOUNTS: '123' },
      /^PLAN_EXCLUDE_ACCOUNTS \(environment\): "123" is not a 12-digit account id/,
    ],
    [
      { CONFIGREPORT_ROLE_NAME: 'bad role' },
      /^CONFIGREPORT_ROLE_NAME \(environment\): "bad role" is not an IAM role name/,
    ],
    [
      { ORGANIZATIONS_ROLE_ARN: 'org-reader' },
      /^ORGANIZATIONS_ROLE_ARN \(environment\): "org-reader" is not an IAM role ARN/,
    ],
    [{ PLAN_READ_TAGS: 'maybe' }, /^PLAN_READ_TAGS \(environment\): must be true or false, got "maybe"/],
    [{ REPORT_YELLOW_BELOW: '2' }, /^REPORT_YELLOW_BELOW \(environment\): must be between 0 and 1/],
    [{ REPORT_DETAILS_ROW_LIMIT: '2000000' }, /^REPORT_DETAILS_ROW_LIMIT/],
    [{ REPORT_DETAILS_ROW_LIMIT: '10.5' }, /^REPORT_DETAILS_ROW_LIMIT/],
    [
      { REPORT_ENVIRONMENT_RULES: 'not json' },
      /^REPORT_ENVIRONMENT_RULES \(environment\): must be a JSON array/,
    ],
    [{ REPORT_ENVIRONMENT_RULES: '[{"pattern":"x","environment":"Staging"}]' }, /^REPORT_ENVIRONMENT_RULES/],
    [{ REPORT_ENVIRONMENT_RULES: '[{"pattern":"(","environment":"Prod"}]' }, /environment rule "\("/],
    [{ REPORT_TOP_N: '2.5' }, /^REPORT_TOP_N/],
    [{ REPORT_STALE_DAYS: '0' }, /^REPORT_STALE_DAYS \(environment\): must be between 1 and 3650/],
    [{ REPORT_STALE_DAYS: '1.5' }, /^REPORT_STALE_DAYS \(environment\): must be a whole number, got 1.5/],
    [{ REPORT_PREFIX: 'a/../b' }, /^REPORT_PREFIX \(environment\): must not contain/],
  ])('refuses %j, naming the variable and the value', (env, message) => {
    expect(problems(() => lambda(env))).toEqual([expect.stringMatching(message)]);
  });

  it('checks settings against each other', () => {
    expect(problems(() => lambda({ REPORT_RED_BELOW: '0.99' }))).toEqual([
      'REPORT_RED_BELOW (environment) / default: the red threshold (0.99) must not be above the yellow one (0.95)',
    ]);
  });

  it('requires the bucket and the region in the Lambda function, and reports both at once', () => {
    expect(problems(() => loadSettings({ env: {}, surface: 'lambda' }))).toEqual([
      'REPORT_BUCKET (environment): is required',
      'AWS_REGION (environment): is required',
    ]);
    expect(defaultSettings().aws.region).toBe('us-east-1');
  });

  it('takes flag over environment over file over default, and says where each value came from', () => {
    const loaded = loadSettings({
      env: { PLAN_SHARD_SIZE: '8', CONFIGREPORT_REGIONS: 'us-east-1', REPORT_PREFIX: 'env-prefix' },
      flags: { shardSize: '7', regions: 'eu-west-1' },
      file: {
        path: '/cfg/configreport.json',
        settings: { shard_size: 9, prefix: 'p', top_n: 3, region: 'ap-south-1' },
      },
      surface: 'cli',
    });
    expect(loaded.settings.plan.shardSize).toBe(7);
    expect(loaded.settings.batch.regions).toEqual(['eu-west-1']);
    expect(loaded.settings.store.prefix).toBe('env-prefix/');
    expect(loaded.settings.final.topN).toBe(3);
    expect(loaded.settings.aws.region).toBe('ap-south-1');
    expect(loaded.sources.shardSize).toEqual({ source: 'flag', origin: '--shard-size' });
    expect(loaded.sources.prefix).toEqual({ source: 'env', origin: 'REPORT_PREFIX (environment)' });
    expect(loaded.sources.topN).toEqual({ source: 'file', origin: 'top_n (/cfg/configreport.json)' });
    expect(loaded.sources.strict).toEqual({ source: 'default', origin: 'default' });
  });

  it('takes the stale threshold from --stale-days, REPORT_STALE_DAYS or the file, 7 by default', () => {
    const stale = (input: Pick<Parameters<typeof loadSettings>[0], 'env' | 'flags' | 'file'>) =>
      loadSettings({ surface: 'cli', ...input }).settings.final.staleDays;
    expect(stale({ env: {} })).toBe(7);
    expect(stale({ env: {}, file: { path: '/cfg/c.json', settings: { stale_days: 14 } } })).toBe(14);
    expect(stale({ env: { REPORT_STALE_DAYS: '30' } })).toBe(30);
    expect(stale({ env: { REPORT_STALE_DAYS: '30' }, flags: { staleDays: '2' } })).toBe(2);
  });

  it('defaults the regions to the hub region, wherever the hub region came from', () => {
    const loaded = loadSettings({ env: { AWS_DEFAULT_REGION: 'ap-southeast-2' }, surface: 'cli' });
    expect(loaded.settings.plan.regions).toEqual(['ap-southeast-2']);
    expect(loaded.settings.batch.regions).toEqual(['ap-southeast-2']);
  });

  it('gives every row an environment variable, a unique file key and at least one target', () => {
    const rows = Object.values(SETTINGS);
    const files = rows.map((row) => row.file);
    expect(new Set(files).size).toBe(files.length);
    const variables = rows.flatMap((row) => row.env);
    expect(new Set(variables).size).toBe(variables.length);
    for (const row of rows) {
      expect(row.env.length).toBeGreaterThan(0);
      expect(row.to.length).toBeGreaterThan(0);
      expect(row.description).not.toBe('');
    }
  });
});

describe('flags of the settings table', () => {
  it('names the commands of every flag, and gives a command only flags it has', () => {
    for (const [name, row] of Object.entries(SETTINGS) as [string, SettingRow][]) {
      if (row.flag === undefined) expect(row.commands, name).toBeUndefined();
      else expect(row.commands?.length ?? 0, name).toBeGreaterThan(0);
    }
  });
});
