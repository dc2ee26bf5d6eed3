/**
 * The real engine: the store (local folder or S3), AWS client settings from the environment, and
 * the three modes with their own settings readers. The only CLI module that imports the modes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsClientSettings } from '../aws/clientConfig.js';
import { endpointsFromEnv } from '../aws/clientConfig.js';
import { createOrganizationsPort } from '../aws/organizations.js';
import { loadBatchSettings } from '../config/batchSettings.js';
import type { Env } from '../config/env.js';
import { loadFinalSettings } from '../config/finalSettings.js';
import { readPlanSettings } from '../config/planSettings.js';
import { normalizePrefix } from '../core/keys.js';
import type { LoggerPort } from '../core/logger.js';
import { runBatch } from '../modes/batch.js';
import { runFinal } from '../modes/final.js';
import { runPlan } from '../modes/plan.js';
import { LocalStore } from '../store/LocalStore.js';
import { createS3Client, S3Store } from '../store/S3Store.js';
import type { Store } from '../store/Store.js';
import type { CliSettings } from './config/spec.js';
import type { Engine, Runtime } from './deps.js';
import { cleanUpOnInterrupt } from './interrupt.js';

/** Runtime plus the mode settings read once when it was built. */
interface RealRuntime extends Runtime {
  modeSettings: {
    plan: ReturnType<typeof readPlanSettings>;
    batch: ReturnType<typeof loadBatchSettings>;
    final: ReturnType<typeof loadFinalSettings>;
  };
}

/** Base credentials from the environment when given; otherwise the SDK's default chain (profiles, SSO…). */
function credentialsFromEnv(env: Env): AwsClientSettings['credentials'] {
  const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim();
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = env.AWS_SESSION_TOKEN?.trim();
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

function asReal(runtime: Runtime): RealRuntime {
  return runtime as RealRuntime;
}

/** The engine over the real modes and stores. */
export const realEngine: Engine = {
  async createRuntime(settings: CliSettings, env: Env, logger: LoggerPort): Promise<Runtime> {
    // Every mode's settings are read now, so a bad variable fails before any AWS call or write.
    const batch = loadBatchSettings(env);
    const modeSettings = {
      plan: readPlanSettings(env, settings.region),
      batch,
      final: loadFinalSettings(env),
    };
    const credentials = credentialsFromEnv(env);
    const aws: AwsClientSettings = {
      region: settings.region,
      endpoints: endpointsFromEnv(env),
      maxAttempts: batch.maxAttempts,
      configHttpClient: batch.httpClient,
      ...(credentials ? { credentials } : {}),
    };
    let store: Store;
    let describe: (key: string) => string;
    let close = () => {};
    if (settings.bucket !== undefined) {
      const client = createS3Client(aws);
      store = new S3Store(client, settings.bucket);
      describe = (key) => `s3://${settings.bucket}/${key}`;
      close = () => client.destroy();
    } else {
      const local = new LocalStore(settings.out);
      store = local;
      describe = (key) => join(local.root, ...key.split('/'));
    }
    const runtime: RealRuntime = {
      store,
      prefix: normalizePrefix(settings.prefix),
      aws,
      env,
      logger,
      describe,
      close,
      modeSettings,
    };
    return runtime;
  },

  plan(event, runtime, supplied) {
    const { aws, logger } = runtime;
    return runPlan(event, {
      store: runtime.store,
      prefix: runtime.prefix,
      settings: asReal(runtime).modeSettings.plan,
      organizations: (options) => createOrganizationsPort(aws, { ...options, logger }),
      ...(supplied ? { supplied } : {}),
      logger,
    });
  },

  async batch(event, runtime, progress) {
    const result = await runBatch(event, {
      store: runtime.store,
      prefix: runtime.prefix,
      logger: runtime.logger,
      aws: runtime.aws,
      settings: asReal(runtime).modeSettings.batch,
      onProgress: (e) => {
        if (e.kind === 'start') progress.started(e.accounts);
        else if (e.kind === 'account-done') progress.accountDone();
        else if (e.kind === 'throttled') progress.throttled();
      },
    });
    return {
      shard_id: result.shardId,
      key: result.key,
      accounts: result.accounts,
      account_regions: result.accountRegions,
      records: result.records,
      throttles: result.throttles,
      status_counts: { ...result.statusCounts },
      deadline_reached: result.deadlineReached,
      duration_ms: result.durationMs,
    };
  },

  async final(event, runtime) {
    // Final mode's spool and CSV go to a scratch folder that is removed even on Ctrl-C (interrupt.ts).
    // The handler is registered before the folder exists and the folder is made synchronously, so no
    // signal can land between "folder on disk" and "handler knows it" (a signal there used to meet
    // Node's default, which ends the process and leaves the folder). Removal ends before release.
    let scratch: string | undefined;
    const release = cleanUpOnInterrupt(() => {
      if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
    });
    try {
      scratch = mkdtempSync(join(tmpdir(), 'configreport-'));
      const result = await runFinal(event, {
        store: runtime.store,
        prefix: runtime.prefix,
        logger: runtime.logger,
        clock: () => new Date(),
        settings: asReal(runtime).modeSettings.final,
        tempDir: scratch,
      });
      return {
        group_id: result.groupId,
        report_date: result.reportDate,
        keys: result.keys,
        summary: result.summary,
        duration_ms: result.durationMs,
      };
    } finally {
      if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
      release();
    }
  },
};
