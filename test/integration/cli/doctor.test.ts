/**
 * `configreport doctor` in-process against the simulator (STS, Organizations, Config and its S3
 * server): a healthy org passes every check; a wrong role name, a missing bucket, a stopped recorder,
 * a missing ExternalId, a role missing in some accounts and a bad accounts file are each named with
 * their fix. Also the errors of other commands that say what to do (no credentials, an unreachable
 * endpoint, an unknown bucket or region), `-v` naming the steps, and every client going through
 * HTTP_PROXY.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../simulator/index.js';
import { refusedPort } from '../../helpers/deadEndpoints.js';
import { runCli } from '../../helpers/runCli.js';
import { startTestProxy, type TestProxy } from '../../helpers/testProxy.js';

const EXTERNAL_ID = 'doctor-ext-1';
let sim: RunningSimulator;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({
    accounts: 10,
    seed: 3,
    regions: ['us-east-1', 'eu-west-1'],
    rulesPerRegion: 2,
    resourcesPerRegion: 4,
    externalId: EXTERNAL_ID,
  });
  dir = await mkdtemp(join(tmpdir(), 'cli-doctor-'));
});
afterAll(async () => {
  await sim?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

interface DoctorJson {
  ok: boolean;
  exit_code: number;
  caller: { arn: string } | null;
  sampled: { account_id: string; assumable: boolean | null }[];
  steps: { id: string; status: string; summary: string; details: string[]; fix: string[] }[];
}

function cli(argv: string[], env: Record<string, string | undefined> = {}) {
  return runCli(argv, {
    env: {
      ...sim.env,
      CONFIGREPORT_EXTERNAL_ID: EXTERNAL_ID,
      CONFIGREPORT_REGIONS: 'us-east-1,eu-west-1',
      CONFIGREPORT_RATE: '50',
      CONFIGREPORT_BURST: '50',
      ...env,
    },
    cwd: dir,
  });
}

async function doctor(argv: string[] = [], env: Record<string, string | undefined> = {}) {
  const result = await cli(['doctor', '--json', ...argv], env);
  const json = JSON.parse(result.stdout) as DoctorJson;
  const step = (id: string) => json.steps.find((s) => s.id === id)!;
  return { ...result, json, step };
}

describe('configreport doctor', () => {
  it('passes every check on a healthy simulated org, and prints who run acts as', async () => {
    const { code, json } = await doctor();
    expect(code).toBe(0);
    expect(json.ok).toBe(true);
    expect(json.steps.map((s) => [s.id, s.status])).toEqual([
      ['credentials', 'pass'],
      ['accounts', 'pass'],
      ['store', 'pass'],
      ['read-role', 'pass'],
      ['recorders', 'pass'],
      ['trust', 'pass'],
    ]);
    expect(json.caller?.arn).toBe(`arn:aws:iam::${sim.hubAccountId}:user/configreport-hub`);
    expect(json.sampled).toHaveLength(5);
    expect(json.sampled.every((a) => a.assumable === true)).toBe(true);
    // The probe object was deleted again.
    const text = await cli(['doctor']);
    expect(text.stdout).toMatch(
      /^ {2}ok {4}Report store +s3:\/\/configreport-test\/ reachable; probe written and deleted/m,
    );
    expect(text.stdout).toMatch(
      /run will act as arn:aws:iam::\d{12}:user\/configreport-hub\nAll checks passed\.\n$/,
    );
  });

  it('names a wrong role name with the three causes of AccessDenied, and the principal to trust', async () => {
    const { code, json, step } = await doctor(['--role-name', 'configreport-read-rol']);
    expect(code).toBe(1);
    expect(json.ok).toBe(false);
    expect(step('read-role')).toMatchObject({
      status: 'fail',
      summary: 'role configreport-read-rol with the ExternalId refused in 5 of 5 sampled accounts',
    });
    expect(step('read-role').fix.join('\n')).toMatch(
      /role missing: no role named configreport-read-rol in these accounts: deploy the spoke stack, or set --role-name/,
    );
    expect(step('recorders').status).toBe('skip');
    expect(step('trust').status).toBe('warn');
    expect(step('trust').fix[0]).toBe(
      `add arn:aws:iam::${sim.hubAccountId}:user/configreport-hub to the spoke role's trusted principals (the spoke stack trusts the hub role configreport-hub-role by default; docs/deploy.md),`,
    );
  });

  it('names a missing ExternalId among the causes', async () => {
    const { code, step } = await doctor([], { CONFIGREPORT_EXTERNAL_ID: undefined });
    expect(code).toBe(1);
    expect(step('read-role').fix.join('\n')).toMatch(
      /ExternalId mismatch: if the spoke stack was deployed with an ExternalId, set --external-id/,
    );
  });

  it('blames the spoke stack when the role is refused in some accounts only', async () => {
    const first = await doctor();
    const victim = first.json.sampled[1]!.account_id;
    sim.denyRole(victim, true);
    try {
      const { code, step } = await doctor();
      expect(code).toBe(1);
      expect(step('read-role').summary).toMatch(/refused in 1 of 5 sampled accounts/);
      expect(step('read-role').fix[0]).toMatch(new RegExp(`${victim} likely lack the spoke stack`));
      expect(step('trust').status).toBe('pass');
    } finally {
      sim.denyRole(victim, false);
    }
  });

  it('names a missing bucket with the bucket', async () => {
    const { code, step } = await doctor(['--bucket', 'no-such-reports']);
    expect(code).toBe(1);
    expect(step('store')).toMatchObject({
      status: 'fail',
      summary:
        's3://no-such-reports/: NoSuchBucketError: bucket "no-such-reports" does not exist (or is in another partition)',
    });
    expect(step('store').fix[0]).toMatch(
      /^bucket "no-such-reports" does not exist: fix --bucket \/ REPORT_BUCKET/,
    );
  });

  it('names a stopped recorder and a missing one, by account and region', async () => {
    sim.setRecorderRunning(sim.hubAccountId, 'eu-west-1', false);
    sim.setConfigEnabled(sim.hubAccountId, 'us-east-1', false);
    try {
      const { code, step } = await doctor();
      expect(code).toBe(1);
      const recorders = step('recorders');
      expect(recorders.status).toBe('fail');
      expect(recorders.summary).toBe(
        'recording in 8 of 10 account-regions (5 accounts × us-east-1, eu-west-1)',
      );
      expect(recorders.details).toEqual([
        expect.stringMatching(new RegExp(`^no recorder  ${sim.hubAccountId} .* us-east-1$`)),
        expect.stringMatching(new RegExp(`^stopped {6}${sim.hubAccountId} .* eu-west-1$`)),
      ]);
      expect(recorders.fix.join('\n')).toMatch(/aws configservice start-configuration-recorder/);
      expect(recorders.fix.join('\n')).toMatch(/no recorder: set up AWS Config/);
    } finally {
      sim.setRecorderRunning(sim.hubAccountId, 'eu-west-1', true);
      sim.setConfigEnabled(sim.hubAccountId, 'us-east-1', true);
    }
  });

  it('reads the accounts file instead of Organizations, and names its bad line', async () => {
    const ids = sim
      .accounts()
      .filter((a) => a.state === 'ACTIVE')
      .map((a) => a.accountId);
    await writeFile(join(dir, 'good.csv'), `# picked\naccount_id,account_name\n${ids[1]},a\n${ids[2]},b\n`);
    const good = await doctor(['--accounts-file', 'good.csv', '--out', 'local-out']);
    expect(good.code).toBe(0);
    expect(good.step('accounts').summary).toBe(`2 accounts in ${join(dir, 'good.csv')}`);
    expect(good.step('store').summary).toMatch(new RegExp(`^${join(dir, 'local-out')} reachable`));
    expect(await readdir(join(dir, 'local-out', 'plans'))).toEqual([]);
    await writeFile(join(dir, 'bad.csv'), `account_id,account_name\n${ids[1]},a\n\n12345,short\n`);
    const bad = await doctor(['--accounts-file', 'bad.csv']);
    expect(bad.code).toBe(1);
    expect(bad.step('accounts').fix).toContain('  line 4: account_id: account_id must be 12 digits');
    expect(bad.step('read-role').status).toBe('skip');
  });

  it('rejects a bad --sample as bad usage', async () => {
    const result = await cli(['doctor', '--sample', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--sample: must be a whole number between 1 and 50/);
  });
});

describe('errors that say what to do', () => {
  /** No credentials anywhere the SDK's default chain looks (and no instance metadata service). */
  function noCredentials(): Record<string, undefined> {
    for (const name of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])
      vi.stubEnv(name, '');
    vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'no-config'));
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'no-credentials'));
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    return { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined };
  }

  it('no credentials: the doctor and plan hint at AWS_PROFILE, aws sso login and the demo', async () => {
    const env = noCredentials();
    const checked = await doctor([], env);
    expect(checked.code).toBe(1);
    expect(checked.step('credentials').summary).toBe(
      'CredentialsProviderError: Could not load credentials from any providers',
    );
    expect(checked.step('credentials').fix[0]).toMatch(
      /set AWS_PROFILE .* run `aws sso login` .* `configreport demo`/,
    );
    expect(checked.json.steps.slice(1).map((s) => s.status)).toEqual([
      'skip',
      'skip',
      'skip',
      'skip',
      'skip',
    ]);
    const plan = await cli(['plan', '--out', 'o'], env);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/^error: Could not load credentials from any providers \(during plan\)$/m);
    expect(plan.stderr).toMatch(/^hint: no AWS credentials were found: set AWS_PROFILE/m);
  });

  it('an unreachable endpoint: the step and the endpoint are named, after two attempts', async () => {
    const endpoint = `http://127.0.0.1:${await refusedPort()}`;
    const plan = await cli(['plan', '--out', 'o', '--json'], { AWS_ENDPOINT_URL_ORGANIZATIONS: endpoint });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(
      new RegExp(
        `^error: cannot reach organizations at ${endpoint}: connection refused \\(ECONNREFUSED\\) \\(during plan\\)$`,
        'm',
      ),
    );
    expect(plan.stderr).toMatch(/^hint: nothing answered at http:\/\/127\.0\.0\.1:\d+: check the network/m);
    expect(JSON.parse(plan.stdout).error).toMatchObject({ name: 'EndpointUnreachableError', step: 'plan' });
    const checked = await doctor([], { AWS_ENDPOINT_URL_STS: endpoint });
    expect(checked.step('credentials').summary).toBe(
      `EndpointUnreachableError: cannot reach sts at ${endpoint}: connection refused (ECONNREFUSED)`,
    );
  });

  it('an unknown bucket is named; an unknown region is refused with a suggestion', async () => {
    const final = await cli(['final', '--group-id', 'g1', '--bucket', 'missing-reports']);
    expect(final.code).toBe(1);
    expect(final.stderr).toMatch(/\(during final\)$/m);
    expect(final.stderr).toMatch(
      /^hint: bucket "missing-reports" does not exist: fix --bucket \/ REPORT_BUCKET/m,
    );
    const region = await cli(['plan', '--regions', 'us-east-1,eu-wst-9']);
    expect(region.code).toBe(2);
    expect(region.stderr).toMatch(
      /--regions: "eu-wst-9" is not an AWS region the SDK knows \(did you mean eu-west-1\?\)/,
    );
  });

  it('-v logs each step as it starts', async () => {
    const result = await cli([
      'run',
      '-v',
      '--out',
      'verbose-out',
      '--group-id',
      'v1',
      '--regions',
      'us-east-1',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^debug: step: plan group_id=v1$/m);
    expect(result.stderr).toMatch(/^debug: step: batch 0001 group_id=v1 shard_id=0001$/m);
    expect(result.stderr).toMatch(/^debug: step: final group_id=v1$/m);
  });
});

