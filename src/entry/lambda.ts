/**
 * Lambda entry point: validate the event, read settings once, dispatch on `mode`.
 * The only file that keeps module-scope singletons (the logger, the settings and the S3 client are
 * reused across warm invocations).
 */

import { tmpdir } from 'node:os';
import { Logger } from '@aws-lambda-powertools/logger';
import type { S3Client } from '@aws-sdk/client-s3';
import type { AwsClientSettings } from '../aws/clientConfig.js';
import { endpointsFromEnv } from '../aws/clientConfig.js';
import { createOrganizationsPort } from '../aws/organizations.js';
import { type BatchSettings, loadBatchSettings } from '../config/batchSettings.js';
import { type Env, InvalidSettingError, requireString } from '../config/env.js';
import { type FinalSettings, loadFinalSettings } from '../config/finalSettings.js';
import { type PlanSettings, readPlanSettings } from '../config/planSettings.js';
import { parseEvent } from '../core/event.js';
import { normalizePrefix } from '../core/keys.js';
import type { LoggerPort } from '../core/logger.js';
import { type BatchResult, runBatch } from '../modes/batch.js';
import { type FinalResult, runFinal } from '../modes/final.js';
import { type PlanResult, runPlan } from '../modes/plan.js';
import { createS3Client, S3Store } from '../store/S3Store.js';

/** The parts of the Lambda context we use (kept local so no `aws-lambda` types are needed). */
export interface LambdaContext {
  getRemainingTimeInMillis(): number;
  functionName?: string;
  functionVersion?: string;
  invokedFunctionArn?: string;
  memoryLimitInMB?: string;
  awsRequestId?: string;
}

/** Settings of the function, read once from the environment. */
export interface HandlerSettings {
  bucket: string;
  prefix: string;
  aws: AwsClientSettings;
  batch: BatchSettings;
  plan: PlanSettings;
  final: FinalSettings;
}

/**
 * Reads the function's settings: `REPORT_BUCKET` (required), `REPORT_PREFIX` (optional), the
 * region (`AWS_REGION`, set by Lambda), endpoint overrides (`AWS_ENDPOINT_URL_*`) and each mode's
 * own settings. All are read on the first invocation, so a bad variable fails every mode alike.
 * @throws InvalidSettingError naming the variable.
 */
export function loadHandlerSettings(env: Env): HandlerSettings {
  const batch = loadBatchSettings(env);
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new InvalidSettingError('AWS_REGION', 'is required');
  let prefix: string;
  try {
    prefix = normalizePrefix(env.REPORT_PREFIX);
  } catch (error) {
    throw new InvalidSettingError('REPORT_PREFIX', (error as Error).message);
  }
  return {
    bucket: requireString(env, 'REPORT_BUCKET'),
    prefix,
    aws: {
      region,
      endpoints: endpointsFromEnv(env),
      maxAttempts: batch.maxAttempts,
      configHttpClient: batch.httpClient,
    },
    batch,
    plan: readPlanSettings(env, region),
    final: loadFinalSettings(env),
  };
}

/** What the handler returns for a batch event: small, so Step Functions payloads stay tiny. */
export type BatchHandlerResult = { mode: 'batch' } & Omit<BatchResult, 'groupId' | 'shardId'> & {
    group_id: string;
    shard_id: string;
  };

/**
 * What the handler returns for a final event: keys and counts only. The full summary (with every
 * coverage problem) is in the summary JSON beside the workbook; returning it could exceed Step
 * Functions' 256 KiB payload limit for a large organization after the report was already written.
 */
export interface FinalHandlerResult {
  mode: 'final';
  group_id: string;
  report_date: string;
  keys: FinalResult['keys'];
  shards: FinalResult['summary']['shards'];
  records: FinalResult['summary']['records'];
  overall: FinalResult['summary']['overall'];
  coverage_problems: number;
  missing_shards: number;
  duration_ms: number;
}

/** What the handler returns for a plan event: shard ids for the Map state, never account lists. */
export type PlanHandlerResult = { mode: 'plan' } & PlanResult;

/** Any handler result. */
export type HandlerResult = BatchHandlerResult | PlanHandlerResult | FinalHandlerResult;

/** Options of `createHandler` (tests pass their own environment and logger). */
export interface HandlerOptions {
  env?: Env;
  logger?: Logger;
}

/**
 * Builds a handler. Settings are read on the first invocation (after the first event validated)
 * and kept for the warm container's life.
 */
export function createHandler(options: HandlerOptions = {}) {
  const logger = options.logger ?? new Logger({ serviceName: 'configreport' });
  let settings: HandlerSettings | undefined;
  let s3: S3Client | undefined;

  return async function handle(event: unknown, context?: LambdaContext): Promise<HandlerResult> {
    // A context from a test or the CLI may lack the Lambda fields; only a real one is added.
    if (context?.awsRequestId) logger.addContext(context as unknown as Parameters<Logger['addContext']>[0]);
    // Validation first: a bad event fails before any setting is read, any AWS call or any write.
    const parsed = parseEvent(event);
    settings ??= loadHandlerSettings(options.env ?? process.env);
    s3 ??= createS3Client(settings.aws);
    const store = new S3Store(s3, settings.bucket);
    switch (parsed.mode) {
      case 'batch': {
        logger.appendKeys({ shard: parsed.shard_id, group: parsed.group_id });
        try {
          const { groupId, shardId, ...rest } = await runBatch(parsed, {
            store,
            prefix: settings.prefix,
            logger: asLoggerPort(logger),
            aws: settings.aws,
            settings: settings.batch,
            ...(context ? { remainingMs: () => context.getRemainingTimeInMillis() } : {}),
          });
          return { mode: 'batch', group_id: groupId, shard_id: shardId, ...rest };
        } finally {
          logger.removeKeys(['shard', 'group']);
        }
      }
      case 'plan': {
        const aws = settings.aws;
        const port = asLoggerPort(logger);
        const result = await runPlan(parsed, {
          store,
          prefix: settings.prefix,
          settings: settings.plan,
          organizations: (options) => createOrganizationsPort(aws, { ...options, logger: port }),
          logger: port,
        });
        return { mode: 'plan', ...result };
      }
      case 'final': {
        const result = await runFinal(parsed, {
          store,
          prefix: settings.prefix,
          logger: asLoggerPort(logger),
          clock: () => new Date(),
          settings: settings.final,
          tempDir: tmpdir(),
        });
        return finalHandlerResult(result);
      }
    }
  };
}

function finalHandlerResult(result: FinalResult): FinalHandlerResult {
  const { summary } = result;
  return {
    mode: 'final',
    group_id: result.groupId,
    report_date: result.reportDate,
    keys: result.keys,
    shards: summary.shards,
    records: summary.records,
    overall: summary.overall,
    coverage_problems: summary.coverage.problems.filter((p) => p.status !== 'OK' && p.status !== 'SKIPPED')
      .length,
    missing_shards: summary.coverage.missing_shards.length,
    duration_ms: result.durationMs,
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
