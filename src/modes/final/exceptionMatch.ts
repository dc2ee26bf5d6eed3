/**
 * Matching accepted exceptions against the non-compliant winners, while their output order is
 * built (order.ts). Memory stays bounded: patterns are compiled once, each interned rule name is
 * tested against every entry's rule pattern once (by its instance name and its logical rule name),
 * and a winner only pays for a resource-pattern test when an entry could match its rule. Compliant
 * winners are never looked at.
 */
import type { CompiledException } from '../../core/exceptions.js';
import { logicalRuleOf } from '../../core/logicalRules.js';
import type { HeaderMerger } from '../../core/merge.js';
import type { Dimensions } from './shards.js';

/** Separator of the dedupe key's parts (src/core/dedupe.ts); the resource id follows the fourth. */
const SEP = '\u0000';
const NO_MATCH = -1;

/**
 * The logical rule name of every interned rule name, as the Rules sheet groups them
 * (logicalRuleRows.ts): the first instance a header describes names it; names only records carry
 * are mapped by the name alone.
 */
export function logicalRuleNames(dims: Pick<Dimensions, 'rules'>, merger: HeaderMerger): string[] {
  const names: (string | undefined)[] = new Array(dims.rules.size);
  for (const rule of merger.rules()) {
    const id = dims.rules.peek(rule.rule_name);
    if (id === undefined || names[id] !== undefined) continue;
    names[id] = logicalRuleOf({
      ruleName: rule.rule_name,
      sourceOwner: rule.source_owner,
      sourceIdentifier: rule.source_identifier,
      createdBy: rule.created_by,
    }).name;
  }
  return Array.from(names, (name, id) => name ?? logicalRuleOf({ ruleName: dims.rules.value(id) }).name);
}

/** The resource id of a dedupe key (account, region, rule, type, id joined by NUL). */
export function resourceIdOfKey(key: string): string {
  let at = -1;
  for (let part = 0; part < 4; part++) at = key.indexOf(SEP, at + 1);
  return key.slice(at + 1);
}

/** Finds the entry that accepts a non-compliant winner, and counts what each entry matched. */
export class ExceptionMatcher {
  /** Evaluations accepted by each entry, by its index in the file. */
  readonly matched: Uint32Array;
  /** Per interned rule id: the entries still in force whose rule pattern matches it (file order). */
  readonly #byRule: (readonly CompiledException[])[];
  readonly #dims: Pick<Dimensions, 'accounts'>;

  constructor(
    entries: readonly CompiledException[],
    dims: Pick<Dimensions, 'accounts' | 'rules'>,
    logicalNames: readonly string[],
  ) {
    this.matched = new Uint32Array(entries.length);
    this.#dims = dims;
    const inForce = entries.filter((e) => e.status !== 'expired');
    this.#byRule = logicalNames.map((logical, id) => {
      const name = dims.rules.value(id);
      return inForce.filter((e) => e.rule.test(name) || e.rule.test(logical));
    });
  }

  /**
   * The index of the first entry (in file order) that accepts this winner, or -1. The first match
   * wins so the outcome never depends on anything but the file.
   */
  match(account: number, rule: number, key: string): number {
    const candidates = this.#byRule[rule];
    if (candidates === undefined || candidates.length === 0) return NO_MATCH;
    const accountId = this.#dims.accounts.value(account);
    let resourceId: string | undefined;
    for (const c of candidates) {
      if (c.entry.account !== '*' && c.entry.account !== accountId) continue;
      resourceId ??= resourceIdOfKey(key);
      if (!c.resource.test(resourceId)) continue;
      this.matched[c.index]!++;
      return c.index;
    }
    return NO_MATCH;
  }
}
