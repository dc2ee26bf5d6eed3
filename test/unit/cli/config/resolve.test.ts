import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidSettingError } from '../../../../src/app/settings/InvalidSettingError.js';
import { loadConfigFile } from '../../../../src/cli/config/file.js';
import { resolveSettings } from '../../../../src/cli/config/resolve.js';
import { exitCodeFor } from '../../../../src/cli/exitCodes.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-settings-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = (settings: Record<string, unknown>, env: Record<string, string> = {}) => ({
  path: join(dir, 'sub', 'configreport.json'),
  settings,
  env,
});

describe('settings precedence: flag > environment > config file > default', () => {
  it('takes each setting from the highest source that sets it', () => {
    const resolved = resolveSettings(
      { shardSize: '7', regions: 'eu-west-1' },
      { PLAN_SHARD_SIZE: '8', CONFIGREPORT_REGIONS: 'us-east-1', REPORT_PREFIX: 'env-prefix' },
      file({ shard_size: 9, prefix: 'file-prefix', bucket: 'file-bucket', region: 'ap-south-1' }),
      '/work',
    );
    expect(resolved.settings).toMatchObject({
      plan: { shardSize: 7, regions: ['eu-west-1'] },
      store: { prefix: 'env-prefix/', bucket: 'file-bucket', out: '/work/out' },
      aws: { region: 'ap-south-1' },
      run: { shardConcurrency: 4, strict: false },
    });
    expect(resolved.sources.shardSize).toEqual({ source: 'flag', origin: '--shard-size' });
    expect(resolved.sources.prefix).toEqual({ source: 'env', origin: 'REPORT_PREFIX (environment)' });
    expect(resolved.sources.bucket?.source).toBe('file');
    expect(resolved.sources.strict?.source).toBe('default');
  });

  it('uses the first environment variable of a setting that is set, ignoring blank ones', () => {
    const resolved = resolveSettings(
      {},
      { AWS_REGION: ' ', AWS_DEFAULT_REGION: 'eu-central-1' },
      undefined,
      '/',
    );
    expect(resolved.settings.aws.region).toBe('eu-central-1');
  });

  it('parses switches and booleans from every source', () => {
    expect(resolveSettings({ strict: true }, {}, undefined, '/').settings.run.strict).toBe(true);
    expect(resolveSettings({}, { CONFIGREPORT_STRICT: 'yes' }, undefined, '/').settings.run.strict).toBe(
      true,
    );
    expect(resolveSettings({}, {}, file({ strict: true }), '/').settings.run.strict).toBe(true);
  });

  it('makes paths from the config file relative to the file, others relative to the cwd', () => {
    const fromFile = resolveSettings({}, {}, file({ out: 'reports', accounts_file: '../a.csv' }), '/cwd');
    expect(fromFile.settings.store.out).toBe(join(dir, 'sub', 'reports'));
    expect(fromFile.settings.run.accountsFile).toBe(join(dir, 'a.csv'));
    const fromFlag = resolveSettings({ out: 'x' }, {}, file({ out: 'reports' }), '/cwd');
    expect(fromFlag.settings.store.out).toBe('/cwd/x');
  });

  it('puts the config file env section under the real environment', () => {
    const resolved = resolveSettings(
      {},
      { REPORT_RED_BELOW: '0.5' },
      file({}, { REPORT_RED_BELOW: '0.7', REPORT_YELLOW_BELOW: '0.9' }),
      '/',
    );
    expect(resolved.env.REPORT_RED_BELOW).toBe('0.5');
    expect(resolved.env.REPORT_YELLOW_BELOW).toBe('0.9');
    expect(resolved.settings.final.thresholds).toEqual({ red: 0.5, yellow: 0.9 });
    expect(resolved.sources.yellowBelow?.origin).toBe('REPORT_YELLOW_BELOW (environment)');
  });

  it('reports every bad value at once, naming the flag, variable or file key', () => {
    let error: unknown;
    try {
      resolveSettings(
        { shardSize: 'ten', region: 'moon' },
        { CONFIGREPORT_SHARD_CONCURRENCY: '0', REPORT_PREFIX: 'a/../b' },
        file({ bucket: 'Not_A_Bucket', group_id: 'a/b' }),
        '/',
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidSettingError);
    expect(exitCodeFor(error)).toBe(2);
    const details = (error as InvalidSettingError).details;
    expect(details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^--shard-size: /),
        expect.stringMatching(/^--region: "moon" is not a region name like us-east-1/),
        expect.stringMatching(/^CONFIGREPORT_SHARD_CONCURRENCY \(environment\): must be between 1 and 64/),
        expect.stringMatching(/^REPORT_PREFIX \(environment\): must not contain/),
        expect.stringMatching(/^bucket \(.*configreport\.json\): "Not_A_Bucket" is not an S3 bucket name/),
        expect.stringMatching(/^group_id \(.*\): "a\/b" may contain only/),
      ]),
    );
  });
});

describe('config file', () => {
  it('is optional: no named file and no ./configreport.json gives none', async () => {
    expect(await loadConfigFile(undefined, {}, dir)).toBeUndefined();
  });

  it('reads ./configreport.json, or the file named by CONFIGREPORT_CONFIG, or --config', async () => {
    await writeFile(
      join(dir, 'configreport.json'),
      JSON.stringify({ bucket: 'b1', env: { REPORT_TOP_N: 5 } }),
    );
    await writeFile(join(dir, 'other.json'), JSON.stringify({ bucket: 'b2' }));
    expect(await loadConfigFile(undefined, {}, dir)).toMatchObject({
      settings: { bucket: 'b1' },
      env: { REPORT_TOP_N: '5' },
    });
    expect((await loadConfigFile(undefined, { CONFIGREPORT_CONFIG: 'other.json' }, dir))?.settings).toEqual({
      bucket: 'b2',
    });
    expect((await loadConfigFile('other.json', {}, dir))?.path).toBe(join(dir, 'other.json'));
  });

  it.each([
    ['missing.json', undefined, /cannot be read/],
    ['bad.json', '{ not json', /is not valid JSON/],
    ['unknown.json', '{"bukket": "x"}', /unknown keys bukket/],
    ['badenv.json', '{"env": {"lower-case": "x"}}', /env keys must be environment variable names/],
  ])('rejects %s clearly', async (name, content, message) => {
    if (content !== undefined) await writeFile(join(dir, name), content);
    await expect(loadConfigFile(name, {}, dir)).rejects.toThrow(message);
  });
});

describe('store choice', () => {
  it('an explicit --out beats a bucket from the environment or file; both as flags is an error', () => {
    const local = resolveSettings({ out: 'here' }, { REPORT_BUCKET: 'env-bucket' }, undefined, '/cwd');
    expect(local.settings.store.bucket).toBeUndefined();
    expect(local.settings.store.out).toBe('/cwd/here');
    const remote = resolveSettings(
      {},
      { REPORT_BUCKET: 'env-bucket', CONFIGREPORT_OUT: 'x' },
      undefined,
      '/cwd',
    );
    expect(remote.settings.store.bucket).toBe('env-bucket');
    expect(() => resolveSettings({ out: 'a', bucket: 'my-bucket' }, {}, undefined, '/')).toThrow(
      /--bucket and --out exclude each other/,
    );
  });
});
