/**
 * The Rules and Conformance packs sheets' rows: rule instances grouped into logical rules
 * (src/core/logicalRules.ts), packs grouped by their name across accounts.
 *
 * Memory stays bounded: every interned rule name is mapped to its logical rule once, into a typed
 * array; the winners are then walked once over their typed columns, with no object per record.
 * Counts come from the per-name statistics (which already hold the INSUFFICIENT_DATA of deployed
 * rules without results), so every number adds up with the other sheets.
 */
import { compareText } from '../../core/compare.js';
import { complianceCode } from '../../core/dedupe.js';
import { creatorLabel, logicalPackName, logicalRuleOf } from '../../core/logicalRules.js';
import type { HeaderMerger } from '../../core/merge.js';
import { addCounts, type Counts, complianceRatio, emptyCounts, type Stats } from '../../core/stats.js';
import type { WinnerTable } from '../../core/winnerTable.js';
import type { PackRow, RuleRow } from '../../report/model.js';
import type { Dimensions } from './shards.js';

/** What pass 1 left that the grouping reads. */
export interface LogicalRuleInput {
  stats: Stats;
  dims: Dimensions;
  merger: HeaderMerger;
  table: WinnerTable;
}

/** A logical rule being summed up. */
interface RuleGroup {
  name: string;
  counts: Counts;
  instances: number;
  creators: Set<string>;
  owners: Set<string>;
  identifiers: Set<string>;
  packs: Set<string>;
  description: string;
}

/** A conformance pack (across accounts) being summed up. */
interface PackGroup {
  name: string;
  accounts: Set<string>;
  accountRegions: Set<string>;
  nonCompliantAccountRegions: Set<string>;
  rules: Set<number>;
  compliant: number;
  nonCompliant: number;
}

/** No pack for the rule name (`packOfRule`), or instances of one name in different packs. */
const NO_PACK = -1;
const MIXED = -2;
const SEP = '\u0000';

/** Rule and pack rows, each worst first. */
export function logicalRuleRows(input: LogicalRuleInput): { rules: RuleRow[]; packs: PackRow[] } {
  const { dims, merger } = input;
  const ruleCount = dims.rules.size;
  const logicalOf = new Uint32Array(ruleCount);
  const groups: RuleGroup[] = [];
  const groupIds = new Map<string, number>();
  const packs = new PackIndex();
  const packOfRule = new Int32Array(ruleCount).fill(NO_PACK);
  const packSeen = new Uint8Array(ruleCount);
  const mixedPacks = new Map<string, number>();
  const named = new Uint8Array(ruleCount);
  const accountPairs = new Set<number>();

  const groupOf = (name: string): number => {
    let id = groupIds.get(name);
    if (id === undefined) {
      id = groups.length;
      groupIds.set(name, id);
      groups.push(newGroup(name));
    }
    return id;
  };

  // Each instance the headers describe: its identity names the logical rule (first instance of a
  // name decides, in account, region order), its pack ties it to the pack.
  const instances = merger.rules();
  const packOfInstance = new Int32Array(instances.length);
  for (const [i, rule] of instances.entries()) {
    const id = dims.rules.peek(rule.rule_name);
    if (id === undefined) continue;
    const identity = logicalRuleOf({
      ruleName: rule.rule_name,
      sourceOwner: rule.source_owner,
      sourceIdentifier: rule.source_identifier,
      createdBy: rule.created_by,
    });
    if (named[id] === 0) {
      named[id] = 1;
      logicalOf[id] = groupOf(identity.name);
    }
    const logical = logicalOf[id]!;
    const group = groups[logical]!;
    group.creators.add(creatorLabel(identity.creator, rule.created_by));
    if (rule.source_owner !== '') group.owners.add(rule.source_owner);
    if (rule.source_identifier !== '') group.identifiers.add(rule.source_identifier);
    if (group.description === '') group.description = rule.description;
    const account = dims.accounts.peek(rule.account_id);
    if (account !== undefined) accountPairs.add(pairKey(logical, account));
    const pack =
      rule.conformance_pack === undefined ? NO_PACK : packs.id(logicalPackName(rule.conformance_pack));
    packOfInstance[i] = pack;
    if (pack !== NO_PACK) {
      group.packs.add(packs.group(pack).name);
      packs.group(pack).rules.add(logical);
      packs.deployedIn(pack, rule.account_id, rule.region);
    }
    if (packSeen[id] === 0) {
      packSeen[id] = 1;
      packOfRule[id] = pack;
    } else if (packOfRule[id] !== pack) {
      packOfRule[id] = MIXED;
    }
  }
  // A name whose instances sit in different packs (or some in none) is looked up per instance.
  for (const [i, rule] of instances.entries()) {
    const id = dims.rules.peek(rule.rule_name);
    if (id !== undefined && packOfRule[id] === MIXED)
      mixedPacks.set(`${rule.account_id}${SEP}${rule.region}${SEP}${id}`, packOfInstance[i]!);
  }
  // Names only records carry (no header listed them) are their own logical rule.
  for (let id = 0; id < ruleCount; id++) {
    if (named[id] === 0) logicalOf[id] = groupOf(logicalRuleOf({ ruleName: dims.rules.value(id) }).name);
  }
  for (const pack of merger.conformancePacks()) packs.addHeaderPack(pack);

  for (const [id, counts] of input.stats.byRule) {
    const group = groups[logicalOf[id]!]!;
    addCounts(group.counts, counts);
    group.instances += input.stats.ruleAccountRegions.get(id) ?? 0;
  }
  walkWinners(input, { logicalOf, packOfRule, mixedPacks, packs, accountPairs });

  const accounts = new Uint32Array(groups.length);
  for (const pair of accountPairs) accounts[Math.floor(pair / ACCOUNT_SPAN)]!++;
  const rules = groups.map((g, i) => ruleRow(g, accounts[i]!)).sort(worstRuleFirst);
  return { rules, packs: packs.rows() };
}

