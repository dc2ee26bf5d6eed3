/**
 * Exit codes of `configreport`, one meaning each (documented in docs/cli.md):
 * 0 ok, 1 the run failed, 2 bad usage or input, 3 report written but coverage is incomplete and
 * `--strict` was given, 130 interrupted.
 */
export const ExitCode = {
  Ok: 0,
  Failed: 1,
  Usage: 2,
  CoverageProblems: 3,
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error that carries the exit code it should end the process with. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

/** Bad usage or input (exit code 2): a flag, setting, event or file that does not fit. */
export class UsageError extends CliError {
  constructor(message: string, details: string[] = []) {
    super(message, ExitCode.Usage, details);
    this.name = 'UsageError';
  }
}
