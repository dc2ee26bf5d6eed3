/**
 * The Owners and Regions rows, from the statistics: Owners most non-compliant first
 * (src/core/ranking.ts), Regions by label. The Rules rows are logical rules (logicalRuleRows.ts).
 */
import { compareText } from '../../core/compare.js';
import { sortWorkFirst } from '../../core/ranking.js';
import { complianceRatio, type Stats } from '../../core/stats.js';
import type { OwnerRow, RegionRow } from '../../report/model.js';
import type { Dimensions } from './shards.js';
import { ownerLabel, UNTAGGED_OWNER_ID } from './tags.js';

/**
 * One row per owner tag value, the untagged resources included, most non-compliant first. Untagged
 * is told apart by its id, not its label, so an owner whose tag value reads like the label is still
 * a row of its own. `resourcesByOwner`: distinct non-compliant resources by owner id.
 */
export function ownerRows(
  stats: Stats,
  dims: Dimensions,
  resourcesByOwner: ReadonlyMap<number, number>,
): OwnerRow[] {
  const owners: OwnerRow[] = [...stats.byOwner].map(([id, counts]) => ({
    owner: ownerLabel(dims.owners.value(id)),
    untagged: id === UNTAGGED_OWNER_ID,
    accounts: stats.ownerAccounts.get(id)?.size ?? 0,
    nonCompliantResources: resourcesByOwner.get(id) ?? 0,
    counts,
    ratio: complianceRatio(counts),
  }));
  return sortWorkFirst(
    owners,
    (o) => o.counts,
    (o) => o.owner,
  );
}

/** One row per region with evaluations. */
export function regionRows(stats: Stats, dims: Dimensions): RegionRow[] {
  return [...stats.byRegion]
    .map(([id, counts]) => ({ region: dims.regions.value(id), counts, ratio: complianceRatio(counts) }))
    .sort((a, b) => compareText(a.region, b.region));
}
