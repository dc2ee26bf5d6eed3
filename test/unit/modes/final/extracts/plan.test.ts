/**
 * The extract plan: which extracts exist, in which order, under which keys, and which
 * non-compliant winners each one gets — regrouped without one object per evaluation.
 */
import { describe, expect, it } from 'vitest';
import { Interner } from '../../../../../src/core/interner.js';
import { type Counts, emptyCounts } from '../../../../../src/core/stats.js';
import {
  groupSlots,
  type PlanExtractsInput,
  planExtracts,
} from '../../../../../src/modes/final/extracts/plan.js';
import type { AccountRow } from '../../../../../src/report/model.js';

describe('groupSlots', () => {
  it('groups slots by their group id, keeping their order inside a group', () => {
    const slots = Uint32Array.from([9, 2, 7, 4, 0, 5]);
    const groupOf = [2, 0, 1, 0, 1, 2, 0, 0, 0, 1];
    const { sorted, starts } = groupSlots(slots, groupOf, 3);
    // Slot → group: 9 → 1, 2 → 1, 7 → 0, 4 → 1, 0 → 2, 5 → 2.
    expect([...sorted]).toEqual([7, 9, 2, 4, 0, 5]);
    expect([...starts]).toEqual([0, 1, 4, 6]);
  });

  it('handles no slots and empty groups', () => {
    const { sorted, starts } = groupSlots(new Uint32Array(0), [], 2);
    expect(sorted.length).toBe(0);
    expect([...starts]).toEqual([0, 0, 0]);
  });
});

const counts = (compliant: number, nonCompliant: number): Counts => ({
  ...emptyCounts(),
  compliant,
  nonCompliant,
});

function input(overrides: Partial<PlanExtractsInput['settings']>): PlanExtractsInput {
  const owners = new Interner();
  for (const v of ['', 'zeta', 'Alpha', 'alpha']) owners.id(v);
  const accounts = new Interner();
  for (const v of ['222222222222', '111111111111']) accounts.id(v);
  // Winner slots 0..5: owner and account ids; the non-compliant ones in output order.
  const table = {
    owner: Uint32Array.from([1, 0, 3, 1, 2, 0]),
    account: Uint32Array.from([0, 1, 0, 0, 1, 1]),
  };
  const accountRow = (accountId: string, accountName: string, c: Counts): AccountRow =>
    ({ accountId, accountName, counts: c, ratio: null }) as AccountRow;
  return {
    shards: { table, dims: { owners, accounts } } as unknown as PlanExtractsInput['shards'],
    order: { nonCompliantOrder: Uint32Array.from([3, 0, 5, 2, 1]) },
    stats: {
      byOwner: new Map([
        [1, counts(1, 2)],
        [0, counts(0, 2)],
        [3, counts(0, 1)],
        [2, counts(4, 0)],
      ]),
      ownerAccounts: new Map([[1, new Set([0])]]),
    },
    accounts: [
      accountRow('111111111111', 'a-first', counts(0, 3)),
      accountRow('222222222222', 'b-second', counts(1, 2)),
      accountRow('333333333333', 'c-no-data', counts(0, 0)),
    ],
    settings: { ownerExtracts: true, accountExtracts: true, ...overrides },
    folders: { run: 'reports/runs/g/r/', published: 'reports/2024-05-01/' },
  };
}

describe('planExtracts', () => {
  it('is nothing when both kinds are off', () => {
    expect(planExtracts(input({ ownerExtracts: false, accountExtracts: false }))).toBeUndefined();
  });

  it('lists the untagged first, then owners by value, then accounts in the Accounts order', () => {
    const plan = planExtracts(input({}))!;
    expect(plan.entries.map((e) => [e.kind, e.value, e.name])).toEqual([
      ['owners', '(no owner tag)', 'untagged'],
      ['owners', 'Alpha', expect.stringMatching(/^alpha-[0-9a-f]{8}$/)],
      ['owners', 'alpha', 'alpha'],
      ['owners', 'zeta', 'zeta'],
      ['accounts', 'a-first', '111111111111'],
      ['accounts', 'b-second', '222222222222'],
      ['accounts', 'c-no-data', '333333333333'],
    ]);
    expect(plan.entries[3]).toMatchObject({
      runKey: 'reports/runs/g/r/owners/zeta.xlsx',
      publishedKey: 'reports/2024-05-01/owners/zeta.xlsx',
      counts: counts(1, 2),
      ratio: 1 / 3,
      accounts: 1,
    });
    expect(plan.entries[6]).toMatchObject({ publishedKey: 'reports/2024-05-01/accounts/333333333333.xlsx' });
  });

  it('gives each extract exactly its non-compliant slots, in output order', () => {
    const plan = planExtracts(input({}))!;
    const slotsOf = (i: number) => {
      const e = plan.entries[i]!;
      return [...(e.kind === 'owners' ? plan.ownerSlots : plan.accountSlots).subarray(e.start, e.end)];
    };
    // nonCompliantOrder 3, 0, 5, 2, 1 — owners 1, 1, 0, 3, 0; accounts 0, 0, 1, 0, 1.
    expect(slotsOf(0)).toEqual([5, 1]); // untagged
    expect(slotsOf(1)).toEqual([]); // Alpha (id 2): no non-compliant item
    expect(slotsOf(2)).toEqual([2]); // alpha (id 3)
    expect(slotsOf(3)).toEqual([3, 0]); // zeta (id 1)
    expect(slotsOf(4)).toEqual([5, 1]); // 111111111111 (id 1)
    expect(slotsOf(5)).toEqual([3, 0, 2]); // 222222222222 (id 0)
    expect(slotsOf(6)).toEqual([]); // an account without data
  });

  it('writes only the kinds asked for', () => {
    expect(planExtracts(input({ accountExtracts: false }))!.entries.every((e) => e.kind === 'owners')).toBe(
      true,
    );
    const accounts = planExtracts(input({ ownerExtracts: false }))!;
    expect(accounts.entries.map((e) => e.kind)).toEqual(['accounts', 'accounts', 'accounts']);
    expect(accounts.ownerSlots.length).toBe(0);
  });
});
