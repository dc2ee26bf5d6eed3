/**
 * What the composition root hands the shells (the Lambda handler, the CLI): the three modes behind
 * one interface, taking events and returning wire-format results, over one store.
 */
import type { BatchEvent, FinalEvent, PlanEvent } from '../core/event.js';
import type { LoggerPort } from '../core/logger.js';
import type { BatchProgressEvent } from '../modes/batch.js';
import type { SkippedAccount, SuppliedAccounts } from '../modes/plan/types.js';
import type { Env } from './settings/load.js';
import type { BatchWireResult, FinalWireResult, PlanWireResult } from './wire.js';

// What the shells need of the modes' vocabulary, so they depend on the app alone.
export type { BatchProgressEvent, SkippedAccount, SuppliedAccounts };

/** What the shells pass besides the settings. */
export interface AppOptions {
  /** The environment the AWS clients read: `AWS_ENDPOINT_URL_*`, and with `staticCredentials` the keys. */
  env: Env;
  logger: LoggerPort;
  /** Wall clock of every mode (default: the system clock). */
  clock?: () => Date;
  /** Take hub credentials from `AWS_ACCESS_KEY_ID`… instead of the SDK's default chain. */
  staticCredentials?: boolean;
}

/** Options of one batch run. */
export interface BatchRunOptions {
  /** Milliseconds left before the invocation is killed (Lambda); omitted: no deadline. */
  remainingMs?: () => number;
  onProgress?: (event: BatchProgressEvent) => void;
}

/** Options of one final run. */
export interface FinalRunOptions {
  /** Where final mode may spool (default: the system temp folder). */
  tempDir?: string;
}

/** The three modes over one store. */
export interface App {
  /** Where outputs go, for people: a folder, or `s3://bucket/`. */
  readonly location: string;
  /** The normalised key prefix (REPORT_PREFIX). */
  readonly prefix: string;
  /** A user-facing location of a key: a local path or an `s3://` URL. */
  describe(key: string): string;
  plan(event: PlanEvent, supplied?: SuppliedAccounts): Promise<PlanWireResult>;
  batch(event: BatchEvent, options?: BatchRunOptions): Promise<BatchWireResult>;
  final(event: FinalEvent, options?: FinalRunOptions): Promise<FinalWireResult>;
  /** Releases clients (sockets) so the process can exit promptly. */
  close(): void;
}
