/**
 * Which extracts a run writes, under which keys, and which non-compliant winners go into each.
 * One extract per owner with evaluations (the Owners sheet's rows, the untagged resources as
 * `untagged`) and, when asked, one per account the Accounts sheet lists. An extract's rows are a
 * contiguous range of the non-compliant winner slots regrouped by owner (or account): a stable
 * bucket sort of a Uint32Array, so memory is one number per non-compliant evaluation and the rows
 * of one owner keep the main Non-Compliant sheet's order.
 */
import { compareText } from '../../../core/compare.js';
import { extractNames, UNTAGGED_EXTRACT_NAME } from '../../../core/extractNames.js';
import { type ExtractKind, extractKey } from '../../../core/keys.js';
import { type Counts, complianceRatio, emptyCounts, type Stats } from '../../../core/stats.js';
import type { AccountRow, ExtractIndexRow } from '../../../report/model.js';
import type { OutputOrder } from '../order.js';
import type { FinalSettings } from '../settings.js';
import type { Dimensions, ShardsRead } from '../shards.js';
import { UNTAGGED, UNTAGGED_OWNER_ID } from '../tags.js';

/** The run folder and the published folder the `owners/` and `accounts/` folders go below. */
export interface ExtractFolders {
  run: string;
  published: string;
}

/** One extract to write. */
export interface ExtractEntry {
  kind: ExtractKind;
  /** The owner tag value as tagged (`(no owner tag)` for resources without it), or the account name. */
  value: string;
  /** The account id (account extracts; '' for owners). */
  accountId: string;
  /** The file name without `.xlsx`: a safe key segment. */
  name: string;
  runKey: string;
  publishedKey: string;
  counts: Counts;
  ratio: number | null;
  /** Owners: accounts with the owner's resources. */
  accounts: number;
  /** Accounts: the Accounts sheet's row. */
  account?: AccountRow;
  /** The entry's rows: `[start, end)` of its kind's slot array in {@link ExtractPlan}. */
  start: number;
  end: number;
}

/** Every extract of a run, owners first, and the non-compliant slots regrouped for them. */
export interface ExtractPlan {
  entries: ExtractEntry[];
  /** Non-compliant winner slots grouped by owner id (each group in output order). */
  ownerSlots: Uint32Array;
  /** Non-compliant winner slots grouped by account id (each group in output order). */
  accountSlots: Uint32Array;
}

/** Inputs of {@link planExtracts}. */
export interface PlanExtractsInput {
  shards: Pick<ShardsRead, 'table' | 'dims'>;
  order: Pick<OutputOrder, 'nonCompliantOrder'>;
  stats: Pick<Stats, 'byOwner' | 'ownerAccounts'>;
  accounts: readonly AccountRow[];
  settings: Pick<FinalSettings, 'ownerExtracts' | 'accountExtracts'>;
  folders: ExtractFolders;
}

/** The run's extracts, or undefined when both kinds are off. */
export function planExtracts(input: PlanExtractsInput): ExtractPlan | undefined {
  const { settings, shards, order } = input;
  if (!settings.ownerExtracts && !settings.accountExtracts) return undefined;
  const { table, dims } = shards;
  const empty = new Uint32Array(0);
  const owners = settings.ownerExtracts
    ? groupSlots(order.nonCompliantOrder, table.owner, dims.owners.size)
    : undefined;
  const accounts = settings.accountExtracts
    ? groupSlots(order.nonCompliantOrder, table.account, dims.accounts.size)
    : undefined;
  return {
    entries: [
      ...(owners ? ownerEntries(input, owners.starts) : []),
      ...(accounts ? accountEntries(input, dims, accounts.starts) : []),
    ],
    ownerSlots: owners?.sorted ?? empty,
    accountSlots: accounts?.sorted ?? empty,
  };
}

/**
 * Stable counting sort of `slots` by `groupOf[slot]`: group `g`'s slots are
 * `sorted[starts[g]..starts[g + 1])`, in their order in `slots`. O(slots + groups), two typed arrays.
 */
export function groupSlots(
  slots: Uint32Array,
  groupOf: ArrayLike<number>,
  groups: number,
): { sorted: Uint32Array; starts: Uint32Array } {
  const starts = new Uint32Array(groups + 1);
  for (let i = 0; i < slots.length; i++) starts[groupOf[slots[i]!]! + 1]!++;
  for (let g = 0; g < groups; g++) starts[g + 1]! += starts[g]!;
  const next = starts.slice(0, groups);
  const sorted = new Uint32Array(slots.length);
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    sorted[next[groupOf[slot]!]!++] = slot;
  }
  return { sorted, starts };
}

/** One entry per owner with evaluations: the untagged first, then by value (code units). */
function ownerEntries(input: PlanExtractsInput, starts: Uint32Array): ExtractEntry[] {
  const { stats, folders, shards } = input;
  const ids = [...stats.byOwner.keys()];
  const tagged = ids
    .filter((id) => id !== UNTAGGED_OWNER_ID)
    .map((id) => ({ id, value: shards.dims.owners.value(id) }));
  tagged.sort((a, b) => compareText(a.value, b.value));
  const names = extractNames(tagged.map((o) => o.value));
  const owners = tagged.map((o, i) => ({ ...o, name: names[i]! }));
  if (stats.byOwner.has(UNTAGGED_OWNER_ID))
    owners.unshift({ id: UNTAGGED_OWNER_ID, value: UNTAGGED, name: UNTAGGED_EXTRACT_NAME });
  return owners.map(({ id, value, name }) => {
    const counts = stats.byOwner.get(id) ?? emptyCounts();
    return {
      kind: 'owners',
      value,
      accountId: '',
      name,
      runKey: extractKey(folders.run, 'owners', name),
      publishedKey: extractKey(folders.published, 'owners', name),
      counts,
      ratio: complianceRatio(counts),
      accounts: stats.ownerAccounts.get(id)?.size ?? 0,
      start: starts[id]!,
      end: starts[id + 1]!,
    };
  });
}

/** One entry per account of the Accounts sheet, in its order (accounts without data get an empty list). */
function accountEntries(input: PlanExtractsInput, dims: Dimensions, starts: Uint32Array): ExtractEntry[] {
  const { folders } = input;
  return input.accounts.map((account) => {
    const id = dims.accounts.peek(account.accountId);
    const start = id === undefined ? 0 : starts[id]!;
    return {
      kind: 'accounts',
      value: account.accountName,
      accountId: account.accountId,
      name: account.accountId,
      runKey: extractKey(folders.run, 'accounts', account.accountId),
      publishedKey: extractKey(folders.published, 'accounts', account.accountId),
      counts: account.counts,
      ratio: account.ratio,
      accounts: 1,
      account,
      start,
      end: id === undefined ? 0 : starts[id + 1]!,
    };
  });
}

/** The Extracts sheet's rows. */
export function extractIndex(plan: ExtractPlan): ExtractIndexRow[] {
  return plan.entries.map((e) => ({
    kind: e.kind === 'owners' ? 'Owner' : 'Account',
    value: e.value,
    accountId: e.accountId,
    key: e.publishedKey,
    counts: e.counts,
    ratio: e.ratio,
  }));
}
