import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProgram } from '../../../src/cli/program.js';
import { bufferIo, fakeApp } from './fakeApp.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-program-'));
  await writeFile(join(dir, 'plan.json'), JSON.stringify({ mode: 'plan', group_id: 'g1', shard_size: 5 }));
  await writeFile(join(dir, 'final-mode.json'), JSON.stringify({ mode: 'final', group_id: 'g1' }));
  await writeFile(
    join(dir, 'bad-batch.json'),
    JSON.stringify({
      group_id: '../x',
      shard_id: '',
      role_name: 'r',
      accounts: [{ account_id: '1', account_name: 'a' }],
    }),
  );
  await writeFile(join(dir, 'accounts.csv'), 'account_id,account_name\n111111111111,a\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(
  argv: string[],
  options: Parameters<typeof bufferIo>[0] & { app?: Parameters<typeof fakeApp>[0] } = {},
) {
  const { deps, calls } = fakeApp(options.app);
  const { io, stdout, stderr } = bufferIo({ cwd: dir, ...options });
  const code = await runProgram(argv, io, deps);
  return { code, stdout: stdout.text, stderr: stderr.text, calls };
}

describe('usage', () => {
  it('prints help with examples and exit codes, exit 0', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Examples:\n {2}\$ configreport demo/);
    expect(top.stdout).toMatch(/Exit codes: 0 ok, 1 failed, 2 bad usage or input, 3 coverage problems/);
    const run = await cli(['run', '--help']);
    expect(run.stdout).toMatch(/--accounts-file <value>/);
    expect(run.stdout).toMatch(/\$ configreport run --accounts-file/);
  });

  it('rejects an unknown flag with a clear message and exit 2', async () => {
    const result = await cli(['run', '--shards', '3']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error: unknown option '--shards'/);
    expect(result.stderr).toMatch(/Did you mean --shard-size\?|run with --help/);
    expect(result.calls.apps).toHaveLength(0);
  });

  it('rejects an unknown command and a missing flag value with exit 2', async () => {
    expect((await cli(['frobnicate'])).code).toBe(2);
    const missing = await cli(['plan', '--event']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/option '--event <file>' argument missing/);
  });

  it('answers a parse error with a JSON document on stdout in --json mode', async () => {
    const result = await cli(['run', '--json', '--bogus']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      exit_code: 2,
      error: { name: 'UsageError' },
    });
  });

  it('rejects an invalid setting before any work, naming it', async () => {
    const result = await cli(['run', '--shard-size', '0'], { env: { AWS_REGION: 'nowhere' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--shard-size: must be between 1 and 1000/);
    expect(result.stderr).toMatch(
      /AWS_REGION \(environment\): "nowhere" is not a region name like us-east-1/,
    );
    expect(result.calls.apps).toHaveLength(0);
  });
});

