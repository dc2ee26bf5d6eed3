/**
 * The environment classifier's last resort in final mode: the environment tags of each account's
 * resources (records carry the collected `mox.` tags, so in practice `mox.environment`). Only the
 * distinct values are kept, at most {@link MAX_VALUES_PER_ACCOUNT} per account, so memory does not
 * grow with the records. Kept per shard until the shard is accepted, so a rejected shard leaves no
 * trace (like its records).
 */
import type { ResourceTag } from '../../core/environment.js';

/** Distinct (key, value) pairs kept per account: the first ones seen, in shard and line order. */
export const MAX_VALUES_PER_ACCOUNT = 16;

const SEP = '\u0000';

/** The record's tags whose key is an environment tag key (`keys`: lower-case), as `key\0value` entries. */
export function environmentTagEntries(
  tags: Readonly<Record<string, string>>,
  keys: ReadonlySet<string>,
): string[] | undefined {
  let out: string[] | undefined;
  for (const key in tags) {
    if (!keys.has(key) && !keys.has(key.toLowerCase())) continue;
    const value = tags[key]!.trim();
    if (value === '') continue;
    out ??= [];
    out.push(`${key}${SEP}${value}`);
  }
  return out;
}

/** Per account id, the distinct environment tags of its resources. */
export class ResourceEnvironmentTags {
  readonly #byAccount = new Map<string, Set<string>>();

  /** Adds `key\0value` entries for an account (beyond the cap, new values are ignored). */
  add(accountId: string, entries: readonly string[]): void {
    let values = this.#byAccount.get(accountId);
    if (!values) {
      values = new Set();
      this.#byAccount.set(accountId, values);
    }
    for (const entry of entries) {
      if (values.size >= MAX_VALUES_PER_ACCOUNT) return;
      values.add(entry);
    }
  }

  /** Moves everything from `other` into this one (other is left empty). */
  takeFrom(other: ResourceEnvironmentTags): void {
    for (const [accountId, values] of other.#byAccount) this.add(accountId, [...values]);
    other.clear();
  }

  /** Forgets everything. */
  clear(): void {
    this.#byAccount.clear();
  }

  /** The account's resource tags, or undefined when none was seen. */
  of(accountId: string): ResourceTag[] | undefined {
    const values = this.#byAccount.get(accountId);
    if (!values) return undefined;
    return [...values].map((entry) => {
      const at = entry.indexOf(SEP);
      return { key: entry.slice(0, at), value: entry.slice(at + 1) };
    });
  }

  /** As flat `accountId\0key\0value` entries (to send from a worker thread). */
  entries(): string[] {
    const out: string[] = [];
    for (const [accountId, values] of this.#byAccount)
      for (const value of values) out.push(`${accountId}${SEP}${value}`);
    return out;
  }

  /** Adds flat entries made by {@link entries}. */
  addEntries(entries: readonly string[]): void {
    for (const entry of entries) {
      const at = entry.indexOf(SEP);
      this.add(entry.slice(0, at), [entry.slice(at + 1)]);
    }
  }
}
