/**
 * The order of the evaluation rows (Details, Non-Compliant and the CSV): accounts as the Accounts
 * sheet lists them, then by dedupe key (region, rule, resource type, resource id).
 */
import { complianceCode } from '../../core/dedupe.js';
import type { AccountRow } from '../../report/model.js';
import type { ShardsRead } from './shards.js';

/** Winner slots in output order, and the NON_COMPLIANT subset in the same order. */
export interface OutputOrder {
  order: Uint32Array;
  nonCompliantOrder: Uint32Array;
}

/** Sorts the winner slots; needs the table's keys, so call it before `table.seal()`. */
export function outputOrder(shards: ShardsRead, sortedAccounts: readonly AccountRow[]): OutputOrder {
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
  const nonCompliantOrder = order.filter((slot) => table.compliance[slot] === nonCompliant);
  return { order, nonCompliantOrder };
}
