/**
 * The one text order of the code base: by UTF-16 code units, like `Array.prototype.sort` without a
 * comparator. Not `localeCompare`: reports must sort the same on every machine and locale.
 */

/** Orders two strings by code units (deterministic, locale-free). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A comparator of objects by one text field. */
export function byText<T>(field: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => compareText(field(a), field(b));
}
