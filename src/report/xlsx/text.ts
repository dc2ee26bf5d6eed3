/**
 * Untrusted text → safe SpreadsheetML text. Every string cell, header and sheet name goes through
 * here, because every one of them may come from an AWS resource id, tag or annotation we do not
 * control. See docs/xlsx-writer.md ("Untrusted text").
 */
import type { SanitizeStats } from './types.js';

/** Excel's limit on the characters (UTF-16 code units) in one cell. */
export const MAX_CELL_CHARS = 32_767;

/**
 * Characters XML 1.0 forbids: C0 controls except tab/LF/CR, U+FFFE, U+FFFF and lone surrogates
 * (a high surrogate not followed by a low one, or a low one not preceded by a high one).
 */
const ILLEGAL_XML =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Two cheap tests decide between the fast path (emit as is) and the slow path: a pure character
 * class (which V8 scans quickly; an alternation in the same regex made it ~2× slower) and a
 * native `includes('_x')`. Surrogates of any kind take the slow path, where only lone ones are removed.
 */
const NEEDS_WORK = /[\x00-\x08\x0B-\x1F&<>\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Excel decodes `_xHHHH_` in cell text; a literal one is kept by escaping its underscore. */
const EXCEL_ESCAPE_LOOKALIKE = /_(?=x[0-9A-Fa-f]{4}_)/g;

const XML_TEXT_SPECIAL = /[&<>\r]/g;
const XML_ATTR_SPECIAL = /[&<>"\r\n\t]/g;
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // A raw CR would be normalised to LF by every XML parser; a character reference survives.
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
};
const entity = (c: string): string => ENTITY[c] ?? c;

/** Escapes text for an XML text node (also keeps CR). */
export function escapeXmlText(s: string): string {
  return s.replace(XML_TEXT_SPECIAL, entity);
}

/** Escapes text for a double-quoted XML attribute value. */
export function escapeXmlAttr(s: string): string {
  return s.replace(XML_ATTR_SPECIAL, entity);
}

/** Removes XML-illegal characters; returns the input itself when there were none. */
export function stripIllegalXml(s: string): string {
  return s.replace(ILLEGAL_XML, '');
}

/**
 * Formula text (ours, not data) as XML: illegal characters removed, `_xHHHH_` look-alikes kept
 * literal, XML-escaped — the same treatment a text cell gets, minus the formula guard.
 */
export function encodeFormulaXml(s: string): string {
  // The usual formula (a link to an encoded URL) needs none of it: skip the replace passes.
  if (!NEEDS_WORK.test(s) && !s.includes('_x')) return s;
  return escapeXmlText(stripIllegalXml(s).replace(EXCEL_ESCAPE_LOOKALIKE, '_x005F_'));
}

/**
 * Cuts `s` to at most `max` UTF-16 code units without leaving half of a surrogate pair at the end.
 */
export function truncateUtf16(s: string, max: number): string {
  if (s.length <= max) return s;
  const last = s.charCodeAt(max - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return s.slice(0, end);
}

/** Bit set in {@link CellTextEncoder.flags}: the text starts or ends with XML whitespace. */
export const FLAG_PRESERVE = 1;
/** Bit set in {@link CellTextEncoder.flags}: the text starts like a formula (`= + - @`, tab, CR). */
export const FLAG_FORMULA_LIKE = 2;

const isXmlSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

function classify(s: string): number {
  if (s.length === 0) return 0;
  const first = s.charCodeAt(0);
  let flags = 0;
  // Readers may trim leading/trailing whitespace unless the element says xml:space="preserve".
  if (isXmlSpace(first) || isXmlSpace(s.charCodeAt(s.length - 1))) flags |= FLAG_PRESERVE;
  // = + - @ tab CR: what Excel (and CSV importers) treat as the start of a formula.
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) {
    flags |= FLAG_FORMULA_LIKE;
  }
  return flags;
}

/**
 * Encodes cell text. `encode` returns the escaped XML text and leaves facts about it in `flags`
 * (a field rather than a returned object, so the hot path allocates nothing but the string).
 * Counts what it changed in the shared stats.
 */
export class CellTextEncoder {
  /** {@link FLAG_PRESERVE} | {@link FLAG_FORMULA_LIKE} of the last encoded text. */
  flags = 0;
  readonly #stats: SanitizeStats;

  constructor(stats: SanitizeStats) {
    this.#stats = stats;
  }

  /** Sanitizes and escapes `raw`; returns '' when nothing printable is left. */
  encode(raw: string): string {
    if (raw.length <= MAX_CELL_CHARS && !NEEDS_WORK.test(raw) && !raw.includes('_x')) {
      this.flags = classify(raw);
      if (this.flags & FLAG_FORMULA_LIKE) this.#stats.formulaLike++;
      return raw;
    }
    return this.#slow(raw);
  }

  #slow(raw: string): string {
    let s = stripIllegalXml(raw);
    if (s.length !== raw.length) this.#stats.illegalCharsStripped++;
    if (s.length > MAX_CELL_CHARS) {
      s = truncateUtf16(s, MAX_CELL_CHARS);
      this.#stats.truncated++;
    }
    this.flags = classify(s);
    if (this.flags & FLAG_FORMULA_LIKE) this.#stats.formulaLike++;
    return escapeXmlText(s.replace(EXCEL_ESCAPE_LOOKALIKE, '_x005F_'));
  }
}
