/**
 * The composition root: the only place that builds adapters (store, AWS clients, Organizations,
 * Config source) and hands them to the modes. The Lambda handler and the CLI are thin shells over it.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConfigSourceFactory } from '../aws/configSource.js';
import { createOrganizationsPort } from '../aws/organizations.js';
import { runBatch } from '../modes/batch.js';
import { runFinal } from '../modes/final.js';
import { runPlan } from '../modes/plan.js';
import { LocalStore } from '../store/LocalStore.js';
import { createS3Client, S3Store } from '../store/S3Store.js';
import type { Store } from '../store/Store.js';
import { awsClientSettings } from './awsSettings.js';
import type { Settings } from './settings/types.js';
import type { App, AppOptions } from './types.js';
import { batchWire, finalWire, planWire } from './wire.js';

interface StoreHandle {
  store: Store;
  describe(key: string): string;
  close(): void;
}

function openStore(settings: Settings, aws: ReturnType<typeof awsClientSettings>): StoreHandle {
  const { bucket, out } = settings.store;
  if (bucket !== undefined) {
    const client = createS3Client(aws);
    return {
      store: new S3Store(client, bucket),
      describe: (key) => `s3://${bucket}/${key}`,
      close: () => client.destroy(),
    };
  }
  const local = new LocalStore(out);
  return { store: local, describe: (key) => join(local.root, ...key.split('/')), close: () => {} };
}

/**
 * Builds the app: reads nothing from the environment but what `options.env` holds for the SDK.
 *
 * @example
 * ```ts
 * const { settings } = loadSettings({ env: process.env, surface: 'lambda' });
 * const app = createApp(settings, { env: process.env, logger });
 * await app.batch(parseEvent(event) as BatchEvent, { remainingMs: () => context.getRemainingTimeInMillis() });
 * ```
 */
export function createApp(settings: Settings, options: AppOptions): App {
  const { logger } = options;
  const clock = options.clock ?? (() => new Date());
  const aws = awsClientSettings(settings, options.env, options.staticCredentials);
  const { store, describe, close } = openStore(settings, aws);
  const prefix = settings.store.prefix;
  const configSource = createConfigSourceFactory(aws, settings.pacing);
  return {
    location: store.location,
    prefix,
    describe,
    close,
    async plan(event, supplied) {
      const result = await runPlan(event, {
        store,
        prefix,
        settings: settings.plan,
        organizations: (port) => createOrganizationsPort(aws, { ...port, logger }),
        ...(supplied ? { supplied } : {}),
        logger,
        clock,
      });
      return planWire(result);
    },
    async batch(event, run = {}) {
      const result = await runBatch(event, {
        store,
        prefix,
        logger,
        clock,
        settings: settings.batch,
        configSource,
        ...(run.remainingMs ? { remainingMs: run.remainingMs } : {}),
        ...(run.onProgress ? { onProgress: run.onProgress } : {}),
      });
      return batchWire(result);
    },
    async final(event, run = {}) {
      const result = await runFinal(event, {
        store,
        prefix,
        logger,
        clock,
        settings: settings.final,
        tempDir: run.tempDir ?? tmpdir(),
      });
      return finalWire(result);
    },
  };
}
