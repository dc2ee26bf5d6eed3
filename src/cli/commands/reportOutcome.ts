/**
 * What `final`, `run` and `demo` share once a report was published: its exit code, where its files
 * are, and the setup-failure notice on stderr.
 */
import type { App } from '../../app/types.js';
import type { FinalWireResult } from '../../app/wire.js';
import type { CommandContext } from '../context.js';
import type { ReportSummaryView } from '../deps.js';
import { ExitCode } from '../exitCodes.js';
import { renderSummary, setupFailureLines } from '../render.js';

/**
 * 4 when the report describes a setup failure (with or without `--strict`: the run failed), else
 * 3 under `--strict` when coverage is incomplete, else 0.
 */
export function reportExitCode(summary: ReportSummaryView, strict: boolean, problems: number): ExitCode {
  if (summary.setup_failure) return ExitCode.SetupFailure;
  return strict && problems > 0 ? ExitCode.CoverageProblems : ExitCode.Ok;
}

/**
 * The published files as people find them (paths or `s3://` URLs), and the raw keys, for `--json`;
 * with a notification topic, what became of the notification.
 */
export function reportFiles(app: App, report: FinalWireResult) {
  return {
    xlsx: app.describe(report.keys.xlsx),
    details_csv_gz: app.describe(report.keys.csvGz),
    summary_json: app.describe(report.keys.summaryJson),
    ...(report.keys.html !== undefined ? { html: app.describe(report.keys.html) } : {}),
    manifest: app.describe(report.keys.manifest),
    run_id: report.run_id,
    keys: report.keys,
    run_keys: report.run_keys,
    ...(report.notification ? { notification: report.notification } : {}),
  };
}

/** The line naming the HTML summary under the printed summary (empty when it was not written). */
export function htmlSummaryLine(app: App, report: FinalWireResult): string {
  return report.keys.html === undefined ? '' : `HTML summary: ${app.describe(report.keys.html)}\n`;
}

/**
 * Writes on stderr, in every output mode, that the notification was not sent: the report is out
 * (the exit code does not change), but the people waiting for the message were not told.
 */
export function announceNotificationFailure(ctx: Pick<CommandContext, 'io'>, report: FinalWireResult): void {
  const n = report.notification;
  if (n?.status !== 'failed') return;
  ctx.io.stderr.write(
    `warning: the report was published, but no notification reached ${n.topic_arn}: ${n.error}\n`,
  );
}

/**
 * Writes a setup failure on stderr, in every output mode (`--json`, `--quiet` too): it is why the
 * command exits 4 although the report was written.
 */
export function announceSetupFailure(
  ctx: Pick<CommandContext, 'io'>,
  summary: ReportSummaryView,
  reportPath: string,
): void {
  const [message, , ...causes] = setupFailureLines(summary);
  if (message === undefined) return;
  ctx.io.stderr.write(
    `error: ${message}\n  Likely causes:\n${causes.map((c) => `  ${c}\n`).join('')}` +
      `  The report was written and says so at the top of its Summary sheet: ${reportPath}\n`,
  );
}

/** What {@link reportOutcome} gives a command: the exit code, the workbook's place, the printed text. */
export interface ReportOutcome {
  exitCode: ExitCode;
  /** The workbook as people find it (a path or an `s3://` URL). */
  xlsx: string;
  text: string;
}

/**
 * What `final` and `run` both do once a report is published: the exit code, the notices on stderr
 * (setup failure, notification not sent), and the printed summary with the HTML summary's line.
 */
export function reportOutcome(
  ctx: Pick<CommandContext, 'io'>,
  app: App,
  report: FinalWireResult,
  strict: boolean,
  problems: number,
): ReportOutcome {
  const exitCode = reportExitCode(report.summary, strict, problems);
  const xlsx = app.describe(report.keys.xlsx);
  announceSetupFailure(ctx, report.summary, xlsx);
  announceNotificationFailure(ctx, report);
  return { exitCode, xlsx, text: `${renderSummary(report.summary, xlsx)}${htmlSummaryLine(app, report)}` };
}
