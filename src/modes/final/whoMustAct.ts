/**
 * The Summary's "who must act" tables: the owners with the most non-compliant evaluations, the
 * untagged remainder nobody owns, and the organizational units. Pure, from rows already built.
 */
import { sortWorkFirst } from '../../core/ranking.js';
import { addCounts, complianceRatio, emptyCounts, totalOf } from '../../core/stats.js';
import type { AccountRow, OuRow, OwnerRow, ReportModel } from '../../report/model.js';

/** The OU label of accounts without an OU path (given by the event, or the plan could not read it). */
export const NO_OU_PATH = '(no OU path)';

/**
 * The `topN` tagged owners with at least one non-compliant evaluation, most first. The untagged
 * row is left out: it is nobody to call, and Summary shows it beside the list.
 */
export function topOwners(owners: readonly OwnerRow[], topN: number): OwnerRow[] {
  return sortWorkFirst(
    owners.filter((o) => !o.untagged && o.counts.nonCompliant > 0),
    (o) => o.counts,
    (o) => o.owner,
  ).slice(0, Math.max(0, topN));
}

/** The untagged owner's numbers for the Summary and the JSON. */
export function untaggedSummary(
  untagged: OwnerRow | undefined,
  overallNonCompliant: number,
  evaluations: number,
): ReportModel['untagged'] {
  const counts = untagged?.counts ?? emptyCounts();
  const total = totalOf(counts);
  return {
    evaluations: total,
    nonCompliant: counts.nonCompliant,
    share: evaluations === 0 ? null : total / evaluations,
    nonCompliantShare: overallNonCompliant === 0 ? null : counts.nonCompliant / overallNonCompliant,
    nonCompliantResources: untagged?.nonCompliantResources ?? 0,
    accounts: untagged?.accounts ?? 0,
  };
}

/**
 * Accounts grouped by their exact OU path (an OU's row holds the accounts directly in it; parent
 * OUs are not rolled up), most non-compliant first. Empty when no account has an OU path, so a
 * run without OU data shows no table of one "(no OU path)" row.
 */
export function ouRows(accounts: readonly AccountRow[]): OuRow[] {
  if (!accounts.some((a) => a.ouPath !== '')) return [];
  const byPath = new Map<string, OuRow>();
  for (const account of accounts) {
    const ouPath = account.ouPath === '' ? NO_OU_PATH : account.ouPath;
    let row = byPath.get(ouPath);
    if (!row) {
      row = { ouPath, accounts: 0, nonCompliantResources: 0, counts: emptyCounts(), ratio: null };
      byPath.set(ouPath, row);
    }
    row.accounts++;
    row.nonCompliantResources += account.nonCompliantResources;
    addCounts(row.counts, account.counts);
  }
  for (const row of byPath.values()) row.ratio = complianceRatio(row.counts);
  return sortWorkFirst(
    [...byPath.values()],
    (r) => r.counts,
    (r) => r.ouPath,
  );
}
