/**
 * Invocation-level failures of batch mode (they fail the shard; Step Functions may retry it).
 * Per-account problems are never thrown: they become statuses in the shard file.
 */

/** The plan manifest has no shard with the event's `shard_id`. */
export class ShardNotInPlanError extends Error {
  override readonly name = 'ShardNotInPlanError';
  constructor(
    readonly planKey: string,
    readonly shardId: string,
  ) {
    super(`plan manifest ${planKey} has no shard ${JSON.stringify(shardId)}`);
  }
}

/** The plan manifest is missing, unreadable, or belongs to another group. */
export class InvalidPlanError extends Error {
  override readonly name = 'InvalidPlanError';
  constructor(
    readonly planKey: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`plan manifest ${planKey}: ${reason}`, options);
  }
}

/** Raised (as an abort reason) when the deadline margin is reached. */
export class DeadlineReachedError extends Error {
  override readonly name = 'DeadlineReachedError';
  constructor(readonly remainingMs: number) {
    super(`deadline reached: ${Math.round(remainingMs)} ms left, stopping to write the shard`);
  }
}

/** True for the errors above, by name (bundling keeps `name` but may mangle class names). */
export function isBatchInvocationError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'ShardNotInPlanError' || name === 'InvalidPlanError';
}
