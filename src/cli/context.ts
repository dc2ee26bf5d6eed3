/**
 * What every command runs with: output flags, resolved settings, a logger and a progress reporter
 * on stderr, and how a result is printed (one JSON document on stdout with `--json`, text otherwise).
 */

import type { App } from '../app/types.js';
import type { LoggerPort } from '../core/logger.js';
import { loadConfigFile } from './config/file.js';
import { type ResolvedSettings, resolveSettings } from './config/resolve.js';
import type { CliDeps } from './deps.js';
import type { ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';
import { createCliLogger } from './logger.js';
import { createProgress, type Progress, progressMode } from './progress.js';

/** Flags every command accepts. */
export interface OutputFlags {
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  config?: string;
}

/** The context a command action receives. */
export interface CommandContext {
  io: CliIo;
  deps: CliDeps;
  output: Required<Pick<OutputFlags, 'json' | 'quiet' | 'verbose'>>;
  resolved: ResolvedSettings;
  logger: LoggerPort;
  progress: Progress;
  /** Run by the program after the command, success or not (closes clients, stops servers). */
  cleanup: (() => unknown)[];
}

/** What a command returns; the program prints it and exits with `exitCode`. */
export interface CommandOutcome {
  exitCode: ExitCode;
  /** The `--json` document. */
  json: unknown;
  /** Human output (stdout). */
  text: string;
  /** The one line `--quiet` prints (for example the report path). */
  brief?: string;
}

/**
 * Builds the context: config file, settings (flag > env > file > default), logger and progress.
 * `flags` are the command's options merged with the program's (commander `optsWithGlobals`).
 */
export async function createContext(
  io: CliIo,
  deps: CliDeps,
  flags: Record<string, unknown> & OutputFlags,
  options: { readConfigFile?: boolean } = {},
): Promise<CommandContext> {
  const output = { json: flags.json === true, quiet: flags.quiet === true, verbose: flags.verbose === true };
  // `demo` ignores the config file's values, so it does not read (or trip over) the file at all.
  const file =
    options.readConfigFile === false ? undefined : await loadConfigFile(flags.config, io.env, io.cwd);
  const resolved = resolveSettings(flags, io.env, file, io.cwd);
  const progress = createProgress(io.stderr, progressMode(io.stderr, output.quiet));
  const level = output.quiet ? 'error' : output.verbose ? 'debug' : 'warn';
  const logger = createCliLogger((line) => progress.log(line), level);
  return { io, deps, output, resolved, logger, progress, cleanup: [] };
}

/** Builds the app from the resolved settings and registers its cleanup. */
export async function openApp(
  ctx: Pick<CommandContext, 'deps' | 'resolved' | 'logger' | 'cleanup'>,
  settings = ctx.resolved.settings,
  env = ctx.resolved.env,
): Promise<App> {
  // The CLI takes hub credentials from AWS_ACCESS_KEY_ID… when they are set (the demo's dummy keys).
  const app = await ctx.deps.openApp(settings, { env, logger: ctx.logger, staticCredentials: true });
  ctx.cleanup.push(() => app.close());
  return app;
}

/** Prints a command's outcome where it belongs and returns its exit code. */
export function printOutcome(ctx: Pick<CommandContext, 'io' | 'output'>, outcome: CommandOutcome): ExitCode {
  if (ctx.output.json) ctx.io.stdout.write(`${JSON.stringify(outcome.json, null, 2)}\n`);
  else if (ctx.output.quiet) {
    if (outcome.brief) ctx.io.stdout.write(`${outcome.brief}\n`);
  } else ctx.io.stdout.write(outcome.text.endsWith('\n') ? outcome.text : `${outcome.text}\n`);
  return outcome.exitCode;
}
