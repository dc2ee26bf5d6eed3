/**
 * Lambda entry point: validate the event, read settings once, dispatch on `mode` to the app built by
 * the composition root. The only file that keeps module-scope singletons (the logger, and the app
 * with its settings and keep-alive sockets, reused across warm invocations; the app opens a fresh
 * S3 client, so a fresh retry budget, for every invocation).
 */

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { createApp } from '../app/createApp.js';
import { loadSettings } from '../app/settings/load.js';
import type { App } from '../app/types.js';
import {
  type BatchWireResult,
  type EventNotesWire,
  eventNotesWire,
  type FinalHandlerResult,
  finalHandlerResult,
  type PlanWireResult,
} from '../app/wire.js';
import { parseEventWithNotes } from '../core/event.js';
import type { LoggerPort } from '../core/logger.js';

export type { FinalHandlerResult } from '../app/wire.js';

/** The parts of the Lambda context we use (kept local so no `aws-lambda` types are needed). */
export interface LambdaContext {
  getRemainingTimeInMillis(): number;
  functionName?: string;
  functionVersion?: string;
  invokedFunctionArn?: string;
  memoryLimitInMB?: string;
  awsRequestId?: string;
}

/** What the handler returns for a batch event: small, so Step Functions payloads stay tiny. */
export type BatchHandlerResult = { mode: 'batch' } & BatchWireResult;

/** What the handler returns for a plan event: shard ids for the Map state, never account lists. */
export type PlanHandlerResult = { mode: 'plan' } & PlanWireResult;

/** Any handler result; `event_notes` when the event had fields outside the contract or conflicting accounts. */
export type HandlerResult = (BatchHandlerResult | PlanHandlerResult | FinalHandlerResult) & {
  event_notes?: EventNotesWire;
};

/** Options of `createHandler` (tests pass their own environment and logger). */
export interface HandlerOptions {
  env?: Readonly<Record<string, string | undefined>>;
  logger?: Logger;
}

/**
 * Builds a handler. Settings are read on the first invocation (after the first event validated)
 * and kept for the warm container's life.
 */
export function createHandler(options: HandlerOptions = {}) {
  const logger = options.logger ?? new Logger({ serviceName: 'configreport' });
  const port = asLoggerPort(logger);
  let app: App | undefined;

  return async function handle(event: unknown, context?: LambdaContext): Promise<HandlerResult> {
    // A context from a test or the CLI may lack the Lambda fields; only a real one is added.
    if (context?.awsRequestId) logger.addContext(context as unknown as Parameters<Logger['addContext']>[0]);
    // Validation first: a bad event fails before any setting is read, any AWS call or any write.
    const { event: parsed, notes } = parseEventWithNotes(event);
    // Seed compatibility: unknown fields are not an error, but never silently dropped either.
    const noted = eventNotesWire(notes);
    if (noted.event_notes) logger.warn('event carries fields outside the contract', { ...noted.event_notes });
    if (app === undefined) {
      const env = options.env ?? process.env;
      app = createApp(loadSettings({ env, surface: 'lambda' }).settings, { env, logger: port });
    }
    // With a context, every mode's storage calls are bounded by the invocation's deadline.
    const remaining = context ? { remainingMs: () => context.getRemainingTimeInMillis() } : {};
    switch (parsed.mode) {
      case 'batch': {
        logger.appendKeys({ shard: parsed.shard_id, group: parsed.group_id });
        try {
          return { mode: 'batch', ...(await app.batch(parsed, remaining)), ...noted };
        } finally {
          logger.removeKeys(['shard', 'group']);
        }
      }
      case 'plan':
        return { mode: 'plan', ...(await app.plan(parsed, undefined, remaining)), ...noted };
      case 'final': {
        const ready = app;
        return withInvocationScratch(port, async (tempDir) => ({
          ...finalHandlerResult(await ready.final(parsed, { tempDir, ...remaining })),
          ...noted,
        }));
      }
    }
  };
}

/** Scratch folders of this handler's invocations: `<TMPDIR>/configreport-lambda-<pid>-<random>`. */
const SCRATCH_PREFIX = 'configreport-lambda-';
/** The scratch folders in use by invocations of this process right now. */
const liveScratch = new Set<string>();

/**
 * Runs `work` with a scratch folder of its own under TMPDIR, removed on every exit, success or
 * failure. Lambda keeps /tmp (512 MB by default) across warm invocations and across the restart
 * that follows a timeout, so first the folders of invocations that never reached their clean-up
 * (killed at the timeout) are removed: those of a process that is gone, or of this process but not
 * in use. Folders of other live processes sharing TMPDIR are left alone.
 */
async function withInvocationScratch<T>(logger: LoggerPort, work: (dir: string) => Promise<T>): Promise<T> {
  await removeAbandonedScratch(logger);
  const dir = await mkdtemp(join(tmpdir(), `${SCRATCH_PREFIX}${process.pid}-`));
  liveScratch.add(dir);
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
    liveScratch.delete(dir);
  }
}

/** Removes the scratch folders no live invocation uses (see `withInvocationScratch`). */
async function removeAbandonedScratch(logger: LoggerPort): Promise<void> {
  const root = tmpdir();
  const names = await readdir(root).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(SCRATCH_PREFIX)) continue;
    const pid = Number.parseInt(name.slice(SCRATCH_PREFIX.length), 10);
    if (!Number.isInteger(pid)) continue;
    const path = join(root, name);
    const abandoned = pid === process.pid ? !liveScratch.has(path) : !processAlive(pid);
    if (!abandoned) continue;
    await rm(path, { recursive: true, force: true });
    logger.warn('removed the scratch folder of an invocation that did not finish', { path });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Powertools Logger behind the narrow port: extra objects become structured keys of the log line. */
function asLoggerPort(logger: Logger): LoggerPort {
  type Attributes = Record<string, unknown>[];
  return {
    debug: (message, ...extra) => logger.debug(message, ...(extra as Attributes)),
    info: (message, ...extra) => logger.info(message, ...(extra as Attributes)),
    warn: (message, ...extra) => logger.warn(message, ...(extra as Attributes)),
    error: (message, ...extra) => logger.error(message, ...(extra as Attributes)),
  };
}

/**
 * The Lambda handler.
 *
 * @example
 * ```ts
 * await handler(
 *   { mode: 'batch', group_id: '2023-10-27', shard_id: '01', role_name: 'configreport-read-role',
 *     accounts: [{ account_id: '123456789012', account_name: 'prod-app-01' }] },
 *   context,
 * ); // writes batches/2023-10-27/01.json
 * ```
 */
export const handler = createHandler();
