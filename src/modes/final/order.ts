/**
 * The order of the evaluation rows (Details, Non-Compliant and the CSV): accounts as the Accounts
 * sheet lists them, then by dedupe key (region, rule, resource type, resource id). Non-compliant
 * winners an accepted exception matches leave the work list for the Exceptions sheet.
 */
import { complianceCode } from '../../core/dedupe.js';
import type { AccountRow } from '../../report/model.js';
import type { ExceptionMatcher } from './exceptionMatch.js';
import type { ShardsRead } from './shards.js';

/** Winner slots in output order, the NON_COMPLIANT subset (less the accepted) in the same order. */
export interface OutputOrder {
  order: Uint32Array;
  nonCompliantOrder: Uint32Array;
  /** NON_COMPLIANT winners an exception accepts, in output order (empty without exceptions). */
  acceptedOrder: Uint32Array;
  /** The index in the exceptions file of the entry that accepted each of `acceptedOrder`. */
  acceptedEntry: Uint32Array;
}

/** Sorts the winner slots; needs the table's keys, so call it before `table.seal()`. */
export function outputOrder(
  shards: ShardsRead,
  sortedAccounts: readonly AccountRow[],
  exceptions?: ExceptionMatcher,
): OutputOrder {
  const { table, dims } = shards;
  const rank = new Uint32Array(dims.accounts.size);
  sortedAccounts.forEach((a, i) => {
    const id = dims.accounts.peek(a.accountId);
    if (id !== undefined) rank[id] = i;
  });
  const keys = table.keys;
  const order = new Uint32Array(table.size);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => {
    const byAccount = rank[table.account[a]!]! - rank[table.account[b]!]!;
    if (byAccount !== 0) return byAccount;
    const ka = keys[a]!;
    const kb = keys[b]!;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const nonCompliant = complianceCode('NON_COMPLIANT');
  const allNonCompliant = order.filter((slot) => table.compliance[slot] === nonCompliant);
  if (!exceptions) return { order, nonCompliantOrder: allNonCompliant, ...NONE_ACCEPTED };
  // Typed arrays sized for the worst case, then trimmed: no array of boxed numbers per winner.
  const work = new Uint32Array(allNonCompliant.length);
  const accepted = new Uint32Array(allNonCompliant.length);
  const entries = new Uint32Array(allNonCompliant.length);
  let kept = 0;
  let taken = 0;
  for (const slot of allNonCompliant) {
    const entry = exceptions.match(table.account[slot]!, table.rule[slot]!, keys[slot]!);
    if (entry < 0) work[kept++] = slot;
    else {
      accepted[taken] = slot;
      entries[taken++] = entry;
    }
  }
  return {
    order,
    nonCompliantOrder: work.slice(0, kept),
    acceptedOrder: accepted.slice(0, taken),
    acceptedEntry: entries.slice(0, taken),
  };
}

const NONE_ACCEPTED = { acceptedOrder: new Uint32Array(0), acceptedEntry: new Uint32Array(0) } as const;
