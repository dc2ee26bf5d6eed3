/**
 * The ports the command layer runs on. Commands never import the modes, the stores or the
 * simulator directly: `engine.ts` wires the real ones, tests can pass fakes at this edge.
 */

import type { RunningSimulator, SimulatorOptions } from '../../simulator/types.js';
import type { AwsClientSettings } from '../aws/clientConfig.js';
import type { Env } from '../config/env.js';
import type { BatchEvent, FinalEvent, PlanEvent } from '../core/event.js';
import type { LoggerPort } from '../core/logger.js';
import type { PlanResult, SuppliedAccounts } from '../modes/plan/types.js';
import type { Store } from '../store/Store.js';
import type { CliSettings } from './config/spec.js';

/** Where and how the phases run: one store, one set of AWS settings, the environment the modes read. */
export interface Runtime {
  store: Store;
  /** Normalised REPORT_PREFIX. */
  prefix: string;
  aws: AwsClientSettings;
  /** The environment the modes' own settings readers see (config-file `env` under the process env). */
  env: Env;
  logger: LoggerPort;
  /** A user-facing location of a key: a local path or an `s3://` URL. */
  describe(key: string): string;
  /** Releases clients (sockets) so the process can exit promptly. */
  close(): void;
}

/** Counters a running shard reports (progress bars). */
export interface ShardProgressSink {
  /** The shard knows its account count. */
  started(accounts: number): void;
  accountDone(): void;
  throttled(): void;
}

/** What one shard did (a view of batch mode's result). */
export interface ShardOutcome {
  shard_id: string;
  key: string;
  accounts: number;
  account_regions: number;
  records: number;
  throttles: number;
  /** Account-regions per status (OK, ASSUME_ROLE_DENIED, …). */
  status_counts: Record<string, number>;
  deadline_reached: boolean;
  duration_ms: number;
}

/** The parts of the report's summary JSON the CLI prints (docs/report.md has the full schema). */
export interface ReportSummaryView {
  overall: CountsView;
  environments: (CountsView & { environment: string; accounts: number })[];
  worst_accounts: (CountsView & { account_id: string; account_name: string; environment: string })[];
  shards: { listed: number; expected: number | null; accepted: number; rejected: number; missing: number };
  coverage: {
    problems: { status: string; account_id: string; account_name: string; region: string; reason: string }[];
    missing_shards: { shard_id: string; accounts: number; reason: string }[];
  };
  thresholds: { red_below: number; yellow_below: number };
}

/** Compliance counts as the summary carries them. */
export interface CountsView {
  evaluations: number;
  compliant: number;
  non_compliant: number;
  compliance_ratio: number | null;
}

/** What final mode produced. */
export interface ReportOutcome {
  group_id: string;
  report_date: string;
  keys: { xlsx: string; csvGz: string; summaryJson: string };
  summary: ReportSummaryView;
  duration_ms: number;
}

/** The three phases plus the runtime they share. */
export interface Engine {
  /** Builds the store and AWS settings from resolved settings and the environment. */
  createRuntime(settings: CliSettings, env: Env, logger: LoggerPort): Promise<Runtime>;
  plan(event: PlanEvent, runtime: Runtime, supplied?: SuppliedAccounts): Promise<PlanResult>;
  batch(event: BatchEvent, runtime: Runtime, progress: ShardProgressSink): Promise<ShardOutcome>;
  final(event: FinalEvent, runtime: Runtime): Promise<ReportOutcome>;
}

/** Everything the program depends on. */
export interface CliDeps {
  engine: Engine;
  startSimulator(options: SimulatorOptions): Promise<RunningSimulator>;
  now(): Date;
}
