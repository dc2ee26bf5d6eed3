/**
 * How ownership tags are shown: `key=value; …`, sorted by key in code-unit order (locale
 * independent, so the same tags always give the same text).
 */
export function formatTags(tags: Readonly<Record<string, string>>): string {
  const keys: string[] = [];
  for (const key in tags) keys.push(key);
  if (keys.length === 0) return '';
  if (keys.length > 1) keys.sort();
  let out = '';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    out += `${i === 0 ? '' : '; '}${key}=${tags[key]}`;
  }
  return out;
}

/**
 * How resources without the owner tag are shown (Owners, Details, CSV). Display text only: the
 * untagged state itself is {@link NO_OWNER} / {@link UNTAGGED_OWNER_ID}, so a resource whose owner
 * tag really says "(untagged)" (or even this label) is counted as that owner, never as untagged.
 */
export const UNTAGGED = '(no owner tag)';

/**
 * The owner key of resources without the owner tag: the empty string, which no real owner can be
 * ({@link ownerOf} trims, and a blank value means "no owner"). Interned first, as id 0.
 */
export const NO_OWNER = '';

/** The interned owner id of {@link NO_OWNER} (interned first in every owner dictionary). */
export const UNTAGGED_OWNER_ID = 0;

/** How an owner key is shown: {@link UNTAGGED} for the untagged state, else the tag's value. */
export function ownerLabel(owner: string): string {
  return owner === NO_OWNER ? UNTAGGED : owner;
}

/** The owner tag's value of a record, trimmed; NO_OWNER ('') when the record has none. */
export function ownerOf(tags: Readonly<Record<string, string>>, ownerTagKey: string): string {
  return tags[ownerTagKey]?.trim() ?? '';
}
