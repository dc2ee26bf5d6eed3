/** The synthetic org moving in time: day N is day N-1 changed, deterministically from (seed, day). */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { groundTruth } from '../../../simulator/groundTruth.js';
import {
  DAY_MS,
  evaluationKey,
  generateOrg,
  type SimOrg,
  SimState,
  SYNTHETIC_EPOCH_MS,
  truthChanges,
} from '../../../simulator/index.js';

const ORG = { accounts: 40, seed: 5 } as const;

/** Every account-region of the org on `day`, as JSON (Maps as entry lists). */
function dump(org: SimOrg, day?: number): string {
  const parts = org.accounts.flatMap((a) => org.regions.map((r) => org.regionData(a.accountId, r, day)));
  return JSON.stringify(parts, (_k, v) => (v instanceof Map ? [...v] : v));
}

/** Evaluation key → compliance of every evaluation on `day` (no faults: the org itself). */
function states(org: SimOrg, day: number): Map<string, string> {
  return new Map(groundTruth(new SimState(org), { day }).map((e) => [evaluationKey(e), e.complianceType]));
}

describe('day 0', () => {
  it('is the data the simulator always generated, byte for byte', () => {
    // Pinned from the generator before days existed: reports and demos built on it must not move.
    const org = generateOrg({ accounts: 6, seed: 3 });
    expect(createHash('sha256').update(dump(org)).digest('hex')).toBe(
      'b82c13d47ffac90a4c7e0fb7033d75e9a12dc25473af2aa6a73f46dad26377fb',
    );
    expect(dump(generateOrg({ accounts: 6, seed: 3, day: 0 }), 0)).toBe(dump(org));
  });
});

describe('advancing days', () => {
  it('fixes ~10 % of failures, newly fails ~3 % of compliant results, deletes ~1 % of resources', () => {
    const org = generateOrg(ORG);
    const before = states(org, 0);
    const after = states(org, 1);
    let failing = 0;
    let fixed = 0;
    let compliant = 0;
    let newlyFailing = 0;
    let gone = 0;
    for (const [key, was] of before) {
      const now = after.get(key);
      if (now === undefined) gone++;
      else if (was === 'NON_COMPLIANT') {
        failing++;
        if (now === 'COMPLIANT') fixed++;
      } else if (was === 'COMPLIANT') {
        compliant++;
        if (now === 'NON_COMPLIANT') newlyFailing++;
      }
    }
    expect(failing).toBeGreaterThan(1000);
    expect(fixed / failing).toBeGreaterThan(0.07);
    expect(fixed / failing).toBeLessThan(0.13);
    expect(newlyFailing / compliant).toBeGreaterThan(0.02);
    expect(newlyFailing / compliant).toBeLessThan(0.04);
    expect(gone / before.size).toBeGreaterThan(0.003);
    expect(gone / before.size).toBeLessThan(0.03);
    // New resources bring evaluations that did not exist the day before.
    expect([...after.keys()].some((k) => !before.has(k))).toBe(true);
  });

  it('moves every rule run and result into the 24 hours before the day', () => {
    const org = generateOrg({ ...ORG, accounts: 8 });
    const now = SYNTHETIC_EPOCH_MS + 3 * DAY_MS;
    const truth = groundTruth(new SimState(org), { day: 3 });
    expect(truth.length).toBeGreaterThan(0);
    for (const e of truth) {
      expect(e.configRuleInvokedTime).toBeGreaterThan(now - DAY_MS);
      expect(e.configRuleInvokedTime).toBeLessThan(now);
      expect(e.resultRecordedTime).toBeGreaterThan(e.configRuleInvokedTime);
    }
  });

  it('derives each day from the one before: no deleted resource returns, nothing changes at rate 0', () => {
    const org = generateOrg(ORG);
    const resources = (day: number) =>
      new Set(
        org.accounts.flatMap((a) =>
          org.regions.flatMap((r) =>
            org.regionData(a.accountId, r, day).resources.map((x) => `${x.type}|${x.id}`),
          ),
        ),
      );
    const seen = new Set<string>();
    let previous = resources(0);
    for (const id of previous) seen.add(id);
    for (let day = 1; day <= 5; day++) {
      const today = resources(day);
      for (const id of today) if (!previous.has(id)) expect(seen.has(id)).toBe(false);
      for (const id of today) seen.add(id);
      previous = today;
    }
    const still = generateOrg({
      ...ORG,
      accounts: 8,
      dayChanges: { fixed: 0, newlyFailing: 0, deleted: 0, created: 0 },
    });
    expect(states(still, 4)).toEqual(states(still, 0));
  });

  it('keeps a fixed finding fixed unless it newly fails again', () => {
    const org = generateOrg(ORG);
    const day1 = states(org, 1);
    const day2 = states(org, 2);
    const day0 = states(org, 0);
    let fixedOnDay1 = 0;
    let failingAgain = 0;
    for (const [key, was] of day0) {
      if (was !== 'NON_COMPLIANT' || day1.get(key) !== 'COMPLIANT') continue;
      fixedOnDay1++;
      if (day2.get(key) === 'NON_COMPLIANT') failingAgain++;
    }
    expect(fixedOnDay1).toBeGreaterThan(50);
    // They fail again at the newly-failing rate (3 %), not at the rate findings stay failing.
    expect(failingAgain / fixedOnDay1).toBeLessThan(0.1);
  });
});

