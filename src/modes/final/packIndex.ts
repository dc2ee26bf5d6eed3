/**
 * Conformance packs across accounts: a pack deployed in many account-regions (an organization
 * pack under a per-member suffix included) is one row, with AWS's compliance score over its rules'
 * rule-resource combinations.
 */
import { compareText } from '../../core/compare.js';
import { logicalPackName } from '../../core/logicalRules.js';
import type { PackRow } from '../../report/model.js';

const SEP = '\u0000';

/** A conformance pack (across accounts) being summed up. */
export interface PackGroup {
  name: string;
  accounts: Set<string>;
  accountRegions: Set<string>;
  nonCompliantAccountRegions: Set<string>;
  rules: Set<number>;
  compliant: number;
  nonCompliant: number;
}

/** Packs by their name across accounts. */
export class PackIndex {
  readonly #ids = new Map<string, number>();
  readonly #groups: PackGroup[] = [];

  /** The id of the pack named `name` (a name across accounts), created on first sight. */
  id(name: string): number {
    let id = this.#ids.get(name);
    if (id === undefined) {
      id = this.#groups.length;
      this.#ids.set(name, id);
      this.#groups.push({
        name,
        accounts: new Set(),
        accountRegions: new Set(),
        nonCompliantAccountRegions: new Set(),
        rules: new Set(),
        compliant: 0,
        nonCompliant: 0,
      });
    }
    return id;
  }

  /** The pack being summed up. */
  group(id: number): PackGroup {
    return this.#groups[id]!;
  }

  /** The pack is deployed in this account-region. */
  deployedIn(id: number, accountId: string, region: string): void {
    const group = this.#groups[id]!;
    group.accounts.add(accountId);
    group.accountRegions.add(`${accountId}${SEP}${region}`);
  }

  /** A pack a shard header lists, with the compliance Config reports for it there. */
  addHeaderPack(pack: {
    account_id: string;
    region: string;
    pack_name: string;
    compliance_type: string;
  }): void {
    const id = this.id(logicalPackName(pack.pack_name));
    this.deployedIn(id, pack.account_id, pack.region);
    if (pack.compliance_type === 'NON_COMPLIANT')
      this.#groups[id]!.nonCompliantAccountRegions.add(`${pack.account_id}${SEP}${pack.region}`);
  }

  /** One row per pack, worst first: most non-compliant, lowest score (no data last), name. */
  rows(): PackRow[] {
    return this.#groups
      .map((g) => {
        const total = g.compliant + g.nonCompliant;
        return {
          packName: g.name,
          accounts: g.accounts.size,
          accountRegions: g.accountRegions.size,
          nonCompliantAccountRegions: g.nonCompliantAccountRegions.size,
          rules: g.rules.size,
          compliant: g.compliant,
          nonCompliant: g.nonCompliant,
          score: total === 0 ? null : g.compliant / total,
        };
      })
      .sort(
        (a, b) =>
          b.nonCompliant - a.nonCompliant ||
          (a.score ?? 2) - (b.score ?? 2) ||
          compareText(a.packName, b.packName),
      );
  }
}
