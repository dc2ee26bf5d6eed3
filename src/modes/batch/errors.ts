/**
 * Batch mode's errors. Invocation-level ones fail the shard (Step Functions may retry it); the
 * Config source's ones (raised by the adapter behind ports.ts, already translated from the SDK) never
 * escape: collectRegion turns them into statuses in the shard file, so one bad account never fails
 * the shard.
 */
import { ConfigReportError, ErrorKind, errorName, guardFor, isConfigReportError } from '../../core/errors.js';

/** The plan manifest has no shard with the event's `shard_id`: the event does not fit the plan. */
export class ShardNotInPlanError extends ConfigReportError {
  override readonly name = 'ShardNotInPlanError';
  readonly kind = ErrorKind.InvalidInput;
  constructor(
    readonly planKey: string,
    readonly shardId: string,
  ) {
    super(`plan manifest ${planKey} has no shard ${JSON.stringify(shardId)}`);
  }
}

/** The plan manifest is missing, unreadable, or belongs to another group. */
export class InvalidPlanError extends ConfigReportError {
  override readonly name = 'InvalidPlanError';
  readonly kind = ErrorKind.Failed;
  constructor(
    readonly planKey: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`plan manifest ${planKey}: ${reason}`, options);
  }
}

/** Neither the event, the plan nor the settings name a region (the caller defaults the settings). */
export class NoRegionsError extends ConfigReportError {
  override readonly name = 'NoRegionsError';
  readonly kind = ErrorKind.InvalidInput;
  constructor() {
    super('no region to read: the event and the plan name none, and settings.regions is empty');
  }
}

/** Raised (as an abort reason) when the deadline margin is reached. */
export class DeadlineReachedError extends ConfigReportError {
  override readonly name = 'DeadlineReachedError';
  readonly kind = ErrorKind.Interrupted;
  constructor(readonly remainingMs: number) {
    super(`deadline reached: ${Math.round(remainingMs)} ms left, stopping to write the shard`);
  }
}

/**
 * A failure of the Config source, as AWS named it: AWS's answer after every retry (throttling that
 * outlasted them, access denied to Config, a 5xx…), a network error, an abort. `awsErrorName` and the
 * message (AWS's own) are what the shard records. The two failures batch mode treats differently are
 * subclasses.
 */
export class ConfigSourceError extends ConfigReportError {
  override readonly name: string = 'ConfigSourceError';
  readonly kind = ErrorKind.Failed;
  constructor(
    /** AWS's error name (`ThrottlingException`, `AccessDeniedException`, `TimeoutError`…). */
    readonly awsErrorName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The spoke role may not be assumed (STS `AccessDenied`): the account-region is ASSUME_ROLE_DENIED. */
export class AssumeRoleDeniedError extends ConfigSourceError {
  override readonly name = 'AssumeRoleDeniedError';
  constructor(
    readonly accountId: string,
    awsErrorName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(awsErrorName, message, options);
  }
}

/** The rule was deleted between the rule list and the read of its evaluations (`NoSuchConfigRuleException`). */
export class RuleNotFoundError extends ConfigSourceError {
  override readonly name = 'RuleNotFoundError';
  constructor(
    readonly ruleName: string,
    awsErrorName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(awsErrorName, message, options);
  }
}

/** True for an {@link AssumeRoleDeniedError}. */
export const isAssumeRoleDeniedError = guardFor<AssumeRoleDeniedError>('AssumeRoleDeniedError');

/** True for a {@link RuleNotFoundError}. */
export const isRuleNotFoundError = guardFor<RuleNotFoundError>('RuleNotFoundError');

/** True for any failure of the Config source (its subclasses included). */
export function isConfigSourceError(error: unknown): error is ConfigSourceError {
  return isConfigReportError(error) && typeof (error as Partial<ConfigSourceError>).awsErrorName === 'string';
}

/**
 * The error name a shard records for a failure: AWS's name for the source's errors, else the
 * error's own name (an untranslated error is a bug, but it must still be named, not lost).
 */
export function failureName(error: unknown): string {
  return isConfigSourceError(error) ? error.awsErrorName : errorName(error);
}
