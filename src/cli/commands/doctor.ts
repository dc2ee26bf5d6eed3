/**
 * `configreport doctor`: the pre-flight check a platform engineer runs before the first real run.
 * The checks live in src/modes/doctor.ts (built by src/app/doctor.ts, reached through
 * `CliDeps.openDoctor`); this command only renders them — one line per check, the details and the
 * fix (src/cli/hints.ts) under each that did not pass — and exits 1 when any failed.
 */
import { type DoctorReport, type DoctorStep, trustPrincipal } from '../../app/doctorFailures.js';
import { readAccountsFile } from '../accountsFile.js';
import type { CommandContext, CommandOutcome } from '../context.js';
import { ExitCode, UsageError } from '../exitCodes.js';
import { fixFor, type HintContext } from '../hints.js';
import { inStep } from '../steps.js';

/** Flags of `doctor`. */
export interface DoctorFlags {
  sample?: string;
}

/** Default and largest sample of accounts. */
export const DEFAULT_SAMPLE = 5;
const MAX_SAMPLE = 50;

function parseSample(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SAMPLE;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_SAMPLE)
    throw new UsageError(`Invalid settings: --sample: must be a whole number between 1 and ${MAX_SAMPLE}`, [
      `--sample: must be a whole number between 1 and ${MAX_SAMPLE}, got ${JSON.stringify(value)}`,
    ]);
  return n;
}

const MARK: Readonly<Record<DoctorStep['status'], string>> = {
  pass: 'ok  ',
  warn: 'warn',
  fail: 'FAIL',
  skip: 'skip',
};

/** Runs the checks and renders them. */
export async function doctorCommand(ctx: CommandContext, flags: DoctorFlags): Promise<CommandOutcome> {
  const sample = parseSample(flags.sample);
  const { settings, env } = ctx.resolved;
  const file = settings.run.accountsFile;
  const doctor = await ctx.deps.openDoctor(settings, { env, logger: ctx.logger, staticCredentials: true });
  ctx.cleanup.push(() => doctor.close());
  const report = await inStep(ctx.logger, 'doctor', { sample }, () =>
    doctor.run({
      sample,
      ...(file !== undefined ? { accountsFile: { path: file, read: () => readAccountsFile(file) } } : {}),
    }),
  );
  const context: HintContext = { bucket: settings.store.bucket, region: settings.aws.region };
  const exitCode = report.ok ? ExitCode.Ok : ExitCode.Failed;
  const failed = report.steps.filter((s) => s.status === 'fail').length;
  const verdict = report.ok ? 'All checks passed.' : `${failed} of ${report.steps.length} checks failed.`;
  return {
    exitCode,
    brief: verdict,
    json: {
      ok: report.ok,
      command: 'doctor',
      exit_code: exitCode,
      caller: report.caller ?? null,
      trust_principal: report.caller ? trustPrincipal(report.caller.arn) : null,
      sampled: report.sampled.map((a) => ({
        account_id: a.accountId,
        account_name: a.accountName,
        assumable: a.assumable ?? null,
      })),
      steps: report.steps.map((s) => ({
        id: s.id,
        title: s.title,
        status: s.status,
        summary: s.summary,
        details: s.details,
        fix: s.problem ? fixFor(s.problem, context) : [],
      })),
    },
    text: renderReport(report, context, ctx.output.verbose, {
      region: settings.aws.region,
      role: settings.run.roleName,
      regions: settings.batch.regions,
      verdict,
    }),
  };
}

/** The report as text: a line per check; details and fix under each that did not pass. */
export function renderReport(
  report: DoctorReport,
  context: HintContext,
  verbose: boolean,
  run: { region: string; role: string; regions: string[]; verdict: string },
): string {
  const width = Math.max(...report.steps.map((s) => s.title.length));
  const lines = [
    `Checking what run needs (hub region ${run.region}, role ${run.role}, regions ${run.regions.join(', ')}):`,
    '',
  ];
  for (const s of report.steps) {
    lines.push(`  ${MARK[s.status]}  ${s.title.padEnd(width)}  ${s.summary}`);
    if (s.status !== 'pass' || verbose) for (const d of s.details) lines.push(`        ${d}`);
    const fix = s.problem ? fixFor(s.problem, context) : [];
    for (const [i, f] of fix.entries()) lines.push(`        ${i === 0 ? 'fix: ' : '     '}${f}`);
  }
  lines.push('');
  if (report.caller) lines.push(`run will act as ${report.caller.arn}`);
  lines.push(run.verdict);
  return `${lines.join('\n')}\n`;
}
