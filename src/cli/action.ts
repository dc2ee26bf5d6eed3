/**
 * How every command runs: its context (settings, logger, progress), the app it is handed wrapped so
 * Ctrl-C aborts its storage calls and `-v` names each step, the outcome printed, and any error turned
 * into a message, a hint and an exit code (the one place that does that).
 */
import type { Command } from 'commander';
import { isConfigReportError } from '../core/errors.js';
import {
  type CommandContext,
  type CommandOutcome,
  createContext,
  type OutputFlags,
  printOutcome,
} from './context.js';
import type { CliDeps } from './deps.js';
import { ExitCode, exitCodeFor } from './exitCodes.js';
import { type HintContext, hintFor } from './hints.js';
import { InterruptedError, PendingWrites } from './interrupt.js';
import type { CliIo } from './io.js';
import { stepOf, withSteps } from './steps.js';

/**
 * Turns any error into a message on stderr (and a JSON document on stdout with --json): the step it
 * escaped from (`(during plan)`), and a `hint:` line saying what to do when there is one (hints.ts).
 */
export function reportError(
  io: CliIo,
  json: boolean,
  verbose: boolean,
  error: unknown,
  context: HintContext = {},
): ExitCode {
  const exitCode = exitCodeFor(error);
  const details = isConfigReportError(error) ? [...error.details] : [];
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  const step = stepOf(error);
  const hint = exitCode === ExitCode.Failed ? hintFor(error, context) : undefined;
  io.stderr.write(`error: ${message}${step ? ` (during ${step})` : ''}\n`);
  if (exitCode === ExitCode.Usage && details.length > 1)
    io.stderr.write(details.map((d) => `  - ${d}\n`).join(''));
  if (hint) io.stderr.write(`hint: ${hint}\n`);
  if (verbose && error instanceof Error && error.stack && exitCode === ExitCode.Failed)
    io.stderr.write(`${error.stack}\n`);
  if (json) {
    const extra = { ...(step ? { step } : {}), ...(hint ? { hint } : {}) };
    io.stdout.write(
      `${JSON.stringify({ ok: false, exit_code: exitCode, error: { name, message, details, ...extra } }, null, 2)}\n`,
    );
  }
  return exitCode;
}

/**
 * The action of a command: `handler` runs with the command's context; its outcome is printed and its
 * exit code (or its error's) lands in `result.code`.
 */
export function commandAction(io: CliIo, deps: CliDeps, result: { code: ExitCode }) {
  return (
    handler: (ctx: CommandContext, flags: Record<string, unknown>) => Promise<CommandOutcome>,
    options: { readConfigFile?: boolean } = {},
  ) =>
    async (_options: unknown, command: Command) => {
      const flags = command.optsWithGlobals<Record<string, unknown> & OutputFlags>();
      let ctx: CommandContext | undefined;
      // Ctrl-C / SIGTERM anywhere in a command exits 130 / 143 after aborting every storage call of
      // the command's apps and waiting (at most INTERRUPT_GRACE_MS) for their writes to clean up
      // (temp file removed, multipart upload aborted), restoring the terminal (the bar hides the
      // cursor) and running the clean-ups registered meanwhile (final's scratch folder).
      const interrupt = new AbortController();
      const writes = new PendingWrites();
      // Every mode call also runs as a named step: `-v` logs it, and an error says which step it ended.
      const commandDeps: CliDeps = {
        ...deps,
        openApp: async (settings, appOptions) =>
          withSteps(
            await deps.openApp(settings, { ...appOptions, signal: interrupt.signal, writes }),
            appOptions.logger,
          ),
      };
      const releaseInterrupt = io.onInterrupt?.((signal) => {
        interrupt.abort(new InterruptedError(signal));
        ctx?.progress.stop();
        return writes.idle();
      });
      try {
        ctx = await createContext(io, commandDeps, flags, options);
        result.code = printOutcome(ctx, await handler(ctx, flags));
      } catch (error) {
        ctx?.progress.stop();
        const settings = ctx?.resolved.settings;
        result.code = reportError(io, flags.json === true, flags.verbose === true, error, {
          bucket: settings?.store.bucket,
          region: settings?.aws.region,
        });
      } finally {
        for (const cleanup of ctx?.cleanup.reverse() ?? []) await Promise.resolve(cleanup()).catch(() => {});
        releaseInterrupt?.();
      }
    };
}
