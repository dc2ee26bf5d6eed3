/**
 * What the composition root hands the shells (the Lambda handler, the CLI): the three modes behind
 * one interface, taking events and returning wire-format results, over one store.
 */
import type { BatchEvent, FinalEvent, PlanEvent } from '../core/event.js';
import type { LoggerPort } from '../core/logger.js';
import type { BatchProgressEvent } from '../modes/batch.js';
import type { SkippedAccount, SuppliedAccounts } from '../modes/plan/types.js';
import type { WriteTracking } from '../store/boundStore.js';
import type { Env } from './settings/load.js';
import type { BatchWireResult, FinalWireResult, PlanWireResult } from './wire.js';

// What the shells need of the modes' vocabulary, so they depend on the app alone.
export type { BatchProgressEvent, SkippedAccount, SuppliedAccounts, WriteTracking };

/** What the shells pass besides the settings. */
export interface AppOptions {
  /** The environment the AWS clients read: `AWS_ENDPOINT_URL_*`, and with `staticCredentials` the keys. */
  env: Env;
  logger: LoggerPort;
  /** Wall clock of every mode (default: the system clock). */
  clock?: () => Date;
  /** Take hub credentials from `AWS_ACCESS_KEY_ID`… instead of the SDK's default chain. */
  staticCredentials?: boolean;
  /**
   * Abandons every store call of the app once aborted (the CLI's Ctrl-C / SIGTERM): writes remove
   * their temp file or abort their multipart upload, then reject with the signal's reason.
   */
  signal?: AbortSignal;
  /**
   * Handed every store write of the app as it starts. A write settles only after cleaning up, so
   * once `signal` aborted, "no tracked write pending" means nothing is left behind (the CLI waits
   * for that before exiting).
   */
  writes?: WriteTracking;
}

/** Options of one plan run. */
export interface PlanRunOptions {
  /**
   * Milliseconds left before the invocation is killed (Lambda); omitted: no deadline. Storage calls
   * still running with 5 s left are abandoned with a `StoreDeadlineError` (src/store/deadline.ts).
   */
  remainingMs?: () => number;
}

/** Options of one batch run. */
export interface BatchRunOptions {
  /**
   * Milliseconds left before the invocation is killed (Lambda); omitted: no deadline. Collection
   * stops at the deadline margin; the shard write is abandoned with 5 s left (`ShardWriteTimeoutError`).
   */
  remainingMs?: () => number;
  onProgress?: (event: BatchProgressEvent) => void;
}

/** Options of one final run. */
export interface FinalRunOptions {
  /** Where final mode may spool (default: the system temp folder). */
  tempDir?: string;
  /**
   * Milliseconds left before the invocation is killed (Lambda); omitted: no deadline. Storage calls
   * still running with 5 s left are abandoned with a `StoreDeadlineError`.
   */
  remainingMs?: () => number;
}

/** The three modes over one store. */
export interface App {
  /** Where outputs go, for people: a folder, or `s3://bucket/`. */
  readonly location: string;
  /** The normalised key prefix (REPORT_PREFIX). */
  readonly prefix: string;
  /** A user-facing location of a key: a local path or an `s3://` URL. */
  describe(key: string): string;
  plan(event: PlanEvent, supplied?: SuppliedAccounts, options?: PlanRunOptions): Promise<PlanWireResult>;
  batch(event: BatchEvent, options?: BatchRunOptions): Promise<BatchWireResult>;
  final(event: FinalEvent, options?: FinalRunOptions): Promise<FinalWireResult>;
  /** The principal the hub credentials are (sts:GetCallerIdentity): what spoke roles must trust. */
  callerArn(): Promise<string>;
  /** Releases sockets so the process can exit promptly. */
  close(): void;
}
