/**
 * Sheet-name rules Excel enforces when it opens a file (a broken name makes it "repair" the
 * workbook): 1–31 characters, none of `\ / ? * : [ ]`, no leading or trailing apostrophe, not the
 * reserved `History`, and unique ignoring case.
 */
import { stripIllegalXml, truncateUtf16 } from './text.js';

/** Excel's limit on sheet-name length (UTF-16 code units). */
export const MAX_SHEET_NAME = 31;

const FORBIDDEN = /[\\/?*:[\]]/g;
const EDGE_APOSTROPHES = /^'+|'+$/g;
const FALLBACK = 'Sheet';

/** Makes one name valid on its own (not yet unique). Forbidden characters become `_`. */
export function sanitizeSheetName(requested: string): string {
  let name = stripIllegalXml(requested).replace(FORBIDDEN, '_').replace(EDGE_APOSTROPHES, '').trim();
  name = truncateUtf16(name, MAX_SHEET_NAME).replace(EDGE_APOSTROPHES, '').trim();
  return name.length === 0 ? FALLBACK : name;
}

/** `base (n)`, cutting `base` so the result stays within 31 characters. */
export function suffixedName(base: string, n: number): string {
  const suffix = ` (${n})`;
  const cut = truncateUtf16(base, MAX_SHEET_NAME - suffix.length)
    .replace(EDGE_APOSTROPHES, '')
    .trimEnd();
  return (cut.length === 0 ? FALLBACK : cut) + suffix;
}

/**
 * Hands out valid, case-insensitively unique sheet names. `History` is reserved by Excel, so it
 * starts out taken and a sheet asking for it gets `History (2)`.
 */
export class SheetNameRegistry {
  readonly #taken = new Set<string>(['history']);

  /**
   * Returns the name to use for `requested` and whether it differs from what was asked.
   * `continuationOf` names the parts of a split sheet: `Details` → `Details (2)`, `Details (3)`…;
   * such designed names do not count as changed.
   */
  claim(
    requested: string,
    continuationOf?: { base: string; part: number },
  ): { name: string; changed: boolean } {
    const wanted = continuationOf ? suffixedName(continuationOf.base, continuationOf.part) : requested;
    let name = continuationOf ? wanted : sanitizeSheetName(requested);
    let n = continuationOf ? continuationOf.part + 1 : 2;
    while (this.#taken.has(key(name))) {
      name = suffixedName(continuationOf ? continuationOf.base : sanitizeSheetName(requested), n);
      n++;
    }
    this.#taken.add(key(name));
    return { name, changed: name !== wanted };
  }
}

// Excel compares sheet names case-insensitively, including non-ASCII letters.
const key = (name: string): string => name.toLocaleUpperCase('en-US').toLocaleLowerCase('en-US');
