/**
 * How `final`, `run` and `demo` end once the report question is settled: a setup failure exits 4
 * with the message on stderr in every output mode; a group without shards exits 1 with the error.
 */
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/cli/exitCodes.js';
import { runProgram } from '../../../src/cli/program.js';
import { renderSummary } from '../../../src/cli/render.js';
import { NoShardsError } from '../../../src/modes/final/errors.js';
import { bufferIo, fakeApp } from './fakeApp.js';

async function cli(argv: string[], app: Parameters<typeof fakeApp>[0] = {}) {
  const { deps } = fakeApp(app);
  const { io, stdout, stderr } = bufferIo();
  const code = await runProgram(argv, io, deps);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('a setup failure', () => {
  it('is its own exit code', () => {
    expect(ExitCode.SetupFailure).toBe(4);
    expect(new Set(Object.values(ExitCode)).size).toBe(Object.values(ExitCode).length);
  });

  it.each([
    ['final', ['final', '--group-id', '2024-05-01']],
    ['run', ['run']],
  ])(
    '%s: exit 4 (without --strict), the message and causes on stderr, the summary leads with it',
    async (_c, argv) => {
      const result = await cli(argv, { setupFailure: true });
      expect(result.code).toBe(4);
      expect(result.stderr).toContain(
        'error: Setup failure: 4 of 4 account-regions (100%) denied sts:AssumeRole.\n' +
          '  Likely causes:\n    - the role name differs\n    - the ExternalId differs\n',
      );
      expect(result.stderr).toContain(
        'says so at the top of its Summary sheet: mem://reports/ConfigRule_2024-05-01.xlsx',
      );
      expect(result.stdout.startsWith('Setup failure: 4 of 4 account-regions')).toBe(true);
    },
  );

  it('--json: ok false, exit_code 4, the setup failure in the summary; --quiet still tells on stderr', async () => {
    const json = await cli(['final', '--group-id', '2024-05-01', '--json'], { setupFailure: true });
    expect(json.code).toBe(4);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ ok: false, exit_code: 4, command: 'final' });
    expect(doc.summary.setup_failure.likely_causes).toHaveLength(2);
    expect(doc.report).toMatchObject({
      manifest: 'mem://reports/ConfigRule_2024-05-01.manifest.json',
      run_id: '20240501T070000000Z-00000000',
    });
    const quiet = await cli(['run', '-q', '--strict'], { setupFailure: true });
    expect(quiet.code).toBe(4);
    expect(quiet.stdout).toBe('mem://reports/ConfigRule_2024-05-01.xlsx\n');
    expect(quiet.stderr).toMatch(/^error: Setup failure/);
  });

  it('a healthy report renders no setup lines and keeps exit 0', async () => {
    const result = await cli(['final', '--group-id', '2024-05-01']);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('Setup failure');
    expect(
      renderSummary(
        {
          overall: { evaluations: 0, compliant: 0, non_compliant: 0, compliance_ratio: null },
          environments: [],
          worst_accounts: [],
          shards: { listed: 1, expected: null, accepted: 1, rejected: 0, missing: 0 },
          coverage: { problems: [], missing_shards: [] },
          thresholds: { red_below: 0.8, yellow_below: 0.95 },
        },
        '/r.xlsx',
      ).startsWith('Compliance'),
    ).toBe(true);
  });
});

describe('a group without shards', () => {
  it('exits 1 with the error naming the group and where final mode looked', async () => {
    const error = new NoShardsError(
      'No shard accepted for group "adhoc": found no file under mem://batches/adhoc/; no plan for this group.',
    );
    const result = await cli(['final', '--group-id', 'adhoc', '--json'], { failFinal: error });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: No shard accepted for group "adhoc"');
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      exit_code: 1,
      error: { name: 'NoShardsError' },
    });
  });
});
