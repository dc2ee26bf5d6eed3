/**
 * Lambda entry point: validate the event, read settings once, dispatch on `mode` to the app built by
 * the composition root. The only file that keeps module-scope singletons (the logger, and the app
 * with its settings and keep-alive sockets, reused across warm invocations; the app opens a fresh
 * S3 client, so a fresh retry budget, for every invocation).
 */

import { tmpdir } from 'node:os';
import { Logger } from '@aws-lambda-powertools/logger';
import { createApp } from '../app/createApp.js';
import { loadSettings } from '../app/settings/load.js';
import type { App } from '../app/types.js';
import {
  type BatchWireResult,
  type FinalHandlerResult,
  finalHandlerResult,
  type PlanWireResult,
} from '../app/wire.js';
import { parseEvent } from '../core/event.js';
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

/** Any handler result. */
export type HandlerResult = BatchHandlerResult | PlanHandlerResult | FinalHandlerResult;

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
    const parsed = parseEvent(event);
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
          return { mode: 'batch', ...(await app.batch(parsed, remaining)) };
        } finally {
          logger.removeKeys(['shard', 'group']);
        }
      }
      case 'plan':
        return { mode: 'plan', ...(await app.plan(parsed, undefined, remaining)) };
      case 'final':
        return finalHandlerResult(await app.final(parsed, { tempDir: tmpdir(), ...remaining }));
    }
  };
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