describe('phase commands', () => {
  it('plan: event file fields kept, explicit flags override them, settings fill what is missing', async () => {
    const result = await cli(['plan', '--event', 'plan.json', '--group-id', 'g2', '--regions', 'eu-west-1'], {
      env: { PLAN_SHARD_SIZE: '9', CONFIGREPORT_ROLE_NAME: 'reader' },
    });
    expect(result.code).toBe(0);
    expect(result.calls.plan[0]?.event).toEqual({
      mode: 'plan',
      group_id: 'g2',
      shard_size: 5,
      regions: ['eu-west-1'],
      role_name: 'reader',
    });
    expect(result.stdout).toMatch(/Planned 4 accounts in 2 shard\(s\) from organizations; 1 skipped/);
    expect(result.stdout).toMatch(/Manifest: mem:\/\/plans\/g2\/manifest.json/);
  });

  it('plan: reads the event from stdin and the accounts file from --accounts-file', async () => {
    const result = await cli(['plan', '--event', '-', '--accounts-file', 'accounts.csv', '--json'], {
      stdin: '{"group_id": "from-stdin"}',
    });
    expect(result.code).toBe(0);
    expect(result.calls.plan[0]?.event.group_id).toBe('from-stdin');
    expect(result.calls.plan[0]?.supplied).toEqual({
      source: 'accounts-file',
      accounts: [{ account_id: '111111111111', account_name: 'a' }],
      skipped: [],
    });
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: true,
      command: 'plan',
      shard_ids: ['0001', '0002'],
    });
  });

  it('plan: warns about event fields outside the contract and accounts listed twice with other names', async () => {
    const result = await cli(['plan', '--event', '-'], {
      stdin: JSON.stringify({
        group_id: 'g',
        detail_type: 'Scheduled Event',
        accounts: [
          { account_id: '111111111111', account_name: 'a' },
          { account_id: '111111111111', account_name: 'b' },
        ],
      }),
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /warn: event fields outside the contract were ignored fields=\["detail_type"\]/,
    );
    expect(result.stderr).toMatch(
      /warn: account listed more than once .* account_id=111111111111 names=\["a","b"\]/,
    );
  });

  it('rejects a bad event naming every bad field, exit 2, before any work', async () => {
    const result = await cli(['batch', '--event', 'bad-batch.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/group_id: group_id may contain only/);
    expect(result.stderr).toMatch(/shard_id: shard_id must not be empty/);
    expect(result.stderr).toMatch(/accounts\[0\]\.account_id: account_id must be 12 digits/);
    expect(result.calls.apps).toHaveLength(0);
  });

  it('rejects an event whose mode is not the command, and invalid JSON', async () => {
    const wrong = await cli(['batch', '--event', 'final-mode.json']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/the event's mode is "final" but the command is "batch"/);
    const broken = await cli(['final', '--event', '-'], { stdin: '{"group_id":' });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/Event from stdin is not valid JSON/);
    const missing = await cli(['final', '--event', 'nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Event file nope.json cannot be read/);
  });

  it('batch: --shard-id reads the shard from the plan under the prefix; progress goes to stderr', async () => {
    const result = await cli(['batch', '--shard-id', '0002', '--prefix', 'team', '--group-id', 'g3']);
    expect(result.code).toBe(0);
    expect(result.calls.batch[0]).toEqual({
      mode: 'batch',
      group_id: 'g3',
      shard_id: '0002',
      role_name: 'configreport-read-role',
      plan_key: 'team/plans/g3/manifest.json',
    });
    expect(result.stderr).toMatch(/Shard 0002: 2\/2 accounts \(100%\)/);
    expect(result.stdout).toMatch(/Shard 0002: 2 accounts, 10 evaluations, 1 throttles/);
    expect(result.stdout).toMatch(/ASSUME_ROLE_DENIED\s+1/);
    const strict = await cli(['batch', '--shard-id', '0002', '--strict']);
    expect(strict.code).toBe(3);
  });

  it('batch: needs an event or a shard id', async () => {
    const result = await cli(['batch']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/batch needs --event <file\|-> or --shard-id <id>/);
  });

  it('final: defaults the group id to today and prints the summary', async () => {
    const result = await cli(['final']);
    expect(result.code).toBe(0);
    expect(result.calls.final[0]).toEqual({ mode: 'final', group_id: '2024-05-01' });
    expect(result.stdout).toMatch(/Overall\s+9\s+1\s+90\.0%/);
    expect(result.stdout).toMatch(/Report: mem:\/\/reports\/ConfigRule_2024-05-01.xlsx/);
  });
});

describe('run', () => {
  it('plans, collects every shard from the plan, writes the report; --json stdout is one JSON document', async () => {
    const result = await cli(['run', '--json', '--external-id', 'ext-123', '--tag-prefix', 'own.']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({
      ok: true,
      command: 'run',
      exit_code: 0,
      coverage_problems: 0,
      failed_shards: [],
      principal: 'arn:aws:sts::111111111111:assumed-role/ci/run',
    });
    expect(result.stderr).toMatch(/run: acting as arn:aws:sts::111111111111:assumed-role\/ci\/run/);
    expect(json.shards.map((s: { shard_id: string }) => s.shard_id)).toEqual(['0001', '0002']);
    expect(result.calls.batch.map((e) => e.plan_key)).toEqual([
      'plans/2024-05-01/manifest.json',
      'plans/2024-05-01/manifest.json',
    ]);
    expect(result.calls.batch[0]).toMatchObject({ external_id: 'ext-123', tag_prefix: 'own.' });
    expect(result.stderr).toMatch(/Collecting: 4\/4 accounts \(100%\)/);
    expect(result.stderr).toMatch(/plan: 4 accounts in 2 shard\(s\)/);
  });

  it('still writes the report when a shard fails, names it, and exits 3 only with --strict', async () => {
    const loose = await cli(['run'], { app: { failShard: '0002' } });
    expect(loose.code).toBe(0);
    expect(loose.calls.final).toHaveLength(1);
    expect(loose.stderr).toMatch(
      /error: shard failed; the report will list it as missing shard_id=0002 error_name=EIO/,
    );
    expect(loose.stdout).toMatch(/MISSING_SHARD\s+shard 0002/);
    const strict = await cli(['run', '--json'], {
      app: { failShard: '0002' },
      env: { CONFIGREPORT_STRICT: 'true' },
    });
    expect(strict.code).toBe(3);
    expect(JSON.parse(strict.stdout).failed_shards).toEqual([
      { shard_id: '0002', error_name: 'EIO', error_message: 'disk full' },
    ]);
  });

  it('exits 1 with the reason when the report cannot be written', async () => {
    const result = await cli(['run', '--json'], { app: { failFinal: true } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: bucket gone/);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      exit_code: 1,
      error: { message: 'bucket gone' },
    });
  });

  it('--quiet prints only the report path and no progress', async () => {
    const result = await cli(['run', '-q']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('mem://reports/ConfigRule_2024-05-01.xlsx\n');
    expect(result.stderr).toBe('');
  });

  it('uses the config file: settings and its env section reach the runtime', async () => {
    await writeFile(
      join(dir, 'team.json'),
      JSON.stringify({ prefix: 'from-file', shard_concurrency: 1, env: { REPORT_TOP_N: 3 } }),
    );
    const result = await cli(['run', '--config', 'team.json']);
    expect(result.code).toBe(0);
    expect(result.calls.apps[0]?.settings).toMatchObject({
      store: { prefix: 'from-file/' },
      run: { shardConcurrency: 1 },
      final: { topN: 3 },
    });
    expect(result.calls.batch[0]?.plan_key).toBe('from-file/plans/2024-05-01/manifest.json');
  });
});

describe('extracts', () => {
  it('--owner-extracts and --account-extracts switch the extracts on for final and run; off by default', async () => {
    const off = await cli(['final']);
    expect(off.calls.apps[0]?.settings.final).toMatchObject({ ownerExtracts: false, accountExtracts: false });
    for (const command of ['final', 'run']) {
      const on = await cli([command, '--owner-extracts', '--account-extracts']);
      expect(on.code).toBe(0);
      expect(on.calls.apps[0]?.settings.final).toMatchObject({ ownerExtracts: true, accountExtracts: true });
    }
  });
});

describe('demo and the config file', () => {
  it('ignores an invalid ./configreport.json (demo never uses its values); other commands still refuse it', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'cli-demo-config-'));
    try {
      await writeFile(join(cwd, 'configreport.json'), '{ "shard_size": "lots", ');
      const demo = await cli(['demo', '--accounts', '4', '--deny', '0', '--config-off', '0'], { cwd });
      // It got past settings to starting the simulator (which the unit tests' fake app refuses).
      expect(demo.stderr).toMatch(/no simulator in unit tests/);
      expect(demo.stderr).not.toMatch(/configreport\.json/);
      const run = await cli(['run'], { cwd });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/configreport\.json is not valid JSON/);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});

describe('the HTML summary switch', () => {
  it('is on by default, off with --no-html or REPORT_HTML=false, and --html wins over the environment', async () => {
    const html = async (argv: string[], env: Record<string, string> = {}) => {
      const result = await cli(['final', '--group-id', 'g1', ...argv], { env });
      expect(result.code, result.stderr).toBe(0);
      return result.calls.apps[0]!.settings.final.html;
    };
    expect(await html([])).toBe(true);
    expect(await html(['--no-html'])).toBe(false);
    expect(await html([], { REPORT_HTML: 'false' })).toBe(false);
    expect(await html(['--html'], { REPORT_HTML: 'false' })).toBe(true);
    expect(await html(['--no-html'], { REPORT_HTML: 'true' })).toBe(false);
  });

  it('lists both flags in the help of run and final, and prints the HTML summary path', async () => {
    for (const command of ['run', 'final']) {
      const help = await cli([command, '--help']);
      expect(help.stdout).toMatch(/--html +write the self-contained HTML summary/);
      expect(help.stdout).toMatch(/--no-html +do not write the self-contained HTML summary/);
    }
    const result = await cli(['final', '--group-id', 'g1']);
    expect(result.stdout).toContain('HTML summary: mem://reports/ConfigRule_2024-05-01.html\n');
  });
});
