/**
 * `configreport plan | batch | final`: one phase each, taking the Lambda's event JSON
 * (`--event <file>` or `--event -` for stdin), or an event built from flags and settings.
 */
import type { BatchWireResult } from '../../app/wire.js';
import type { BatchEvent, FinalEvent, PlanEvent } from '../../core/event.js';
import { planKey } from '../../core/keys.js';
import { coverageProblemCount } from '../../report/summaryText.js';
import { readAccountsFile } from '../accountsFile.js';
import { type CommandContext, type CommandOutcome, openApp } from '../context.js';
import { applySettingsToEvent, defaultGroupId } from '../eventFields.js';
import { eventForCommand, readEventJson } from '../eventInput.js';
import { ExitCode, UsageError } from '../exitCodes.js';
import { note } from '../pipeline.js';
import { table } from '../render.js';
import { withScratchDir } from '../scratch.js';
import { reportFiles, reportOutcome } from './reportOutcome.js';

/** Options of the phase commands. */
export interface PhaseFlags {
  event?: string;
  shardId?: string;
}

/** The event from `--event`, else a skeleton with today's group id (settings fill the rest). */
async function baseEvent(ctx: CommandContext, flags: PhaseFlags): Promise<Record<string, unknown>> {
  if (flags.event === undefined) return { group_id: defaultGroupId(ctx.deps.now()) };
  const raw = await readEventJson(flags.event, ctx.io.stdin, ctx.io.cwd);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new UsageError('Invalid event: (event): must be a JSON object', ['(event): must be a JSON object']);
  return raw as Record<string, unknown>;
}

/** `plan`: writes the manifest and prints the shard ids. */
export async function planCommand(ctx: CommandContext, flags: PhaseFlags): Promise<CommandOutcome> {
  const raw = await baseEvent(ctx, flags);
  const event = eventForCommand(
    applySettingsToEvent(raw, 'plan', ctx.resolved),
    'plan',
    {},
    ctx.logger.warn,
  ) as PlanEvent;
  const file = ctx.resolved.settings.run.accountsFile;
  const supplied = file ? { source: 'accounts-file' as const, ...(await readAccountsFile(file)) } : undefined;
  const app = await openApp(ctx);
  const result = await app.plan(event, supplied);
  const where = app.describe(result.plan_key);
  const ids = result.shard_ids;
  const shown =
    ids.length <= 12 ? ids.join(' ') : `${ids.slice(0, 6).join(' ')} … ${ids.slice(-3).join(' ')}`;
  return {
    exitCode: ExitCode.Ok,
    brief: where,
    json: { ok: true, command: 'plan', ...result, manifest: where },
    text:
      `Planned ${result.accounts_count} accounts in ${ids.length} shard(s) from ${result.source}; ` +
      `${result.skipped_count} skipped${result.tag_failures > 0 ? `, ${result.tag_failures} without tags` : ''}` +
      `${result.ou_failures > 0 ? `, ${result.ou_failures} without OU path` : ''}.\n` +
      `Regions: ${result.regions.join(', ')}   Role: ${result.role_name}\n` +
      `Shards: ${shown || '(none)'}\nManifest: ${where}\n`,
  };
}

/** `batch`: collects one shard. */
export async function batchCommand(ctx: CommandContext, flags: PhaseFlags): Promise<CommandOutcome> {
  const { settings } = ctx.resolved;
  let raw: Record<string, unknown>;
  if (flags.event !== undefined) {
    raw = await baseEvent(ctx, flags);
    if (flags.shardId !== undefined) raw = { ...raw, shard_id: flags.shardId };
  } else {
    if (flags.shardId === undefined)
      throw new UsageError(
        'batch needs --event <file|-> or --shard-id <id> (to read the shard from the plan)',
      );
    const groupId = settings.run.groupId ?? defaultGroupId(ctx.deps.now());
    raw = {
      group_id: groupId,
      shard_id: flags.shardId,
      role_name: settings.run.roleName,
      plan_key: planKey(settings.store.prefix, groupId),
    };
  }
  const event = eventForCommand(
    applySettingsToEvent(raw, 'batch', ctx.resolved),
    'batch',
    {},
    ctx.logger.warn,
  ) as BatchEvent;
  const app = await openApp(ctx);
  let outcome: BatchWireResult;
  try {
    outcome = await app.batch(event, {
      onProgress: (e) => {
        if (e.kind === 'start') ctx.progress.start(`Shard ${event.shard_id}`, e.accounts);
        else if (e.kind === 'account-done') ctx.progress.increment();
        else if (e.kind === 'throttled') ctx.progress.throttled();
      },
    });
  } finally {
    ctx.progress.stop();
  }
  const where = app.describe(outcome.key);
  const notOk = Object.entries(outcome.status_counts).filter(([status, n]) => status !== 'OK' && n > 0);
  const exitCode = settings.run.strict && notOk.length > 0 ? ExitCode.CoverageProblems : ExitCode.Ok;
  const statuses = table(
    ['Status', ' Account-regions'],
    Object.entries(outcome.status_counts)
      .filter(([, n]) => n > 0)
      .map(([status, n]) => [status, String(n)]),
  );
  return {
    exitCode,
    brief: where,
    json: { ok: true, command: 'batch', exit_code: exitCode, ...outcome, shard: where },
    text:
      `Shard ${outcome.shard_id}: ${outcome.accounts} accounts, ${outcome.records} evaluations, ` +
      `${outcome.throttles} throttles, ${(outcome.duration_ms / 1000).toFixed(1)} s` +
      `${outcome.deadline_reached ? ' (stopped at the deadline)' : ''}\n${statuses}\nShard file: ${where}\n`,
  };
}

/**
 * `final`: publishes the report and prints the summary. A group without a usable shard fails
 * (exit 1, nothing written); a report that describes a setup failure exits 4.
 */
export async function finalCommand(ctx: CommandContext, flags: PhaseFlags): Promise<CommandOutcome> {
  const raw = await baseEvent(ctx, flags);
  const event = eventForCommand(
    applySettingsToEvent(raw, 'final', ctx.resolved),
    'final',
    {},
    ctx.logger.warn,
  ) as FinalEvent;
  const app = await openApp(ctx);
  note(ctx, `final: merging the shards of ${event.group_id}`);
  const report = await withScratchDir((tempDir) => app.final(event, { tempDir }));
  const problems = coverageProblemCount(report.summary);
  const { exitCode, xlsx, text } = reportOutcome(
    ctx,
    app,
    report,
    ctx.resolved.settings.run.strict,
    problems,
  );
  return {
    exitCode,
    brief: xlsx,
    text,
    json: {
      ok: exitCode !== ExitCode.SetupFailure,
      command: 'final',
      exit_code: exitCode,
      group_id: report.group_id,
      report_date: report.report_date,
      report: reportFiles(app, report),
      coverage_problems: problems,
      summary: report.summary,
    },
  };
}
