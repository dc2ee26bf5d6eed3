/**
 * What the CLI needs to word hints and fixes (src/cli/hints.ts), without loading any SDK client:
 * the one failure classification (src/aws/failureKinds.ts), the doctor's problem vocabulary, and
 * the principal a trust policy must name.
 */
export { isEndpointUnreachableError } from '../aws/failFast.js';
export { failureKind } from '../aws/failureKinds.js';
export type { FailureKind } from '../modes/doctor/ports.js';
export { trustPrincipal } from '../modes/doctor/principal.js';
export type { DoctorProblem, DoctorReport, DoctorStep } from '../modes/doctor/types.js';
