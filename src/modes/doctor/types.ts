/**
 * The doctor's result: one step per check, in the order `run` needs them, each with a status, a
 * one-line summary, detail lines, and — when it did not pass — the problem in data, from which the
 * CLI writes the fix (src/cli/hints.ts: every hint text lives there).
 */
import type { CallerIdentity, CheckFailure } from './ports.js';

/** The checks, in order. */
export const DOCTOR_STEPS = ['credentials', 'accounts', 'store', 'read-role', 'recorders', 'trust'] as const;
/** One of {@link DOCTOR_STEPS}. */
export type DoctorStepId = (typeof DOCTOR_STEPS)[number];

/** `fail` makes the doctor fail; `warn` is worth reading but does not stop `run`. */
export type StepStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** Why a step did not pass, in data. */
export type DoctorProblem =
  /** A call failed (credentials, network, permissions, bucket…). `target` names what was called. */
  | { kind: 'call-failed'; failure: CheckFailure; target: string }
  /** The accounts file cannot be used (its error names the lines). */
  | { kind: 'accounts-file'; path: string; message: string; details: readonly string[] }
  /** Nothing to sample: no ACTIVE account that `run` would collect. */
  | { kind: 'no-accounts' }
  /** The probe object was written but could not be deleted (not needed by `run`). */
  | { kind: 'probe-left'; location: string; key: string; failure: CheckFailure }
  /** AssumeRole was refused in some or all sampled accounts. */
  | {
      kind: 'role-denied';
      roleName: string;
      externalIdSet: boolean;
      denied: readonly string[];
      sampled: number;
      /** The principal to trust, when credentials were found. */
      principal?: string;
    }
  /** Account-regions whose recorder is missing or stopped (or could not be read). */
  | {
      kind: 'recorders';
      notEnabled: readonly string[];
      stopped: readonly string[];
      unreadable: readonly string[];
    }
  /** No sampled spoke role let the hub principal assume it. */
  | { kind: 'trust'; principal: string; callerArn: string; looksLikeHubRole: boolean; hubRoleName: string };

/** One check's outcome. */
export interface DoctorStep {
  id: DoctorStepId;
  title: string;
  status: StepStatus;
  summary: string;
  details: string[];
  problem?: DoctorProblem;
}

/** One sampled account and how its checks went. */
export interface SampledAccount {
  accountId: string;
  accountName: string;
  /** undefined until tried. */
  assumable?: boolean;
}

/** The doctor's whole result. */
export interface DoctorReport {
  /** True when no step failed. */
  ok: boolean;
  /** Who `run` acts as, when the credentials worked. */
  caller?: CallerIdentity;
  sampled: SampledAccount[];
  steps: DoctorStep[];
}
