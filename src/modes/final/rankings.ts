/**
 * The Rules, Owners and Regions sheets' rows, from the statistics and the rules the shard headers
 * describe. Rules and Regions are sorted by label; Owners most non-compliant first (src/core/ranking.ts).
 */
import { compareText } from '../../core/compare.js';
import type { HeaderMerger } from '../../core/merge.js';
import { sortWorkFirst } from '../../core/ranking.js';
import { complianceRatio, type Stats } from '../../core/stats.js';
import type { OwnerRow, RegionRow, RuleRow } from '../../report/model.js';
import type { Dimensions } from './shards.js';
import { ownerLabel, UNTAGGED_OWNER_ID } from './tags.js';

/** One row per rule with evaluations, with the source and description its first header gave. */
export function ruleRows(stats: Stats, dims: Dimensions, merger: HeaderMerger): RuleRow[] {
  const meta = new Map<string, { owner: string; identifier: string; description: string }>();
  for (const r of merger.rules()) {
    if (!meta.has(r.rule_name))
      meta.set(r.rule_name, {
        owner: r.source_owner,
        identifier: r.source_identifier,
        description: r.description,
      });
  }
  const rules: RuleRow[] = [...stats.byRule].map(([id, counts]) => {
    const ruleName = dims.rules.value(id);
    const known = meta.get(ruleName);
    return {
      ruleName,
      sourceOwner: known?.owner ?? '',
      sourceIdentifier: known?.identifier ?? '',
      description: known?.description ?? '',
      accountRegions: stats.ruleAccountRegions.get(id) ?? 0,
      counts,
      ratio: complianceRatio(counts),
    };
  });
  return rules.sort((a, b) => compareText(a.ruleName, b.ruleName));
}

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
