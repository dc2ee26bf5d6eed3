/** What the checks share while the doctor runs: the deps, who the caller is, the sampled accounts. */
import type { CallerIdentity, CheckFailure, DoctorDeps } from './ports.js';
import type { DoctorStep, DoctorStepId, SampledAccount, StepStatus } from './types.js';

/** State carried from one check to the next. */
export interface DoctorRun {
  deps: DoctorDeps;
  caller?: CallerIdentity;
  /** Set when the credentials check failed: the AWS checks after it are skipped. */
  credentialsFailed?: CheckFailure;
  /** Accounts `run` would collect, as far as they were listed (the sample comes from them). */
  candidates?: { accountId: string; accountName: string }[];
  sampled: SampledAccount[];
  /** Sampled accounts whose role was refused, and why. */
  denied: Map<string, CheckFailure>;
}

/** Titles of the checks, as printed. */
export const STEP_TITLES: Readonly<Record<DoctorStepId, string>> = {
  credentials: 'Credentials',
  accounts: 'Accounts',
  store: 'Report store',
  'read-role': 'Read role',
  recorders: 'Config recorders',
  trust: 'Hub trust',
};

/** A step without a problem. */
export function step(
  id: DoctorStepId,
  status: StepStatus,
  summary: string,
  details: string[] = [],
): DoctorStep {
  return { id, title: STEP_TITLES[id], status, summary, details };
}

/** A skipped step, saying why. */
export function skipped(id: DoctorStepId, why: string): DoctorStep {
  return step(id, 'skip', `skipped: ${why}`);
}

/** `count` items out of `items`, spread evenly over the list (all of them when there are fewer). */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}

/** `AccessDenied: User: … is not authorized …` — a failure on one line. */
export function describeFailure(failure: CheckFailure): string {
  return `${failure.name}: ${failure.message}`;
}
