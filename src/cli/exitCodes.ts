/**
 * Exit codes of `configreport`, one meaning each (documented in docs/cli.md), and the one table
 * that maps an error to its code: by the error's kind (src/core/errors.ts), never by its class.
 */
import { ConfigReportError, ErrorKind, isConfigReportError } from '../core/errors.js';

/**
 * 0 ok, 1 the run failed, 2 bad usage or input, 3 report written but coverage incomplete
 * (`--strict`), 4 report written but it describes a setup failure (always), 130/143 interrupted.
 */
export const ExitCode = {
  Ok: 0,
  Failed: 1,
  Usage: 2,
  CoverageProblems: 3,
  SetupFailure: 4,
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit code of each kind of error. */
export const EXIT_CODE_BY_KIND: Readonly<Record<ErrorKind, ExitCode>> = {
  [ErrorKind.InvalidInput]: ExitCode.Usage,
  [ErrorKind.Failed]: ExitCode.Failed,
  [ErrorKind.Interrupted]: ExitCode.Interrupted,
};

/** Bad usage or input (exit code 2): a flag, setting, event or file that does not fit. */
export class UsageError extends ConfigReportError {
  override readonly name = 'UsageError';
  readonly kind = ErrorKind.InvalidInput;

  constructor(message: string, details: readonly string[] = []) {
    super(message, { details });
  }
}

/** The exit code an error ends the process with: by kind for our errors, 1 for anything else. */
export function exitCodeFor(error: unknown): ExitCode {
  return isConfigReportError(error) ? EXIT_CODE_BY_KIND[error.kind] : ExitCode.Failed;
}