describe('behind a proxy (HTTP_PROXY / NO_PROXY)', () => {
  let proxy: TestProxy;
  beforeAll(async () => {
    proxy = await startTestProxy();
  });
  afterAll(() => proxy?.close());

  it('sends every AWS call of the doctor and of run through the proxy, and none with NO_PROXY', async () => {
    const via = { HTTP_PROXY: proxy.url };
    const checked = await doctor([], via);
    expect(checked.code, checked.stderr).toBe(0);
    const aws = proxy.countFor(sim.endpoint); // STS, Organizations and Config share the endpoint
    const s3 = proxy.countFor(sim.s3Endpoint!);
    expect(aws).toBeGreaterThanOrEqual(1 + 1 + 5 + 5 * 2 * 2); // identity, list, 5 AssumeRole, recorders
    expect(s3).toBeGreaterThanOrEqual(3); // HeadBucket, PutObject, DeleteObject
    const run = await cli(
      ['run', '-q', '--out', 'proxied', '--group-id', 'p1', '--regions', 'us-east-1'],
      via,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(proxy.countFor(sim.endpoint)).toBeGreaterThan(aws + 10);
    // The same run into the simulator's bucket: the report bucket's S3 calls go through the proxy too.
    const s3Before = proxy.countFor(sim.s3Endpoint!);
    const toBucket = await cli(['run', '-q', '--group-id', 'p2', '--regions', 'us-east-1'], via);
    expect(toBucket.code, toBucket.stderr).toBe(0);
    expect(toBucket.stdout).toMatch(/^s3:\/\//);
    expect(proxy.countFor(sim.s3Endpoint!)).toBeGreaterThan(s3Before + 5);
    const before = proxy.countFor(sim.endpoint) + proxy.countFor(sim.s3Endpoint!);
    const direct = await doctor([], { ...via, NO_PROXY: '127.0.0.1' });
    expect(direct.code).toBe(0);
    expect(proxy.countFor(sim.endpoint) + proxy.countFor(sim.s3Endpoint!)).toBe(before);
  });
});
