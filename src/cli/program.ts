/**
 * The `configreport` command line (commander): commands, flags, help with examples, and one
 * place that turns outcomes and errors into output and exit codes.
 */
import { Command, CommanderError, Option } from 'commander';
import { addSimulatorFlags, type SimulatorFlags } from '../../simulator/flags.js';
import type { CliCommand, SettingRow } from '../app/settings/row.js';
import { SETTINGS } from '../app/settings/table.js';
import { commandAction, reportError } from './action.js';
import { type DemoFlags, demoCommand } from './commands/demo.js';
import { type DoctorFlags, doctorCommand } from './commands/doctor.js';
import { batchCommand, finalCommand, type PhaseFlags, planCommand } from './commands/phases.js';
import { runCommand } from './commands/run.js';
import { simCommand } from './commands/sim.js';
import type { OutputFlags } from './context.js';
import type { CliDeps } from './deps.js';
import { ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';

const VERSION = '0.1.0';

/** Adds the flags of every setting the table gives to this command (its `commands`). */
function addSettings(command: Command, name: CliCommand): Command {
  for (const spec of Object.values(SETTINGS) as SettingRow[]) {
    if (spec.flag === undefined || !spec.commands?.includes(name)) continue;
    const valueName = spec.kind === 'list' ? '<list>' : spec.kind === 'number' ? '<n>' : '<value>';
    command.addOption(
      new Option(spec.kind === 'bool' ? spec.flag : `${spec.flag} ${valueName}`, spec.description),
    );
    // Commander gives `--x` and `--no-x` one attribute, unset unless one of them is given.
    if (spec.negation !== undefined)
      command.addOption(
        new Option(spec.negation, `do not ${spec.description.replace(/ \(default[^)]*\)$/, '')}`),
      );
  }
  return command;
}

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

/** The root command: global flags, output wired to `io`, the overview help. */
function rootProgram(io: CliIo): Command {
  return new Command('configreport')
    .description('AWS Config compliance of a whole organization in one Excel workbook')
    .version(VERSION)
    .option('--json', 'print one JSON document on stdout (progress and logs stay on stderr)')
    .option('-q, --quiet', 'no progress and no warnings; print only the essential line')
    .option('-v, --verbose', 'also print info and debug logs')
    .option('--config <file>', 'JSON config file (default ./configreport.json when present)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      examples([
        'configreport demo                               # simulated org → ./out/demo/reports/ConfigRule_<date>.xlsx',
        'configreport run --regions us-east-1,eu-west-1  # your organization → ./out',
        'configreport run --bucket my-reports --strict   # to S3; exit 3 if coverage is incomplete',
        'configreport doctor                             # pre-flight: credentials, accounts, bucket, roles, Config',
        'configreport plan --accounts-file accounts.csv --shard-size 25',
        'echo \'{"group_id":"2024-05-01"}\' | configreport final --event -',
      ]) +
        '\nExit codes: 0 ok, 1 failed, 2 bad usage or input, 3 coverage problems with --strict,\n' +
        '4 setup failure (report written; e.g. every account denied the role), 130 interrupted.\n' +
        'Settings precedence: flag > environment > config file > default (docs/configuration.md).\n',
    );
}

/** Builds the program. `result.code` receives the exit code of the command that ran. */
export function buildProgram(io: CliIo, deps: CliDeps, result: { code: ExitCode }): Command {
  const program = rootProgram(io);
  const action = commandAction(io, deps, result);
  addCollectCommands(program, action);
  addSimCommand(program, io, deps, result);
  addDemoCommand(program, action);
  return program;
}

