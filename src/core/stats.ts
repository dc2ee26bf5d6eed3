/**
 * Compliance statistics, pure. Compliance % = compliant ÷ (compliant + non-compliant);
 * NOT_APPLICABLE and INSUFFICIENT_DATA are counted and shown but never enter the ratio, and no data
 * gives no ratio (null, a blank cell), never 0.
 *
 * INSUFFICIENT_DATA comes from two places: evaluations that carry it, and rules that are deployed in
 * an account-region but have no evaluation at all there (AWS Config shows those rules as
 * "Insufficient data"); each such rule counts once per account-region.
 */
import { compareText } from './compare.js';
import { type ComplianceType, Environment } from './model.js';

/** Counts of evaluations by compliance type. */
export interface Counts {
  compliant: number;
  nonCompliant: number;
  notApplicable: number;
  insufficientData: number;
}

/** A zeroed Counts. */
export function emptyCounts(): Counts {
  return { compliant: 0, nonCompliant: 0, notApplicable: 0, insufficientData: 0 };
}

/** Every evaluation counted (all four types). */
export function totalOf(c: Counts): number {
  return c.compliant + c.nonCompliant + c.notApplicable + c.insufficientData;
}

/** compliant ÷ (compliant + non-compliant), or null when both are 0. */
export function complianceRatio(c: Counts): number | null {
  const denominator = c.compliant + c.nonCompliant;
  return denominator === 0 ? null : c.compliant / denominator;
}

/** Adds `b` into `a`. */
export function addCounts(a: Counts, b: Counts): void {
  a.compliant += b.compliant;
  a.nonCompliant += b.nonCompliant;
  a.notApplicable += b.notApplicable;
  a.insufficientData += b.insufficientData;
}

function bump(c: Counts, type: ComplianceType): void {
  if (type === 'COMPLIANT') c.compliant++;
  else if (type === 'NON_COMPLIANT') c.nonCompliant++;
  else if (type === 'NOT_APPLICABLE') c.notApplicable++;
  else c.insufficientData++;
}

function countsIn<K>(map: Map<K, Counts>, key: K): Counts {
  let c = map.get(key);
  if (!c) {
    c = emptyCounts();
    map.set(key, c);
  }
  return c;
}

/** The aggregates final mode reports. Dimension values are interned ids. */
export interface Stats {
  overall: Counts;
  byAccount: Map<number, Counts>;
  byRegion: Map<number, Counts>;
  byRule: Map<number, Counts>;
  byOwner: Map<number, Counts>;
  /** Distinct accounts in which each owner has evaluated resources. */
  ownerAccounts: Map<number, Set<number>>;
  /** Account-regions in which each rule is deployed or evaluated. */
  ruleAccountRegions: Map<number, number>;
  /** Synthetic INSUFFICIENT_DATA entries (deployed rules with no evaluation), included in the counts. */
  rulesWithoutResults: number;
}

// Account and region ids are small (< 2^32, < 2^16), so one safe integer names an account-region.
const arKey = (account: number, region: number): number => account * 65_536 + region;

