/**
 * The errors final mode raises on purpose. Each fails the run (kind `failed`), so the Lambda
 * invocation errors, the Step Functions execution fails and the alarms fire; the CLI exits non-zero.
 */
import { ConfigReportError, ErrorKind, errorMessage, errorName, guardFor } from '../../core/errors.js';

/**
 * No shard of the group could be used (none listed, or every one rejected). Raised before anything
 * is written: an empty workbook must never replace a real one, and "no data" is not a report.
 */
export class NoShardsError extends ConfigReportError {
  override readonly name = 'NoShardsError';
  readonly kind = ErrorKind.Failed;
}

/** True for a {@link NoShardsError}, also one from another bundle copy. */
export const isNoShardsError = guardFor<NoShardsError>('NoShardsError');

/**
 * A shard that exists could not be read, after retries (a body cut mid-stream, a 5xx after the
 * SDK's own retries). The run fails rather than report the shard as missing: its data exists, and a
 * rerun (Step Functions retries final) can read it. `key` names the shard file.
 */
export class ShardReadError extends ConfigReportError {
  override readonly name = 'ShardReadError';
  readonly kind = ErrorKind.Failed;

  constructor(
    readonly key: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(
      `Could not read shard ${key} after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${errorName(cause)}: ${errorMessage(cause)}`,
      { cause },
    );
  }
}

/** True for a {@link ShardReadError}, also one from another bundle copy. */
export const isShardReadError = guardFor<ShardReadError>('ShardReadError');

/**
 * The report was published, but it describes a set-up problem rather than the organization (for
 * example every account denied `sts:AssumeRole`). Raised by the Lambda handler after publishing, so
 * the execution fails and alarms; the CLI exits 4 instead. `details` carries the likely causes.
 */
export class SetupFailureError extends ConfigReportError {
  override readonly name = 'SetupFailureError';
  readonly kind = ErrorKind.Failed;
}

/** True for a {@link SetupFailureError}, also one from another bundle copy. */
export const isSetupFailureError = guardFor<SetupFailureError>('SetupFailureError');

/**
 * The accepted exceptions file (`REPORT_EXCEPTIONS`) is missing or invalid. Raised before anything
 * is written (kind `invalid-input`: the CLI exits 2, the Lambda invocation fails): a report that
 * silently dropped the exceptions would turn red for findings the team accepted. `details` names
 * every bad field (`exceptions[3].expires: not a date YYYY-MM-DD`).
 */
export class InvalidExceptionsError extends ConfigReportError {
  override readonly name = 'InvalidExceptionsError';
  readonly kind = ErrorKind.InvalidInput;
}

/** True for an {@link InvalidExceptionsError}, also one from another bundle copy. */
export const isInvalidExceptionsError = guardFor<InvalidExceptionsError>('InvalidExceptionsError');
