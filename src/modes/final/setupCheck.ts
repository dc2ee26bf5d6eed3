/**
 * Is this report about the organization, or about a broken set-up? A wrong role name, ExternalId
 * or a missing spoke stack makes every account deny `sts:AssumeRole`; without this check such a
 * run writes an all-blank report and succeeds. Pure: decides from the coverage status counts.
 */
import type { CoverageStatus } from '../../core/coverage.js';
import type { SetupFailure } from '../../report/model.js';

/** Statuses of an account-region that was read to the end (its data is in the report). */
const READ: readonly CoverageStatus[] = ['OK', 'PARTIAL', 'RECORDER_STOPPED'];

/** What to check first when the hub cannot assume the read role. */
export const ACCESS_CAUSES: readonly string[] = [
  'the role name differs from the spoke role (role_name / --role-name / CONFIGREPORT_ROLE_NAME)',
  "the ExternalId differs from the spoke stack's (external_id / --external-id / CONFIGREPORT_EXTERNAL_ID)",
  'the spoke stack (the read role) is not deployed in those accounts',
  "the read role does not trust the hub's role or principal (the spoke stack's trusted principal)",
];

const CONFIG_CAUSE =
  'AWS Config is not enabled in those account-regions (CONFIG_NOT_ENABLED: a Config set-up gap, not access)';
const OTHER_CAUSE =
  'errors or timeouts while reading (ERROR, TIMED_OUT): see the Coverage sheet for each reason';

const pct = (share: number): string => `${Math.round(share * 1000) / 10}%`;

/**
 * Returns the setup failure, or undefined when the run looks healthy: a failure when no
 * account-region reported by the shards was read, or when the share denied `sts:AssumeRole` is
 * above `threshold`. CONFIG_NOT_ENABLED is counted and named, never added to the denied share.
 */
export function checkSetup(
  statusCounts: Partial<Record<CoverageStatus, number>>,
  threshold: number,
): SetupFailure | undefined {
  let accountRegions = 0;
  let read = 0;
  for (const [status, n] of Object.entries(statusCounts) as [CoverageStatus, number][]) {
    // MISSING: no shard reported it — the shard's problem, already named as such, not the set-up's.
    if (status === 'MISSING') continue;
    accountRegions += n;
    if (READ.includes(status)) read += n;
  }
  const denied = statusCounts.ASSUME_ROLE_DENIED ?? 0;
  const configNotEnabled = statusCounts.CONFIG_NOT_ENABLED ?? 0;
  const share = (n: number) => (accountRegions === 0 ? null : n / accountRegions);
  const deniedShare = share(denied);
  const accessDenied = deniedShare !== null && deniedShare > threshold;
  if (!accessDenied && read > 0) return undefined;

  const breakdown = Object.entries(statusCounts)
    .filter(([status, n]) => status !== 'MISSING' && (n ?? 0) > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  // The more specific reason first: access is what a wrong role name or ExternalId breaks.
  const message = accessDenied
    ? `${denied} of ${accountRegions} account-regions (${pct(deniedShare)}) denied sts:AssumeRole, ` +
      `above the ${pct(threshold)} threshold`
    : `no account-region could be read (${accountRegions === 0 ? 'the shards report none' : breakdown})`;
  const likelyCauses: string[] = [];
  if (denied > 0 || accountRegions === 0) likelyCauses.push(...ACCESS_CAUSES);
  if (configNotEnabled > 0) likelyCauses.push(CONFIG_CAUSE);
  if ((statusCounts.ERROR ?? 0) + (statusCounts.TIMED_OUT ?? 0) > 0) likelyCauses.push(OTHER_CAUSE);
  return {
    reason: accessDenied ? 'access-denied-share' : 'no-account-region-read',
    message: `Setup failure: ${message}; the numbers in this report do not describe the organization.`,
    accountRegions,
    read,
    denied,
    deniedShare,
    configNotEnabled,
    configNotEnabledShare: share(configNotEnabled),
    threshold,
    likelyCauses,
  };
}
