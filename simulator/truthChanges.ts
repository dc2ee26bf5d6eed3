/**
 * Day-over-day changes between two ground truths (e.g. `groundTruth({ day: 1 })` and
 * `groundTruth({ day: 2 })`), computed from the truth alone so a test of the report's comparison
 * has an independent answer. A finding is a NON_COMPLIANT evaluation; an evaluation is one
 * (account, region, rule, resource type, resource id).
 */
import type { SimEvaluation } from './types.js';

/** The identity of an evaluation across days. */
export function evaluationKey(e: SimEvaluation): string {
  return `${e.accountId}|${e.region}|${e.ruleName}|${e.resourceType}|${e.resourceId}`;
}

/** How the findings of `before` became those of `after` (every list in `after`'s / `before`'s order). */
export interface TruthChanges {
  /** NON_COMPLIANT after, not NON_COMPLIANT before (new or previously compliant). */
  newlyFailing: SimEvaluation[];
  /** NON_COMPLIANT on both days (the evaluation of `after`). */
  stillFailing: SimEvaluation[];
  /** NON_COMPLIANT before and COMPLIANT or NOT_APPLICABLE after (the evaluation of `after`). */
  fixed: SimEvaluation[];
  /** NON_COMPLIANT before and absent after: resource deleted, or account/region no longer read. */
  gone: SimEvaluation[];
}

/** Compares two ground truths (see {@link TruthChanges}). */
export function truthChanges(
  before: readonly SimEvaluation[],
  after: readonly SimEvaluation[],
): TruthChanges {
  const failingBefore = new Map<string, SimEvaluation>();
  for (const e of before) if (e.complianceType === 'NON_COMPLIANT') failingBefore.set(evaluationKey(e), e);
  const changes: TruthChanges = { newlyFailing: [], stillFailing: [], fixed: [], gone: [] };
  const seen = new Set<string>();
  for (const e of after) {
    const key = evaluationKey(e);
    seen.add(key);
    const failing = e.complianceType === 'NON_COMPLIANT';
    if (failingBefore.has(key)) (failing ? changes.stillFailing : changes.fixed).push(e);
    else if (failing) changes.newlyFailing.push(e);
  }
  for (const [key, e] of failingBefore) if (!seen.has(key)) changes.gone.push(e);
  return changes;
}
