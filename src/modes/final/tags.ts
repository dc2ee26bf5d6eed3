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

/** Owner label of resources without the owner tag. */
export const UNTAGGED = '(untagged)';

/** The owner tag's value of a record, trimmed; '' when the record has none (it is UNTAGGED). */
export function ownerOf(tags: Readonly<Record<string, string>>, ownerTagKey: string): string {
  return tags[ownerTagKey]?.trim() ?? '';
}
