/**
 * plan → every shard (concurrently, bounded, in-process) → final: what `run` and `demo` do.
 * A shard that fails is logged and named; the report is still written and lists it as missing.
 */
import pLimit from 'p-limit';
import type { App, SuppliedAccounts } from '../app/types.js';
import type { BatchWireResult, FinalWireResult, PlanWireResult } from '../app/wire.js';
import { compareText } from '../core/compare.js';
import { errorMessage, errorName } from '../core/errors.js';
import type { BatchEvent, FinalEvent, PlanEvent } from '../core/event.js';
import { parseEvent } from '../core/event.js';
import type { CommandContext } from './context.js';
import { withScratchDir } from './scratch.js';

/** What the pipeline needs beyond the runtime. */
export interface PipelineInput {
  plan: PlanEvent;
  supplied?: SuppliedAccounts;
  shardConcurrency: number;
  externalId?: string;
  tagPrefix?: string;
}

/** A shard that ended in an exception instead of a shard file. */
export interface FailedShard {
  shard_id: string;
  error_name: string;
  error_message: string;
}

/** Everything the pipeline did. */
export interface PipelineResult {
  plan: PlanWireResult;
  shards: BatchWireResult[];
  failed_shards: FailedShard[];
  report: FinalWireResult;
}

/** Writes a phase headline on stderr (not in `--quiet`). */
export function note(ctx: Pick<CommandContext, 'output' | 'progress'>, text: string): void {
  if (!ctx.output.quiet) ctx.progress.log(text);
}

/** Runs the whole pipeline. Throws only when the plan or the report cannot be produced. */
export async function runPipeline(
  ctx: Pick<CommandContext, 'output' | 'progress' | 'logger'>,
  app: App,
  input: PipelineInput,
): Promise<PipelineResult> {
  const plan = await app.plan(input.plan, input.supplied);
  note(
    ctx,
    `plan: ${plan.accounts_count} accounts in ${plan.shard_ids.length} shard(s), ${plan.skipped_count} skipped` +
      `${plan.tag_failures > 0 ? `, ${plan.tag_failures} without tags` : ''}` +
      `${plan.ou_failures > 0 ? `, ${plan.ou_failures} without OU path` : ''} → ${app.describe(plan.plan_key)}`,
  );

  const shards: BatchWireResult[] = [];
  const failed: FailedShard[] = [];
  ctx.progress.start('Collecting', plan.accounts_count);
  try {
    const limit = pLimit(input.shardConcurrency);
    await Promise.all(
      plan.shard_ids.map((shardId) =>
        limit(async () => {
          const event = parseEvent({
            mode: 'batch',
            group_id: plan.group_id,
            shard_id: shardId,
            role_name: plan.role_name,
            plan_key: plan.plan_key,
            ...(input.externalId !== undefined ? { external_id: input.externalId } : {}),
            ...(input.tagPrefix !== undefined ? { tag_prefix: input.tagPrefix } : {}),
          }) as BatchEvent;
          try {
            shards.push(
              await app.batch(event, {
                onProgress: (e) => {
                  if (e.kind === 'account-done') ctx.progress.increment();
                  else if (e.kind === 'throttled') ctx.progress.throttled();
                },
              }),
            );
          } catch (error) {
            const name = errorName(error);
            const message = errorMessage(error);
            failed.push({ shard_id: shardId, error_name: name, error_message: message });
            ctx.logger.error('shard failed; the report will list it as missing', {
              shard_id: shardId,
              error_name: name,
              error_message: message,
            });
          }
        }),
      ),
    );
  } finally {
    ctx.progress.stop();
  }
  shards.sort((a, b) => compareText(a.shard_id, b.shard_id));
  failed.sort((a, b) => compareText(a.shard_id, b.shard_id));

  note(ctx, `final: merging ${shards.length} shard(s) into the workbook`);
  const finalEvent = parseEvent({ mode: 'final', group_id: plan.group_id }) as FinalEvent;
  const report = await withScratchDir((tempDir) => app.final(finalEvent, { tempDir }));
  return { plan, shards, failed_shards: failed, report };
}
