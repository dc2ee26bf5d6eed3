/**
 * The spokes' checks, on a sample of the accounts `run` would collect: the read role can be assumed
 * (and if not, what that says about the role, its trust policy and the ExternalId), a Config recorder
 * exists and records in every region, and the hub principal is one the spoke roles trust.
 */
import type { RecorderState } from '../batch/ports.js';
import type { CheckFailure } from './ports.js';
import { callerRoleName, DEFAULT_HUB_ROLE_NAME, trustPrincipal } from './principal.js';
import type { DoctorRun } from './run.js';
import { describeFailure, skipped, spread, step } from './run.js';
import type { DoctorStep } from './types.js';

const label = (a: { accountId: string; accountName: string }) =>
  a.accountName ? `${a.accountId} ${a.accountName}` : a.accountId;

/** sts:AssumeRole into the read role of each sampled account. */
export async function checkReadRole(run: DoctorRun): Promise<DoctorStep> {
  const { deps } = run;
  const { roleName, externalId, sample } = deps.settings;
  if (run.credentialsFailed !== undefined) return skipped('read-role', 'the credentials check failed');
  if (run.candidates === undefined) return skipped('read-role', 'no accounts to sample (see Accounts)');
  if (run.candidates.length === 0)
    return { ...step('read-role', 'fail', 'no ACTIVE account to sample'), problem: { kind: 'no-accounts' } };
  run.sampled = spread(run.candidates, sample).map((a) => ({ ...a }));
  const failures = new Map<string, CheckFailure>();
  await Promise.all(
    run.sampled.map(async (account) => {
      try {
        await deps.spokes.assumeRole(account.accountId);
        account.assumable = true;
      } catch (error) {
        account.assumable = false;
        failures.set(account.accountId, deps.classify(error));
      }
    }),
  );
  const details = run.sampled.map((a) => {
    const failure = failures.get(a.accountId);
    return `${failure ? 'denied' : 'ok    '}  ${label(a)}${failure ? `: ${describeFailure(failure)}` : ''}`;
  });
  const withExternalId = externalId !== undefined ? ' with the ExternalId' : '';
  const what = `role ${roleName}${withExternalId}`;
  if (failures.size === 0)
    return step(
      'read-role',
      'pass',
      `${what} assumed in ${run.sampled.length} of ${run.sampled.length} sampled accounts`,
      details,
    );
  const denied = [...failures].filter(([, f]) => f.kind === 'access-denied').map(([id]) => id);
  for (const id of denied) run.denied.set(id, failures.get(id)!);
  const summary = `${what} refused in ${failures.size} of ${run.sampled.length} sampled accounts`;
  if (denied.length === 0) {
    const [first] = [...failures.values()];
    return {
      ...step('read-role', 'fail', summary, details),
      problem: { kind: 'call-failed', failure: first!, target: 'sts:AssumeRole' },
    };
  }
  return {
    ...step('read-role', 'fail', summary, details),
    problem: {
      kind: 'role-denied',
      roleName,
      externalIdSet: externalId !== undefined,
      denied,
      sampled: run.sampled.length,
      ...(run.caller ? { principal: trustPrincipal(run.caller.arn) } : {}),
    },
  };
}

type RecorderOutcome = RecorderState | CheckFailure;

/** DescribeConfigurationRecorders / …Status in every region of every assumable sampled account. */
export async function checkRecorders(run: DoctorRun): Promise<DoctorStep> {
  const { deps } = run;
  if (run.credentialsFailed !== undefined) return skipped('recorders', 'the credentials check failed');
  const readable = run.sampled.filter((a) => a.assumable === true);
  if (readable.length === 0) return skipped('recorders', 'no sampled account could be read (see Read role)');
  const { regions } = deps.settings;
  const outcomes = await Promise.all(
    readable.flatMap((account) =>
      regions.map(async (region) => {
        let outcome: RecorderOutcome;
        try {
          outcome = await deps.spokes.recorderState(account.accountId, region);
        } catch (error) {
          outcome = deps.classify(error);
        }
        return { where: `${label(account)} ${region}`, outcome };
      }),
    ),
  );
  const notEnabled = outcomes.filter((o) => o.outcome === 'NOT_ENABLED').map((o) => o.where);
  const stopped = outcomes.filter((o) => o.outcome === 'STOPPED').map((o) => o.where);
  const unreadable = outcomes.filter((o) => typeof o.outcome !== 'string');
  const details = [
    ...notEnabled.map((w) => `no recorder  ${w}`),
    ...stopped.map((w) => `stopped      ${w}`),
    ...unreadable.map((o) => `unreadable   ${o.where}: ${describeFailure(o.outcome as CheckFailure)}`),
  ];
  const total = outcomes.length;
  const recording = total - notEnabled.length - stopped.length - unreadable.length;
  const summary = `recording in ${recording} of ${total} account-regions (${readable.length} accounts × ${regions.join(', ')})`;
  if (recording === total) return step('recorders', 'pass', summary);
  return {
    ...step('recorders', 'fail', summary, details),
    problem: {
      kind: 'recorders',
      notEnabled,
      stopped,
      unreadable: unreadable.map((o) => o.where),
    },
  };
}

/**
 * Is the hub principal one the spoke roles trust? AWS answers every refusal with the same
 * AccessDenied, so this is inferred: trusted when any sampled role let it in (one StackSet deploys
 * one trust policy everywhere). When every role refused, it cannot be told from a missing role or
 * a wrong ExternalId (the Read role check fails and lists all three): a warning that names the
 * principal to trust, unless the caller is the hub role the spoke stack trusts by default.
 */
export function checkTrust(run: DoctorRun): DoctorStep {
  if (run.caller === undefined) return skipped('trust', 'the credentials check failed');
  if (run.sampled.length === 0 || run.sampled.some((a) => a.assumable === undefined))
    return skipped('trust', 'no sampled account was tried (see Read role)');
  const principal = trustPrincipal(run.caller.arn);
  const allowed = run.sampled.filter((a) => a.assumable === true).length;
  if (allowed > 0)
    return step(
      'trust',
      'pass',
      `the spoke roles trust ${principal} (assumed in ${allowed} of ${run.sampled.length})`,
    );
  if (run.denied.size === 0)
    return skipped('trust', 'AssumeRole failed for another reason than a refusal (see Read role)');
  const looksLikeHubRole = callerRoleName(run.caller.arn) === DEFAULT_HUB_ROLE_NAME;
  return {
    ...step(
      'trust',
      'warn',
      looksLikeHubRole
        ? `every sampled role refused ${principal}, which looks like the hub role: check the role name and ExternalId`
        : `every sampled role refused ${principal}: if it is not among the spoke role's trusted principals, that is why`,
    ),
    problem: {
      kind: 'trust',
      principal,
      callerArn: run.caller.arn,
      looksLikeHubRole,
      hubRoleName: DEFAULT_HUB_ROLE_NAME,
    },
  };
}
