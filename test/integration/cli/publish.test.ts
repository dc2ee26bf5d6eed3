/**
 * The measured failures, through the real CLI against the simulator into a local folder: a wrong
 * role name exits 4 with the reason (the report still written), and `final` with an ad-hoc or
 * mistyped group id never replaces the day's report.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../simulator/index.js';
import { runCli } from '../../helpers/runCli.js';

let sim: RunningSimulator;
let dir: string;
const DAY = '2024-08-01';

beforeAll(async () => {
  sim = await startSimulator({
    accounts: 5,
    seed: 9,
    regions: ['us-east-1'],
    rulesPerRegion: 3,
    resourcesPerRegion: 6,
    s3: false,
  });
  dir = await mkdtemp(join(tmpdir(), 'cli-publish-'));
  const members = sim.accounts().filter((a) => a.state === 'ACTIVE' && a.accountId !== sim.hubAccountId);
  await writeFile(
    join(dir, 'accounts.csv'),
    ['account_id,account_name', ...members.map((a) => `${a.accountId},${a.name}`)].join('\n'),
  );
}, 60_000);

afterAll(async () => {
  await sim?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function cli(argv: string[]) {
  return runCli(argv, { env: { ...sim.env, CONFIGREPORT_RATE: '50', CONFIGREPORT_BURST: '50' }, cwd: dir });
}

describe('publishing through the CLI', () => {
  it('a wrong role name: exit 4, the reason on stderr, the report written and saying so', async () => {
    const run = await cli([
      ...['run', '--accounts-file', 'accounts.csv', '--out', 'wrong-role', '--group-id', DAY],
      ...['--role-name', 'configreport-reader', '--json'],
    ]);
    expect(run.code, run.stderr).toBe(4);
    expect(run.stderr).toMatch(
      /error: Setup failure: \d+ of \d+ account-regions \(100%\) denied sts:AssumeRole/,
    );
    expect(run.stderr).toContain('the role name differs from the spoke role');
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ ok: false, exit_code: 4 });
    expect(json.summary.setup_failure).toMatchObject({ reason: 'access-denied-share', denied_share: 1 });
    expect((await stat(json.report.xlsx)).size).toBeGreaterThan(1000);
    expect(json.report.xlsx).toBe(join(dir, 'wrong-role', 'reports', `ConfigRule_${DAY}.xlsx`));
  });

  it('final with an ad-hoc or mistyped group id leaves the day report as it was', async () => {
    const day = await cli([
      'run',
      '--accounts-file',
      'accounts.csv',
      '--out',
      'out',
      '--group-id',
      DAY,
      '-q',
    ]);
    expect(day.code, day.stderr).toBe(0);
    const report = join(dir, 'out', 'reports', `ConfigRule_${DAY}.xlsx`);
    expect(day.stdout).toBe(`${report}\n`);
    const before = await readFile(report);

    const typo = await cli(['final', '--out', 'out', '--group-id', '2024-08-10']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain(
      `error: No shard accepted for group "2024-08-10": found no file under ${join(dir, 'out')}/batches/2024-08-10/`,
    );
    expect(typo.stdout).toBe('');

    const adhoc = await cli(['final', '--out', 'out', '--group-id', 'adhoc']);
    expect(adhoc.code).toBe(1);
    expect(adhoc.stderr).toContain('No shard accepted for group "adhoc"');
    expect(await readFile(report)).toEqual(before);
  });
});
