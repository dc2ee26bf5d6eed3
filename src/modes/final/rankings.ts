/**
 * The Owners and Regions rows, from the statistics. Each is sorted by its label (Owners: the
 * untagged row first). The Rules rows are logical rules (logicalRuleRows.ts).
 */
import { compareText } from '../../core/compare.js';
import { complianceRatio, type Stats } from '../../core/stats.js';
import type { OwnerRow, RegionRow } from '../../report/model.js';
import type { Dimensions } from './shards.js';

/** One row per owner tag value (id 0, the untagged resources, first). */
export function ownerRows(stats: Stats, dims: Dimensions): OwnerRow[] {
  const owners: OwnerRow[] = [...stats.byOwner].map(([id, counts]) => ({
    owner: dims.owners.value(id),
    accounts: stats.ownerAccounts.get(id)?.size ?? 0,
    counts,
    ratio: complianceRatio(counts),
  }));
  const untagged = dims.owners.value(0);
  return owners.sort((a, b) =>
    a.owner === untagged ? -1 : b.owner === untagged ? 1 : compareText(a.owner, b.owner),
  );
}

/** One row per region with evaluations. */
export function regionRows(stats: Stats, dims: Dimensions): RegionRow[] {
  return [...stats.byRegion]
    .map(([id, counts]) => ({ region: dims.regions.value(id), counts, ratio: complianceRatio(counts) }))
    .sort((a, b) => compareText(a.region, b.region));
}
