/**
 * The composition root: the only place that builds adapters (store, AWS clients, Organizations,
 * Config source) and hands them to the modes. The Lambda handler and the CLI are thin shells over it.
 */
import { setMaxListeners } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callerArn } from '../aws/callerIdentity.js';
import { createConfigSourceFactory } from '../aws/configSource.js';
import { createOrganizationsPort } from '../aws/organizations.js';
import { createS3LinkSigner } from '../aws/reportLinks.js';
import { createBucketClient, createS3RequestHandler } from '../aws/s3Client.js';
import { createSnsNotifier } from '../aws/sns.js';
import { runBatch } from '../modes/batch.js';
import { type NotifyDeps, type ReportLinkPort, runFinal } from '../modes/final.js';
import { runPlan } from '../modes/plan.js';
import { BoundStore } from '../store/boundStore.js';
import { deadlineSignal, STORE_SAFETY_MARGIN_MS } from '../store/deadline.js';
import { LocalStore } from '../store/LocalStore.js';
import { createS3Client, S3Store } from '../store/S3Store.js';
import type { Store } from '../store/Store.js';
import { awsClientSettings } from './awsSettings.js';
import type { Settings } from './settings/types.js';
import type { App, AppOptions } from './types.js';
import { batchWire, finalWire, planWire } from './wire.js';

/** How the app reaches its storage: a fresh Store per run, over sockets kept for the app's life. */
interface Storage {
  location: string;
  describe(key: string): string;
  /** A new store for one run (S3: a new client, so a new retry budget). */
  open(): Store;
  /** Links for people to the stored files: presigned URLs (S3), or local paths. */
  links(clock: () => Date): ReportLinkPort;
  close(): void;
}

/**
 * S3 gets one client per run, not one per app: the SDK's retry quota (500 tokens, drained by every
 * retry) belongs to the client, so a client kept for a warm Lambda's life would let one bad S3
 * minute use up the retries of every later invocation. The keep-alive sockets are shared instead.
 */
function openStorage(settings: Settings, aws: ReturnType<typeof awsClientSettings>): Storage {
  const { bucket, out } = settings.store;
  if (bucket !== undefined) {
    const handler = createS3RequestHandler(aws);
    return {
      location: `s3://${bucket}/`,
      describe: (key) => `s3://${bucket}/${key}`,
      // The per-run clients are dropped, never destroyed: destroying one would close the shared sockets.
      open: () => new S3Store(createS3Client(aws, handler), bucket),
      // Signing sends nothing; the client only resolves the credentials the links are signed with.
      links: (clock) => createS3LinkSigner(createBucketClient(aws, handler), bucket, clock),
      close: () => handler.destroy(),
    };
  }
  const local = new LocalStore(out);
  return {
    location: local.location,
    describe: (key) => join(local.root, ...key.split('/')),
    open: () => local,
    links: () => ({ link: async (key) => ({ kind: 'path', path: join(local.root, ...key.split('/')) }) }),
    close: () => {},
  };
}

/** What {@link runStores} needs of the app's storage. */
type RunStorage = Pick<Storage, 'open'>;

/**
 * The store of one run, under the app's signal (Ctrl-C) and, with `remainingMs`, a deadline that
 * abandons storage calls when STORE_SAFETY_MARGIN_MS (5 s) is left (StoreDeadlineError).
 */
function runStores(storage: RunStorage, options: Pick<AppOptions, 'signal' | 'writes'>) {
  return async function withRunStore<T>(
    remainingMs: (() => number) | undefined,
    run: (store: Store) => Promise<T>,
  ): Promise<T> {
    const deadline = remainingMs ? deadlineSignal(remainingMs, STORE_SAFETY_MARGIN_MS) : undefined;
    const sources = [options.signal, deadline?.signal].filter((s): s is AbortSignal => s !== undefined);
    // A signal of the run's own: every store call of the run listens to it (final reads many shards
    // at once), so Node's default of 10 listeners would print a false "possible leak" warning.
    const signal = sources.length > 0 ? AbortSignal.any(sources) : undefined;
    if (signal) setMaxListeners(0, signal);
    try {
      return await run(new BoundStore(storage.open(), signal, options.writes));
    } finally {
      deadline?.dispose();
    }
  };
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
  const storage = openStorage(settings, aws);
  const prefix = settings.store.prefix;
  const configSource = createConfigSourceFactory(aws, settings.pacing);
  const { topicArn } = settings.final.notify;
  // Only a configured topic turns notifications on; final mode then gets the notifier and links.
  const notifier = topicArn ? createSnsNotifier(aws, topicArn) : undefined;
  const notify = (remainingMs?: () => number): { notify?: NotifyDeps } =>
    notifier
      ? { notify: { notifier, links: storage.links(clock), ...(remainingMs ? { remainingMs } : {}) } }
      : {};

  const withRunStore = runStores(storage, options);

  return {
    location: storage.location,
    prefix,
    describe: storage.describe,
    close: storage.close,
    callerArn: () => callerArn(aws),
    async plan(event, supplied, run = {}) {
      const result = await withRunStore(run.remainingMs, (store) =>
        runPlan(event, {
          store,
          prefix,
          settings: settings.plan,
          organizations: (port) => createOrganizationsPort(aws, { ...port, logger }),
          ...(supplied ? { supplied } : {}),
          logger,
          clock,
        }),
      );
      return planWire(result);
    },
    async batch(event, run = {}) {
      // Batch mode bounds its own write by the deadline (ShardWriteTimeoutError), so no store deadline.
      const result = await withRunStore(undefined, (store) =>
        runBatch(event, {
          store,
          prefix,
          logger,
          clock,
          settings: settings.batch,
          configSource,
          ...(run.remainingMs ? { remainingMs: run.remainingMs } : {}),
          ...(run.onProgress ? { onProgress: run.onProgress } : {}),
        }),
      );
      return batchWire(result);
    },
    async final(event, run = {}) {
      const result = await withRunStore(run.remainingMs, (store) =>
        runFinal(event, {
          store,
          prefix,
          logger,
          clock,
          settings: settings.final,
          tempDir: run.tempDir ?? tmpdir(),
          ...notify(run.remainingMs),
        }),
      );
      return finalWire(result);
    },
  };
}
