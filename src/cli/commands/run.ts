/**
 * `configreport run`: plan → every shard → final, against a local folder (default `./out`) or
 * `--bucket`, with accounts from Organizations or `--accounts-file`.
 */

import type { App } from '../../app/types.js';
import type { PlanEvent } from '../../core/event.js';
import { coverageProblemCount } from '../../report/summaryText.js';
import { readAccountsFile } from '../accountsFile.js';
import { givenExplicitly } from '../config/resolve.js';
import { type CommandContext, type CommandOutcome, openApp } from '../context.js';
import { applySettingsToEvent, defaultGroupId } from '../eventFields.js';
import { eventForCommand } from '../eventInput.js';
import { ExitCode } from '../exitCodes.js';
import { note, type PipelineResult, runPipeline } from '../pipeline.js';
import { reportFiles, reportOutcome } from './reportOutcome.js';

/** Runs the whole pipeline with the resolved settings. */
export async function runCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const { settings } = ctx.resolved;
  const planEvent = eventForCommand(
    applySettingsToEvent({ group_id: defaultGroupId(ctx.deps.now()) }, 'plan', ctx.resolved),
    'plan',
  ) as PlanEvent;
  const { run } = settings;
  const supplied = run.accountsFile
    ? { source: 'accounts-file' as const, ...(await readAccountsFile(run.accountsFile)) }
    : undefined;
  const app = await openApp(ctx);
  // The principal the spoke roles must trust: said first, so a run that is denied everywhere can be
  // read against docs/deploy.md ("Running from a laptop or CI").
  const principal = await app.callerArn();
  note(ctx, `run: acting as ${principal}`);
  const result = await runPipeline(ctx, app, {
    plan: planEvent,
    ...(supplied ? { supplied } : {}),
    shardConcurrency: run.shardConcurrency,
    ...(run.externalId !== undefined ? { externalId: run.externalId } : {}),
    // A tag prefix from the defaults is batch mode's own default: only an explicit one goes in the events.
    ...(givenExplicitly(ctx.resolved, 'tagPrefix') ? { tagPrefix: run.tagPrefix } : {}),
  });
  return pipelineOutcome(ctx, 'run', result, app, run.strict, { principal });
}

/**
 * The outcome of a pipeline run: exit code 4 when the report describes a setup failure (also on
 * stderr), else 3 under `--strict` when coverage is incomplete.
 */
export function pipelineOutcome(
  ctx: Pick<CommandContext, 'io'>,
  command: string,
  result: PipelineResult,
  app: App,
  strict: boolean,
  extra: Record<string, unknown> = {},
  preface = '',
): CommandOutcome {
  const { report } = result;
  const problems = coverageProblemCount(report.summary) + countUnnamedFailures(result);
  const { exitCode, xlsx, text } = reportOutcome(ctx, app, report, strict, problems);
  return {
    exitCode,
    brief: xlsx,
    text: `${preface}${text}`,
    json: {
      ok: exitCode !== ExitCode.SetupFailure,
      command,
      exit_code: exitCode,
      group_id: report.group_id,
      report_date: report.report_date,
      store: app.location,
      report: reportFiles(app, report),
      coverage_problems: problems,
      plan: result.plan,
      shards: result.shards,
      failed_shards: result.failed_shards,
      summary: report.summary,
      ...extra,
    },
  };
}

/** Failed shards the report does not already count as missing (it always should, via the plan). */
function countUnnamedFailures(result: PipelineResult): number {
  const missing = new Set(result.report.summary.coverage.missing_shards.map((m) => m.shard_id));
  return result.failed_shards.filter((f) => !missing.has(f.shard_id)).length;
}
