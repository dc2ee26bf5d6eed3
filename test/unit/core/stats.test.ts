import { describe, expect, it } from 'vitest';
import {
  complianceRatio,
  emptyCounts,
  StatsBuilder,
  statsByEnvironment,
  worstFirst,
} from '../../../src/core/stats.js';

describe('complianceRatio', () => {
  it.each([
    [{ compliant: 3, nonCompliant: 1, notApplicable: 50, insufficientData: 9 }, 0.75],
    [{ compliant: 0, nonCompliant: 4, notApplicable: 0, insufficientData: 0 }, 0],
    [{ compliant: 2, nonCompliant: 0, notApplicable: 0, insufficientData: 0 }, 1],
    [{ compliant: 0, nonCompliant: 0, notApplicable: 5, insufficientData: 5 }, null],
    [emptyCounts(), null],
  ])(
    '%j → %s (NOT_APPLICABLE and INSUFFICIENT_DATA never count; no data is null, not 0)',
    (counts, ratio) => {
      expect(complianceRatio(counts)).toBe(ratio);
    },
  );
});

describe('StatsBuilder', () => {
  it('aggregates evaluations per account, region, rule and owner', () => {
    const b = new StatsBuilder();
    b.addEvaluation(0, 0, 0, 1, 'COMPLIANT');
    b.addEvaluation(0, 0, 0, 1, 'NON_COMPLIANT');
    b.addEvaluation(0, 1, 1, 0, 'NOT_APPLICABLE');
    b.addEvaluation(1, 0, 1, 1, 'INSUFFICIENT_DATA');
    const s = b.result();
    expect(s.overall).toEqual({ compliant: 1, nonCompliant: 1, notApplicable: 1, insufficientData: 1 });
    expect(s.byAccount.get(0)).toEqual({
      compliant: 1,
      nonCompliant: 1,
      notApplicable: 1,
      insufficientData: 0,
    });
    expect(s.byRegion.get(1)).toEqual({
      compliant: 0,
      nonCompliant: 0,
      notApplicable: 1,
      insufficientData: 0,
    });
    expect(s.byOwner.get(1)).toEqual({
      compliant: 1,
      nonCompliant: 1,
      notApplicable: 0,
      insufficientData: 1,
    });
    expect([...s.ownerAccounts.get(1)!].sort()).toEqual([0, 1]);
    expect(s.ruleAccountRegions.get(0)).toBe(1);
    expect(s.ruleAccountRegions.get(1)).toBe(2);
  });

  it('counts a deployed rule with no evaluation once per account-region as INSUFFICIENT_DATA', () => {
    const b = new StatsBuilder();
    b.addEvaluation(0, 0, 0, 0, 'COMPLIANT');
    b.addDeployedRule(0, 0, 0, false); // evaluated: nothing added
    b.addDeployedRule(0, 0, 1, false); // no results
    b.addDeployedRule(0, 0, 1, false); // listed twice: still once
    b.addDeployedRule(0, 1, 1, false); // another region: once more
    b.addDeployedRule(0, 0, 2, true); // failed to read: a coverage problem, not a compliance state
    const s = b.result();
    expect(s.rulesWithoutResults).toBe(2);
    expect(s.overall.insufficientData).toBe(2);
    expect(s.byAccount.get(0)!.insufficientData).toBe(2);
    expect(s.byRule.get(1)!.insufficientData).toBe(2);
    expect(s.byRule.get(2)).toEqual(emptyCounts());
    expect(s.ruleAccountRegions.get(1)).toBe(2);
    expect(complianceRatio(s.overall)).toBe(1);
  });

  it('refuses evaluations after deployed rules (the insufficient-data check would be wrong)', () => {
    const b = new StatsBuilder();
    b.addDeployedRule(0, 0, 0, false);
    expect(() => b.addEvaluation(0, 0, 0, 0, 'COMPLIANT')).toThrow();
  });
});

describe('statsByEnvironment', () => {
  it('sums accounts into Prod, Non-Prod, Unclassified, counting accounts without data too', () => {
    const byAccount = new Map([
      [0, { compliant: 9, nonCompliant: 1, notApplicable: 0, insufficientData: 0 }],
      [1, { compliant: 1, nonCompliant: 1, notApplicable: 2, insufficientData: 0 }],
    ]);
    const env = new Map([
      [0, 'Prod' as const],
      [1, 'Non-Prod' as const],
      [2, 'Prod' as const],
    ]);
    const rows = statsByEnvironment(byAccount, env);
    expect(rows.map((r) => [r.environment, r.accounts, complianceRatio(r.counts)])).toEqual([
      ['Prod', 2, 0.9],
      ['Non-Prod', 1, 0.5],
      ['Unclassified', 0, null],
    ]);
  });
});

describe('worstFirst', () => {
  it('orders by ratio, then most non-compliant, then label, and leaves out entries without data', () => {
    const items = [
      { id: 'a', counts: { compliant: 1, nonCompliant: 1, notApplicable: 0, insufficientData: 0 } },
      { id: 'b', counts: { compliant: 2, nonCompliant: 2, notApplicable: 0, insufficientData: 0 } },
      { id: 'c', counts: { compliant: 0, nonCompliant: 0, notApplicable: 3, insufficientData: 0 } },
      { id: 'd', counts: { compliant: 0, nonCompliant: 1, notApplicable: 0, insufficientData: 0 } },
      { id: 'e', counts: { compliant: 1, nonCompliant: 1, notApplicable: 0, insufficientData: 0 } },
    ];
    expect(
      worstFirst(
        items,
        (i) => i.counts,
        (i) => i.id,
        10,
      ).map((i) => i.id),
    ).toEqual(['d', 'b', 'a', 'e']);
    expect(
      worstFirst(
        items,
        (i) => i.counts,
        (i) => i.id,
        2,
      ).map((i) => i.id),
    ).toEqual(['d', 'b']);
  });
});