/** run, plan, batch, final and doctor: the commands that take settings as flags. */
function addCollectCommands(program: Command, action: ReturnType<typeof commandAction>): void {
  addSettings(
    program
      .command('run')
      .description('plan → collect every shard (in parallel, in-process) → write the workbook')
      .addHelpText(
        'after',
        examples([
          'configreport run                                   # Organizations → ./out',
          'configreport run --accounts-file accounts.json --out ./reports',
          'configreport run --bucket my-reports --prefix team/ --organizations-role-arn arn:aws:iam::111122223333:role/org-read',
        ]),
      ),
    'run',
  ).action(action((ctx) => runCommand(ctx)));

  addSettings(
    program
      .command('plan')
      .description('find the accounts and write plans/<group_id>/manifest.json')
      .option('--event <file>', 'plan event JSON (or - for stdin)')
      .addHelpText(
        'after',
        examples(['configreport plan --group-id 2024-05-01', 'configreport plan --event plan.json --json']),
      ),
    'plan',
  ).action(action((ctx, flags) => planCommand(ctx, flags as PhaseFlags)));

  addSettings(
    program
      .command('batch')
      .description('collect one shard into batches/<group_id>/<shard_id>.json')
      .option('--event <file>', 'batch event JSON, the Lambda event (or - for stdin)')
      .option('--shard-id <id>', 'shard of the plan to collect (without --event)')
      .addHelpText(
        'after',
        examples([
          'configreport batch --event shard-01.json',
          'configreport batch --group-id 2024-05-01 --shard-id 0001   # accounts from the plan',
        ]),
      ),
    'batch',
  ).action(action((ctx, flags) => batchCommand(ctx, flags as PhaseFlags)));

  addSettings(
    program
      .command('final')
      .description('merge the shards of a group into ConfigRule_<Date>.xlsx')
      .option('--event <file>', 'final event JSON (or - for stdin)')
      .addHelpText(
        'after',
        examples(['configreport final --group-id 2024-05-01', 'configreport final --event final.json']),
      ),
    'final',
  ).action(action((ctx, flags) => finalCommand(ctx, flags as PhaseFlags)));

  addSettings(
    program
      .command('doctor')
      .description('check credentials, accounts, the bucket, the read role and Config before a first run')
      .option('--sample <n>', 'accounts to try the read role and Config recorders in (default 5, 1-50)')
      .addHelpText(
        'after',
        examples([
          'configreport doctor',
          'configreport doctor --bucket my-reports --regions us-east-1,eu-west-1 --sample 10',
          'configreport doctor --accounts-file accounts.csv --json',
        ]) +
          '\nEach check prints ok / warn / FAIL / skip, and the fix under each that failed.\n' +
          'Exit codes: 0 every check passed, 1 a check failed, 2 bad usage.\n',
      ),
    'doctor',
  ).action(action((ctx, flags) => doctorCommand(ctx, flags as DoctorFlags)));
}

/** sim: the simulator alone, until SIGINT/SIGTERM. */
function addSimCommand(program: Command, io: CliIo, deps: CliDeps, result: { code: ExitCode }): void {
  addSimulatorFlags(
    program
      .command('sim')
      .description('start the local AWS simulator and print the variables that point SDKs at it')
      .addHelpText('after', examples(['configreport sim --accounts 100 --rate 5 --latency 30'])),
  ).action(async (_options: unknown, command: Command) => {
    const flags = command.optsWithGlobals<SimulatorFlags & OutputFlags>();
    try {
      result.code = await simCommand(io, deps, { json: flags.json === true }, flags);
    } catch (error) {
      result.code = reportError(io, flags.json === true, flags.verbose === true, error);
    }
  });
}

/** demo: its own flags, never the config file's values. */
function addDemoCommand(program: Command, action: ReturnType<typeof commandAction>): void {
  program
    .command('demo')
    .description('simulated organization → full run → workbook and summary (no AWS account needed)')
    .option('--accounts <n>', 'accounts in the simulated org, management included (default 40)')
    .option('--seed <n>', 'seed of the org (default 1)')
    .option('--deny <n>', 'accounts whose role cannot be assumed (default 2)')
    .option('--config-off <n>', 'accounts with AWS Config off (default 1)')
    .option('--recorder-stopped <n>', 'accounts whose recorder is stopped (default 0)')
    .option('--regions <list>', 'regions of the org (default us-east-1,eu-west-1)')
    .option('--rules <n>', 'Config rules per account-region (default 34, the whole simulated catalogue)')
    .option('--resources <n>', 'resources per account-region (default 40)')
    .option('--latency <ms>', 'simulated latency per call')
    .option('--rate <rps>', 'simulated Config rate limit per account-region (throttling)')
    .option('--error-rate <share>', 'share (0..1) of calls answered with a 5xx')
    .option('--out <dir>', 'output folder (default ./out/demo)')
    .option('--shard-size <n>', 'accounts per shard (default 10)')
    .option('--shard-concurrency <n>', 'shards collected at once (default 4)')
    .option('--group-id <id>', "report run id (default today's date)")
    .option('--strict', 'exit 3 when coverage is incomplete (it is, by design, with faults)')
    .addHelpText(
      'after',
      examples([
        'configreport demo',
        'configreport demo --accounts 200 --deny 5 --config-off 3 --rate 5',
        'configreport demo --json > demo.json',
      ]),
    )
    .action(action((ctx, flags) => demoCommand(ctx, flags as DemoFlags), { readConfigFile: false }));
}

/** Parses `argv` (without node and script) and runs the command. Resolves to the exit code. */
export async function runProgram(argv: string[], io: CliIo, deps: CliDeps): Promise<ExitCode> {
  const result: { code: ExitCode } = { code: ExitCode.Ok };
  const program = buildProgram(io, deps, result);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every parse error (unknown flag, missing value) is bad usage.
      if (error.exitCode === 0) return ExitCode.Ok;
      if (argv.includes('--json'))
        io.stdout.write(
          `${JSON.stringify({ ok: false, exit_code: ExitCode.Usage, error: { name: 'UsageError', message: error.message, details: [] } }, null, 2)}\n`,
        );
      return ExitCode.Usage;
    }
    return reportError(io, argv.includes('--json'), argv.includes('--verbose'), error);
  }
  return result.code;
}
