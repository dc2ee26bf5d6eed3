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
import type { ShardRule } from '../../core/model.js';
import { addCounts, type Counts, complianceRatio, emptyCounts, type Stats } from '../../core/stats.js';
import type { WinnerTable } from '../../core/winnerTable.js';
import type { PackRow, RuleRow } from '../../report/model.js';
import { PackIndex } from './packIndex.js';
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

/** No pack for the rule name (`packOfRule`), or instances of one name in different packs. */
const NO_PACK = -1;
const MIXED = -2;
const SEP = '\u0000';

/** Rule and pack rows, each worst first. */
export function logicalRuleRows(input: LogicalRuleInput): { rules: RuleRow[]; packs: PackRow[] } {
  const builder = new LogicalRules(input);
  const instances = input.merger.rules();
  const packOfInstance = instances.map((rule) => builder.addInstance(rule));
  builder.resolveMixedPacks(instances, packOfInstance);
  builder.nameTheRest();
  for (const pack of input.merger.conformancePacks()) builder.packs.addHeaderPack(pack);
  builder.addCounts();
  walkWinners(input, builder);
  return { rules: builder.rows(), packs: builder.packs.rows() };
}

/** The grouping under way: interned rule name → logical rule, and what each group has seen. */
class LogicalRules {
  readonly logicalOf: Uint32Array;
  /** Pack id of every instance of a name, NO_PACK, or MIXED (then see `mixedPacks`). */
  readonly packOfRule: Int32Array;
  readonly mixedPacks = new Map<string, number>();
  readonly packs = new PackIndex();
  /** (logical rule, account) pairs, as numbers. */
  readonly accountPairs = new Set<number>();
  readonly #groups: RuleGroup[] = [];
  readonly #groupIds = new Map<string, number>();
  readonly #named: Uint8Array;
  readonly #packSeen: Uint8Array;

  constructor(readonly input: LogicalRuleInput) {
    const ruleCount = input.dims.rules.size;
    this.logicalOf = new Uint32Array(ruleCount);
    this.packOfRule = new Int32Array(ruleCount).fill(NO_PACK);
    this.#named = new Uint8Array(ruleCount);
    this.#packSeen = new Uint8Array(ruleCount);
  }

  /**
   * One instance a header describes: the first instance of a name (in account, region order)
   * names its logical rule; every instance adds its creator, source, pack and account. Returns
   * the instance's pack id (or NO_PACK).
   */
  addInstance(rule: ShardRule): number {
    const { dims } = this.input;
    const id = dims.rules.peek(rule.rule_name);
    if (id === undefined) return NO_PACK;
    const identity = logicalRuleOf({
      ruleName: rule.rule_name,
      sourceOwner: rule.source_owner,
      sourceIdentifier: rule.source_identifier,
      createdBy: rule.created_by,
    });
    if (this.#named[id] === 0) {
      this.#named[id] = 1;
      this.logicalOf[id] = this.#groupOf(identity.name);
    }
    const logical = this.logicalOf[id]!;
    const group = this.#groups[logical]!;
    group.creators.add(creatorLabel(identity.creator, rule.created_by));
    if (rule.source_owner !== '') group.owners.add(rule.source_owner);
    if (rule.source_identifier !== '') group.identifiers.add(rule.source_identifier);
    if (group.description === '') group.description = rule.description;
    const account = dims.accounts.peek(rule.account_id);
    if (account !== undefined) this.accountPairs.add(pairKey(logical, account));
    const pack =
      rule.conformance_pack === undefined ? NO_PACK : this.packs.id(logicalPackName(rule.conformance_pack));
    if (pack !== NO_PACK) {
      group.packs.add(this.packs.group(pack).name);
      this.packs.group(pack).rules.add(logical);
      this.packs.deployedIn(pack, rule.account_id, rule.region);
    }
    if (this.#packSeen[id] === 0) {
      this.#packSeen[id] = 1;
      this.packOfRule[id] = pack;
    } else if (this.packOfRule[id] !== pack) {
      this.packOfRule[id] = MIXED;
    }
    return pack;
  }

  /** A name whose instances sit in different packs (or some in none) is looked up per instance. */
  resolveMixedPacks(instances: readonly ShardRule[], packOfInstance: readonly number[]): void {
    for (const [i, rule] of instances.entries()) {
      const id = this.input.dims.rules.peek(rule.rule_name);
      if (id !== undefined && this.packOfRule[id] === MIXED)
        this.mixedPacks.set(instanceKey(rule.account_id, rule.region, id), packOfInstance[i]!);
    }
  }

  /** Names only records carry (no header listed them) map by their name alone. */
  nameTheRest(): void {
    const { rules } = this.input.dims;
    for (let id = 0; id < rules.size; id++) {
      if (this.#named[id] === 0)
        this.logicalOf[id] = this.#groupOf(logicalRuleOf({ ruleName: rules.value(id) }).name);
    }
  }

  /** The per-name statistics, summed per logical rule. */
  addCounts(): void {
    const { stats } = this.input;
    for (const [id, counts] of stats.byRule) {
      const group = this.#groups[this.logicalOf[id]!]!;
      addCounts(group.counts, counts);
      group.instances += stats.ruleAccountRegions.get(id) ?? 0;
    }
  }

  /** One row per logical rule, worst first. */
  rows(): RuleRow[] {
    const accounts = new Uint32Array(this.#groups.length);
    for (const pair of this.accountPairs) accounts[Math.floor(pair / ACCOUNT_SPAN)]!++;
    return this.#groups.map((g, i) => ruleRow(g, accounts[i]!)).sort(worstRuleFirst);
  }

  #groupOf(name: string): number {
    let id = this.#groupIds.get(name);
    if (id === undefined) {
      id = this.#groups.length;
      this.#groupIds.set(name, id);
      this.#groups.push(newGroup(name));
    }
    return id;
  }
}

const instanceKey = (accountId: string, region: string, rule: number): string =>
  `${accountId}${SEP}${region}${SEP}${rule}`;

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
  maps: Pick<LogicalRules, 'logicalOf' | 'packOfRule' | 'mixedPacks' | 'packs' | 'accountPairs'>,
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
      const key = instanceKey(dims.accounts.value(account), dims.regions.value(table.region[slot]!), rule);
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

/** Distinct values shown in one cell before the rest is counted (per-account Lambda ARNs…). */
const SHOWN_VALUES = 3;

/** The distinct values, sorted and joined; beyond a few, `(+N more)`. */
function joined(values: Set<string>): string {
  const sorted = [...values].sort(compareText);
  const shown = sorted.slice(0, SHOWN_VALUES).join(', ');
  return sorted.length > SHOWN_VALUES ? `${shown} (+${sorted.length - SHOWN_VALUES} more)` : shown;
}

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