const COMPLIANT = complianceCode('COMPLIANT');
const NON_COMPLIANT = complianceCode('NON_COMPLIANT');

/** Account ids are far below 2^20 (an organization holds at most a few thousand accounts). */
const ACCOUNT_SPAN = 1_048_576;
const pairKey = (logical: number, account: number): number => logical * ACCOUNT_SPAN + account;

/**
 * One pass over the winners: the accounts each logical rule was evaluated in (consecutive winners
 * of one account and rule are folded, so the set sees about one add per instance), and the
 * compliant / non-compliant combinations of every pack's rules.
 */
function walkWinners(
  input: LogicalRuleInput,
  maps: {
    logicalOf: Uint32Array;
    packOfRule: Int32Array;
    mixedPacks: Map<string, number>;
    packs: PackIndex;
    accountPairs: Set<number>;
  },
): void {
  const { table, dims } = input;
  const { logicalOf, packOfRule, mixedPacks, packs, accountPairs } = maps;
  let lastAccount = -1;
  let lastRule = -1;
  for (let slot = 0; slot < table.size; slot++) {
    const account = table.account[slot]!;
    const rule = table.rule[slot]!;
    if (account !== lastAccount || rule !== lastRule) {
      accountPairs.add(pairKey(logicalOf[rule]!, account));
      lastAccount = account;
      lastRule = rule;
    }
    let pack = packOfRule[rule]!;
    if (pack === NO_PACK) continue;
    if (pack === MIXED) {
      const key = `${dims.accounts.value(account)}${SEP}${dims.regions.value(table.region[slot]!)}${SEP}${rule}`;
      pack = mixedPacks.get(key) ?? NO_PACK;
      if (pack === NO_PACK) continue;
    }
    const code = table.compliance[slot]!;
    if (code === COMPLIANT) packs.group(pack).compliant++;
    else if (code === NON_COMPLIANT) packs.group(pack).nonCompliant++;
  }
}

function newGroup(name: string): RuleGroup {
  return {
    name,
    counts: emptyCounts(),
    instances: 0,
    creators: new Set(),
    owners: new Set(),
    identifiers: new Set(),
    packs: new Set(),
    description: '',
  };
}

const joined = (values: Set<string>): string => [...values].sort(compareText).join(', ');

function ruleRow(g: RuleGroup, accounts: number): RuleRow {
  return {
    ruleName: g.name,
    createdBy: joined(g.creators),
    sourceOwner: joined(g.owners),
    sourceIdentifier: joined(g.identifiers),
    conformancePacks: [...g.packs].sort(compareText),
    description: g.description,
    instances: g.instances,
    accounts,
    counts: g.counts,
    ratio: complianceRatio(g.counts),
  };
}

/** Worst first: most non-compliant, then lowest ratio (no data last), then name. */
export function worstRuleFirst(a: RuleRow, b: RuleRow): number {
  return (
    b.counts.nonCompliant - a.counts.nonCompliant ||
    (a.ratio ?? 2) - (b.ratio ?? 2) ||
    compareText(a.ruleName, b.ruleName)
  );
}

/**
 * Summary's worst rules: the logical rules with the most non-compliant evaluations (then the lowest
 * ratio, then name) among those with at least `minEvaluations` compliant + non-compliant ones.
 * `rules` is already in that order.
 */
export function worstRules(rules: readonly RuleRow[], minEvaluations: number, limit: number): RuleRow[] {
  return rules
    .filter((r) => r.counts.compliant + r.counts.nonCompliant >= minEvaluations && r.counts.nonCompliant > 0)
    .slice(0, Math.max(0, limit));
}

/** Packs by their name across accounts. */
class PackIndex {
  readonly #ids = new Map<string, number>();
  readonly #groups: PackGroup[] = [];

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

  group(id: number): PackGroup {
    return this.#groups[id]!;
  }

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
