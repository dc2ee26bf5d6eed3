/**
 * Who may assume which role: the one decision STS AssumeRole answers with and the ground truth
 * filters accounts by, so the two can never disagree. A role is assumable when the account is
 * ACTIVE, no fault denies it, the role exists, its trust policy names the caller's account
 * (default: the hub only) and, when the role requires an ExternalId, exactly that one is given.
 */
import type { SimRole } from '../org/model.js';
import type { SimState } from '../state.js';

/** One AssumeRole attempt, as far as trust is concerned. */
export interface AssumeRoleAttempt {
  /** Account of the caller's credentials (the hub for a collector). */
  callerAccountId: string;
  /** Account that holds the role. */
  accountId: string;
  roleName: string;
  /** ExternalId presented (undefined: none). */
  externalId?: string | undefined;
  /** Skip run-time faults (`denyRole`): what the org's own trust policies allow. */
  ignoreFaults?: boolean;
  /** The day whose denials apply (default: the simulator's current day). */
  day?: number;
}

/** The answer: the role when allowed, else nothing (AWS gives no reason either). */
export type AssumeRoleDecision = { allowed: true; role: SimRole } | { allowed: false };

/** Decides whether `attempt` may assume the role (see the module comment for the rules). */
export function decideAssumeRole(state: SimState, attempt: AssumeRoleAttempt): AssumeRoleDecision {
  const account = state.org.account(attempt.accountId);
  if (account === undefined || account.state !== 'ACTIVE') return { allowed: false };
  if (!attempt.ignoreFaults && state.isDenied(attempt.accountId, attempt.day)) return { allowed: false };
  const role = account.roles.find((r) => r.name === attempt.roleName);
  if (role === undefined) return { allowed: false };
  const trusted = role.trustedAccounts ?? [state.org.hubAccountId];
  if (!trusted.includes(attempt.callerAccountId)) return { allowed: false };
  if (role.externalId !== undefined && role.externalId !== attempt.externalId) return { allowed: false };
  return { allowed: true, role };
}
