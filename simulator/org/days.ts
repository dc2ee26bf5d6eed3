/**
 * How a synthetic account-region moves from one day to the next. Day N is day N-1 changed by one
 * step, and each step draws from its own PRNG seeded by (seed, account, region, day): so a fixed
 * finding stays fixed unless it newly fails again, and replaying days 1..N always gives the same
 * day N, whatever was cached or evicted on the way.
 */
import { ACCOUNT_RESOURCE_TYPE } from './catalog.js';
import type { SimEval, SimRegionData, SimResource } from './model.js';
import type { Prng } from './prng.js';
import { invokedTime, judge, type RuleJudgement, resourcesByType } from './syntheticRules.js';

/** One day in epoch milliseconds. */
export const DAY_MS = 86_400_000;

/** What changes from one day to the next, each a share (0..1) drawn independently per item. */
export interface DayChangeRates {
  /** Share of NON_COMPLIANT evaluations that become COMPLIANT. */
  fixed: number;
  /** Share of COMPLIANT evaluations that become NON_COMPLIANT. */
  newlyFailing: number;
  /** Share of resources deleted (their evaluations disappear); never the account itself. */
  deleted: number;
  /** New resources per day as a share of the resources there were (judged like day 0's). */
  created: number;
}

/** Default day-over-day change: ~10 % of failures fixed, ~3 % newly failing, ~1 % deleted, ~1 % new. */
export const DEFAULT_DAY_CHANGES: Readonly<DayChangeRates> = {
  fixed: 0.1,
  newlyFailing: 0.03,
  deleted: 0.01,
  created: 0.01,
};

/** What one step needs besides the previous day. */
export interface DayStep {
  /** The PRNG of this (account-region, day); nothing else draws from it. */
  rng: Prng;
  /** The day being made (1 or more). */
  day: number;
  /** The data's "now" of day 0; day N's is `epochMs + N · DAY_MS`. */
  epochMs: number;
  rates: Readonly<DayChangeRates>;
  /** Parallel to the region's rules. */
  judgements: readonly RuleJudgement[];
  /** Makes `count` new resources (unique ids, not among `existing`). */
  createResources(rng: Prng, count: number, existing: ReadonlySet<string>): SimResource[];
}

/** Makes day `step.day` from the previous day's data (which it never changes). */
export function nextDay(prev: SimRegionData, step: DayStep): SimRegionData {
  const { rng, rates } = step;
  const nowMs = step.epochMs + step.day * DAY_MS;
  const deleted = new Set<SimResource>();
  for (const resource of prev.resources) {
    if (resource.type !== ACCOUNT_RESOURCE_TYPE && rng.chance(rates.deleted)) deleted.add(resource);
  }
  const existing = new Set(prev.resources.map((r) => `${r.type}|${r.id}`));
  const created = step.createResources(
    rng,
    roundShare(rng, (prev.resources.length - 1) * rates.created),
    existing,
  );
  const resources = [...prev.resources.filter((r) => !deleted.has(r)), ...created];
  const createdByType = resourcesByType(created);
  const evaluations = prev.rules.map((rule, i) => {
    // Every rule runs once a day: all its results are recorded again, changed or not.
    const invokedAt = invokedTime(rng, nowMs);
    const evals: SimEval[] = [];
    for (const e of prev.evaluations[i]!) {
      if (deleted.has(e.resource)) continue;
      evals.push(rejudge(rng, e, step.judgements[i]!, invokedAt, rates));
    }
    for (const type of rule.resourceTypes) {
      for (const resource of createdByType.get(type) ?? [])
        evals.push(judge(rng, resource, step.judgements[i]!, invokedAt));
    }
    return evals;
  });
  return { ...prev, evaluations, resources };
}

/** Yesterday's evaluation as the rule records it today: maybe fixed, maybe newly failing. */
function rejudge(
  rng: Prng,
  e: SimEval,
  judgement: RuleJudgement,
  invokedAt: number,
  rates: Readonly<DayChangeRates>,
): SimEval {
  const roll = rng.next();
  const times = { resultRecordedTime: invokedAt + 500 + rng.int(60_000), configRuleInvokedTime: invokedAt };
  const { resource } = e;
  if (e.complianceType === 'NON_COMPLIANT') {
    return roll < rates.fixed
      ? { resource, complianceType: 'COMPLIANT', ...times }
      : {
          resource,
          complianceType: 'NON_COMPLIANT',
          annotation: e.annotation ?? judgement.annotation,
          ...times,
        };
  }
  if (e.complianceType === 'COMPLIANT' && roll < rates.newlyFailing) {
    return { resource, complianceType: 'NON_COMPLIANT', annotation: judgement.annotation, ...times };
  }
  return { resource, complianceType: e.complianceType, ...times };
}

/** `x` rounded down or up at random so that its expectation is `x` (one draw). */
function roundShare(rng: Prng, x: number): number {
  const whole = Math.floor(x);
  return whole + (rng.chance(x - whole) ? 1 : 0);
}

/** Rates with the defaults filled in; throws a RangeError naming a rate outside 0..1. */
export function dayChangeRates(rates: Partial<DayChangeRates> = {}): DayChangeRates {
  const out = { ...DEFAULT_DAY_CHANGES, ...rates };
  for (const [name, value] of Object.entries(out)) {
    if (!(value >= 0 && value <= 1))
      throw new RangeError(`dayChanges.${name} must be between 0 and 1, got ${value}`);
  }
  return out;
}