/** Accumulates statistics from deduped evaluations, then from the rules each shard saw deployed. */
export class StatsBuilder {
  readonly #stats: Stats = {
    overall: emptyCounts(),
    byAccount: new Map(),
    byRegion: new Map(),
    byRule: new Map(),
    byOwner: new Map(),
    ownerAccounts: new Map(),
    ruleAccountRegions: new Map(),
    rulesWithoutResults: 0,
  };
  /** account-region → rules with at least one evaluation there. */
  readonly #evaluated = new Map<number, Set<number>>();
  /** account-region → rules already counted as deployed (a rule listed twice counts once). */
  readonly #deployed = new Map<number, Set<number>>();
  #evaluationsClosed = false;

  /** Adds one (deduped) evaluation. */
  addEvaluation(account: number, region: number, rule: number, owner: number, type: ComplianceType): void {
    if (this.#evaluationsClosed) throw new Error('evaluations must be added before deployed rules');
    const s = this.#stats;
    bump(s.overall, type);
    bump(countsIn(s.byAccount, account), type);
    bump(countsIn(s.byRegion, region), type);
    bump(countsIn(s.byRule, rule), type);
    bump(countsIn(s.byOwner, owner), type);
    let accounts = s.ownerAccounts.get(owner);
    if (!accounts) {
      accounts = new Set();
      s.ownerAccounts.set(owner, accounts);
    }
    accounts.add(account);
    const key = arKey(account, region);
    let rules = this.#evaluated.get(key);
    if (!rules) {
      rules = new Set();
      this.#evaluated.set(key, rules);
    }
    if (!rules.has(rule)) {
      rules.add(rule);
      s.ruleAccountRegions.set(rule, (s.ruleAccountRegions.get(rule) ?? 0) + 1);
    }
  }

  /**
   * Declares a rule deployed in an account-region (from the shard headers). With no evaluation there
   * it counts as one INSUFFICIENT_DATA for the account, region, rule and overall, unless `failed`
   * (the rule could not be read: that is a coverage problem, not a compliance state).
   */
  addDeployedRule(account: number, region: number, rule: number, failed: boolean): void {
    this.#evaluationsClosed = true;
    const key = arKey(account, region);
    let seen = this.#deployed.get(key);
    if (!seen) {
      seen = new Set();
      this.#deployed.set(key, seen);
    }
    if (seen.has(rule)) return;
    seen.add(rule);
    if (this.#evaluated.get(key)?.has(rule)) return;
    const s = this.#stats;
    s.ruleAccountRegions.set(rule, (s.ruleAccountRegions.get(rule) ?? 0) + 1);
    if (!s.byRule.has(rule)) s.byRule.set(rule, emptyCounts());
    if (failed) return;
    s.rulesWithoutResults++;
    s.overall.insufficientData++;
    countsIn(s.byAccount, account).insufficientData++;
    countsIn(s.byRegion, region).insufficientData++;
    countsIn(s.byRule, rule).insufficientData++;
  }

  /** The statistics so far. */
  result(): Stats {
    return this.#stats;
  }
}

/** Per-environment aggregate. */
export interface EnvironmentStats {
  environment: Environment;
  accounts: number;
  counts: Counts;
}

/**
 * Aggregates account counts by environment. Every account in `environmentOf` counts toward its
 * environment's account total, with or without evaluations. Always returns Prod, Non-Prod,
 * Unclassified in that order.
 */
export function statsByEnvironment(
  byAccount: ReadonlyMap<number, Counts>,
  environmentOf: ReadonlyMap<number, Environment>,
): EnvironmentStats[] {
  const order = [Environment.Prod, Environment.NonProd, Environment.Unclassified];
  const out = new Map<Environment, EnvironmentStats>(
    order.map((environment) => [environment, { environment, accounts: 0, counts: emptyCounts() }]),
  );
  for (const [account, environment] of environmentOf) {
    const entry = out.get(environment)!;
    entry.accounts++;
    const counts = byAccount.get(account);
    if (counts) addCounts(entry.counts, counts);
  }
  return order.map((environment) => out.get(environment)!);
}

/** Ranking for "worst" lists: lowest ratio first, then most non-compliant, then by label. No-data entries are left out. */
export function worstFirst<T>(
  items: readonly T[],
  countsOf: (item: T) => Counts,
  labelOf: (item: T) => string,
  limit: number,
): T[] {
  return items
    .filter((item) => complianceRatio(countsOf(item)) !== null)
    .sort((a, b) => {
      const ca = countsOf(a);
      const cb = countsOf(b);
      const ra = complianceRatio(ca)!;
      const rb = complianceRatio(cb)!;
      if (ra !== rb) return ra - rb;
      if (ca.nonCompliant !== cb.nonCompliant) return cb.nonCompliant - ca.nonCompliant;
      return compareText(labelOf(a), labelOf(b));
    })
    .slice(0, Math.max(0, limit));
}
