/**
 * The ports the command layer runs on. Commands never build adapters, modes or the simulator:
 * src/entry/cli.ts hands in the composition root (`createApp`, `createDoctor`) and the simulator;
 * tests pass fakes at this edge.
 */

import type { RunningSimulator, SimulatorOptions } from '../../simulator/types.js';
import type { Doctor } from '../app/doctor.js';
import type { Settings } from '../app/settings/types.js';
import type { App, AppOptions } from '../app/types.js';

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
  /** Present when the run is a setup failure (the report says so at the top of Summary). */
  setup_failure?: { message: string; likely_causes: string[] };
}

/** Compliance counts as the summary carries them. */
export interface CountsView {
  evaluations: number;
  compliant: number;
  non_compliant: number;
  compliance_ratio: number | null;
}

/** Everything the program depends on. */
export interface CliDeps {
  /** Builds the app over resolved settings (the real one: src/app/createApp.ts, loaded on first use). */
  openApp(settings: Settings, options: AppOptions): Promise<App>;
  /** Builds the doctor over resolved settings (the real one: src/app/doctor.ts, loaded on first use). */
  openDoctor(settings: Settings, options: AppOptions): Promise<Doctor>;
  startSimulator(options: SimulatorOptions): Promise<RunningSimulator>;
  now(): Date;
}
