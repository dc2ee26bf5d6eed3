/**
 * The doctor: a pre-flight check of what `run` needs, with the settings `run` would use — the hub
 * credentials, the accounts, the report store, and on a sample of accounts the read role, the Config
 * recorders and the trust between hub and spokes. Each check is a step with a status; a failed
 * check never stops the others, except that AWS checks are skipped when there are no working
 * credentials. It needs only the permissions `run` needs (sts:GetCallerIdentity needs none).
 */
import { checkAccounts, checkCredentials, checkStore } from './doctor/hubSteps.js';
import type { DoctorDeps } from './doctor/ports.js';
import type { DoctorRun } from './doctor/run.js';
import { checkReadRole, checkRecorders, checkTrust } from './doctor/spokeSteps.js';
import type { DoctorReport, DoctorStep, DoctorStepId } from './doctor/types.js';

export type * from './doctor/ports.js';
export { FAILURE_KINDS } from './doctor/ports.js';
export { DEFAULT_HUB_ROLE_NAME, trustPrincipal } from './doctor/principal.js';
export type * from './doctor/types.js';
export { DOCTOR_STEPS } from './doctor/types.js';

const CHECKS: readonly [DoctorStepId, (run: DoctorRun) => Promise<DoctorStep> | DoctorStep][] = [
  ['credentials', checkCredentials],
  ['accounts', checkAccounts],
  ['store', checkStore],
  ['read-role', checkReadRole],
  ['recorders', checkRecorders],
  ['trust', checkTrust],
];

/** Runs every check in order and returns the steps. Never throws for a failed check. */
export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const run: DoctorRun = { deps, sampled: [], denied: new Map() };
  const steps: DoctorStep[] = [];
  for (const [id, check] of CHECKS) {
    deps.logger.debug('doctor step', { step: id });
    const result = await check(run);
    deps.logger.debug('doctor step done', { step: id, status: result.status });
    steps.push(result);
  }
  return {
    ok: steps.every((s) => s.status !== 'fail'),
    ...(run.caller ? { caller: run.caller } : {}),
    sampled: run.sampled,
    steps,
  };
}
