/**
 * "Who must act" order: the sheets that answer it (Accounts, Owners, the Summary's top owners and
 * OUs) list the most non-compliant evaluations first, because that is the work waiting; a low
 * ratio breaks ties (the same count of findings weighs more in a small estate), then the label,
 * so the order is total and the same on every machine. Pure.
 */
import { compareText } from './compare.js';
import { type Counts, complianceRatio } from './stats.js';

/**
 * Compares two items: more non-compliant first, then lower compliance ratio (no data — a null
 * ratio — after every ratio: nothing is known to be wrong there), then label by code units.
 */
export function compareWorkFirst<T>(
  countsOf: (item: T) => Counts,
  labelOf: (item: T) => string,
): (a: T, b: T) => number {
  return (a, b) => {
    const ca = countsOf(a);
    const cb = countsOf(b);
    if (ca.nonCompliant !== cb.nonCompliant) return cb.nonCompliant - ca.nonCompliant;
    const ra = complianceRatio(ca);
    const rb = complianceRatio(cb);
    if (ra !== rb) {
      if (ra === null) return 1;
      if (rb === null) return -1;
      return ra - rb;
    }
    return compareText(labelOf(a), labelOf(b));
  };
}

/** A sorted copy of `items` in {@link compareWorkFirst} order. */
export function sortWorkFirst<T>(
  items: readonly T[],
  countsOf: (item: T) => Counts,
  labelOf: (item: T) => string,
): T[] {
  return [...items].sort(compareWorkFirst(countsOf, labelOf));
}
