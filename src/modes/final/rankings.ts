/**
 * The Rules, Owners and Regions sheets' rows, from the statistics and the rules the shard headers
 * describe. Each is sorted by its label (Owners: the untagged row first).
 */
import { compareText } from '../../core/compare.js';
import type { HeaderMerger } from '../../core/merge.js';
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
 * One row per owner tag value, the untagged resources first. Untagged is told apart by its id, not
 * its label, so an owner whose tag value reads like the label is still a row of its own.
 */
export function ownerRows(stats: Stats, dims: Dimensions): OwnerRow[] {
  const owners = [...stats.byOwner].map(([id, counts]) => ({
    untagged: id === UNTAGGED_OWNER_ID,
    row: {
      owner: ownerLabel(dims.owners.value(id)),
      accounts: stats.ownerAccounts.get(id)?.size ?? 0,
      counts,
      ratio: complianceRatio(counts),
    } satisfies OwnerRow,
  }));
  owners.sort((a, b) => (a.untagged ? -1 : b.untagged ? 1 : compareText(a.row.owner, b.row.owner)));
  return owners.map((o) => o.row);
}

/** One row per region with evaluations. */
export function regionRows(stats: Stats, dims: Dimensions): RegionRow[] {
  return [...stats.byRegion]
    .map(([id, counts]) => ({ region: dims.regions.value(id), counts, ratio: complianceRatio(counts) }))
    .sort((a, b) => compareText(a.region, b.region));
}