describe('determinism', () => {
  it('gives the same day N for the same seed, whatever the cache or the way there', () => {
    const a = generateOrg({ ...ORG, accounts: 10 });
    const b = generateOrg({ ...ORG, accounts: 10, cacheSize: 1 });
    for (let day = 0; day <= 3; day++) a.regionData(a.accounts[2]!.accountId, 'us-east-1', day);
    expect(dump(b, 3)).toBe(dump(a, 3));
    expect(dump(generateOrg({ ...ORG, accounts: 10, day: 3 }))).toBe(dump(a, 3));
    expect(dump(generateOrg({ ...ORG, accounts: 10, seed: 6 }), 3)).not.toBe(dump(a, 3));
  });

  it('serves day 2 after advanceDays(1) twice exactly as a simulator started at day 2', () => {
    const stepped = new SimState(generateOrg({ ...ORG, accounts: 10 }));
    stepped.advanceDays(1);
    stepped.advanceDays(1);
    const direct = new SimState(generateOrg({ ...ORG, accounts: 10, day: 2 }));
    expect(stepped.day()).toBe(2);
    expect(groundTruth(stepped)).toEqual(groundTruth(direct));
    expect(groundTruth(stepped, { day: 0 })).toEqual(
      groundTruth(new SimState(generateOrg({ ...ORG, accounts: 10 }))),
    );
  });

  it('rejects a day that is not a whole number >= 0', () => {
    const org = generateOrg({ accounts: 3, seed: 1 });
    expect(() => org.regionData(org.accounts[1]!.accountId, 'us-east-1', -1)).toThrow(RangeError);
    expect(() => new SimState(org).advanceDays(0.5)).toThrow(RangeError);
    expect(() => generateOrg({ accounts: 3, dayChanges: { fixed: 2 } })).toThrow(/dayChanges.fixed/);
  });
});

describe('denied from a day', () => {
  it('reads the account until that day and not from it on', () => {
    const state = new SimState(generateOrg({ accounts: 4, seed: 2 }));
    const account = state.org.accounts[1]!.accountId;
    state.denyRole(account, true, 2);
    const accounts = (day?: number) =>
      new Set(groundTruth(state, day === undefined ? {} : { day }).map((e) => e.accountId));
    expect(accounts().has(account)).toBe(true);
    state.advanceDays(1);
    expect(state.isDenied(account)).toBe(false);
    state.advanceDays(1);
    expect(state.isDenied(account)).toBe(true);
    expect(accounts().has(account)).toBe(false);
    expect(accounts(1).has(account)).toBe(true);
  });
});

describe('truthChanges', () => {
  it('splits findings into newly failing, still failing, fixed and gone', () => {
    const org = generateOrg({ ...ORG, accounts: 10 });
    const state = new SimState(org);
    const before = groundTruth(state, { day: 0 });
    const after = groundTruth(state, { day: 1 });
    const changes = truthChanges(before, after);
    const was = states(org, 0);
    const is = states(org, 1);
    for (const e of changes.newlyFailing) expect(was.get(evaluationKey(e))).not.toBe('NON_COMPLIANT');
    for (const e of changes.stillFailing) expect(was.get(evaluationKey(e))).toBe('NON_COMPLIANT');
    for (const e of changes.fixed) expect(is.get(evaluationKey(e))).not.toBe('NON_COMPLIANT');
    for (const e of changes.gone) expect(is.has(evaluationKey(e))).toBe(false);
    const failingBefore = before.filter((e) => e.complianceType === 'NON_COMPLIANT').length;
    const failingAfter = after.filter((e) => e.complianceType === 'NON_COMPLIANT').length;
    expect(changes.stillFailing.length + changes.fixed.length + changes.gone.length).toBe(failingBefore);
    expect(changes.stillFailing.length + changes.newlyFailing.length).toBe(failingAfter);
    expect(changes.newlyFailing.length).toBeGreaterThan(0);
    expect(changes.fixed.length).toBeGreaterThan(0);
  });
});
