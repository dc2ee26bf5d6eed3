/**
 * Distinct non-compliant resources: a resource is the dedupe key without the rule, so one failing
 * three rules counts once, per account and per owner; compliant winners are not counted.
 */
import { describe, expect, it } from 'vitest';
import { complianceCode, dedupeKey, emptyCandidate } from '../../../../src/core/dedupe.js';
import { WinnerTable } from '../../../../src/core/winnerTable.js';
import { countNonCompliantResources, hashResourceOfKey } from '../../../../src/modes/final/resources.js';

const key = (account: string, rule: string, id: string, region = 'us-east-1', type = 'AWS::S3::Bucket') =>
  dedupeKey({ account_id: account, region, rule_name: rule, resource_type: type, resource_id: id });
const hash = (k: string) => {
  const out = new Uint32Array(2);
  hashResourceOfKey(k, out, 0);
  return [...out];
};

describe('hashResourceOfKey', () => {
  it('ignores the rule and nothing else', () => {
    expect(hash(key('111111111111', 'rule-a', 'logs'))).toEqual(hash(key('111111111111', 'rule-bb', 'logs')));
    const base = hash(key('111111111111', 'r', 'logs'));
    expect(hash(key('222222222222', 'r', 'logs'))).not.toEqual(base);
    expect(hash(key('111111111111', 'r', 'logs', 'eu-west-1'))).not.toEqual(base);
    expect(hash(key('111111111111', 'r', 'logs', 'us-east-1', 'AWS::EC2::Volume'))).not.toEqual(base);
    expect(hash(key('111111111111', 'r', 'logs2'))).not.toEqual(base);
    // A separator inside a resource id is part of the id.
    expect(hash(key('111111111111', 'r', 'a\u0000b'))).not.toEqual(hash(key('111111111111', 'r', 'ab')));
  });
});

describe('countNonCompliantResources', () => {
  it('counts each non-compliant resource once, by account and by owner', () => {
    const table = new WinnerTable();
    const offer = (k: string, account: number, owner: number, type: 'NON_COMPLIANT' | 'COMPLIANT') => {
      const c = emptyCandidate();
      c.account = account;
      c.owner = owner;
      c.compliance = complianceCode(type);
      table.offer(k, c);
    };
    table.begin();
    offer(key('111111111111', 'rule-1', 'logs'), 0, 1, 'NON_COMPLIANT');
    offer(key('111111111111', 'rule-2', 'logs'), 0, 1, 'NON_COMPLIANT');
    offer(key('111111111111', 'rule-3', 'logs'), 0, 2, 'NON_COMPLIANT'); // tags changed between reads
    offer(key('111111111111', 'rule-1', 'data'), 0, 1, 'COMPLIANT');
    offer(key('222222222222', 'rule-1', 'logs'), 1, 0, 'NON_COMPLIANT');
    offer(key('222222222222', 'rule-1', 'data'), 1, 0, 'NON_COMPLIANT');
    table.commit();
    const counts = countNonCompliantResources(table);
    expect(counts.overall).toBe(3);
    expect(Object.fromEntries(counts.byAccount)).toEqual({ 0: 1, 1: 2 });
    expect(Object.fromEntries(counts.byOwner)).toEqual({ 0: 2, 1: 1, 2: 1 });
  });
});
