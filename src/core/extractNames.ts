/**
 * File names for per-owner extracts. An owner is whatever a resource tag says, so its value is
 * untrusted text: it may hold `/`, `..`, control characters, emoji, 300 characters, a Windows
 * device name, or differ from another owner only in case. Each value gets a name that is one safe
 * key segment (`isSafeId`), lowercase ASCII (so no two names clash on a case-insensitive disk when
 * someone downloads the folder), readable when the value allows, and distinct from every other
 * owner's name. The mapping depends only on the set of values, never on their order.
 */
import { createHash } from 'node:crypto';
import { compareText } from './compare.js';

/** The name of the extract of resources without the owner tag; no owner value can take it. */
export const UNTAGGED_EXTRACT_NAME = 'untagged';

/** Longest readable part of a name; longer values are cut and get a hash suffix. */
export const MAX_EXTRACT_NAME_BASE = 64;

/** Base of a name when nothing readable is left (an emoji, only punctuation, empty). */
const FALLBACK_BASE = 'owner';

/** Hash lengths (hex digits) tried in turn; a name never exceeds 64 + 1 + 32 characters plus a counter. */
const HASH_LENGTHS = [8, 16, 32] as const;

/** Names Windows refuses as files whatever the extension (`con.xlsx` is the console). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

interface Sanitized {
  /** Lowercase `[a-z0-9_-]`, no leading, trailing or doubled `-`; may be empty. */
  base: string;
  /** The base alone would be unsafe or ambiguous: reserved, cut, or empty. */
  forceHash: boolean;
}

/**
 * The readable part of a name: accents dropped (NFKD, combining marks removed), lowercase, every
 * run of characters outside `[a-z0-9_]` turned into one `-`, cut to {@link MAX_EXTRACT_NAME_BASE}.
 * Dots go too, so no name starts with a dot, holds `..` or ends like an extension.
 */
function sanitize(value: string): Sanitized {
  const folded = value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  let base = folded.replace(/[^a-z0-9_]+/g, '-').replace(/^-+|-+$/g, '');
  let cut = false;
  if (base.length > MAX_EXTRACT_NAME_BASE) {
    base = base.slice(0, MAX_EXTRACT_NAME_BASE).replace(/-+$/, '');
    cut = true;
  }
  const reserved = base === UNTAGGED_EXTRACT_NAME || WINDOWS_DEVICE.test(base);
  return { base, forceHash: cut || reserved || base === '' };
}

function hashOf(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * Assigns a distinct extract name (without `.xlsx`) to each owner value, in the order given.
 *
 * 1. The readable base of each value (see `sanitize`).
 * 2. A value whose base is unique among the values keeps the base (`Team Payments` → `team-payments`).
 * 3. When several values share a base (`Team-A`, `team-a`, `team/a`), the value that already *is*
 *    the base keeps it; the others get `-<hash>`, the first 8 hex digits of the SHA-256 of the value
 *    (`team-a-1f0c…`). So a team's file keeps its name however its colleagues spell theirs.
 * 4. A base that is cut, empty, `untagged` or a Windows device name always gets the hash
 *    (`owner-<hash>` when empty), so `untagged` stays the untagged extract's.
 * 5. A hashed name that is still taken (another value's plain name) uses 16, then 32 hex digits,
 *    then a counter; hashed values are settled in code-unit order of the values.
 *
 * Values should be distinct; a repeated value gets the same name.
 */
export function extractNames(values: readonly string[]): string[] {
  const unique = [...new Set(values)].sort(compareText);
  const sanitized = new Map(unique.map((v) => [v, sanitize(v)] as const));
  const byBase = new Map<string, string[]>();
  for (const [value, s] of sanitized) {
    if (s.forceHash) continue;
    const group = byBase.get(s.base);
    if (group) group.push(value);
    else byBase.set(s.base, [value]);
  }
  const names = new Map<string, string>();
  const taken = new Set<string>([UNTAGGED_EXTRACT_NAME]);
  const hashed: string[] = [];
  for (const [base, group] of byBase) {
    const keeper = group.length === 1 ? group[0] : group.find((v) => v === base);
    if (keeper !== undefined) {
      names.set(keeper, base);
      taken.add(base);
    }
    for (const value of group) if (value !== keeper) hashed.push(value);
  }
  for (const [value, s] of sanitized) if (s.forceHash) hashed.push(value);
  hashed.sort(compareText);
  for (const value of hashed) {
    const name = hashedName(sanitized.get(value)!.base || FALLBACK_BASE, hashOf(value), taken);
    names.set(value, name);
    taken.add(name);
  }
  return values.map((v) => names.get(v)!);
}

function hashedName(base: string, hash: string, taken: ReadonlySet<string>): string {
  for (const length of HASH_LENGTHS) {
    const name = `${base}-${hash.slice(0, length)}`;
    if (!taken.has(name)) return name;
  }
  // Only values with the same UTF-8 bytes (lone surrogates become U+FFFD) share a full hash.
  for (let n = 2; ; n++) {
    const name = `${base}-${hash.slice(0, HASH_LENGTHS.at(-1))}-${n}`;
    if (!taken.has(name)) return name;
  }
}
