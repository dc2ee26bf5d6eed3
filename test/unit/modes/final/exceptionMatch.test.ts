import { describe, expect, it } from 'vitest';
import { dedupeKey } from '../../../../src/core/dedupe.js';
import { compileExceptions, type ExceptionEntry } from '../../../../src/core/exceptions.js';
import { Interner } from '../../../../src/core/interner.js';
import { ExceptionMatcher, resourceIdOfKey } from '../../../../src/modes/final/exceptionMatch.js';

const entry = (o: Partial<ExceptionEntry>): ExceptionEntry => ({
  account: '*',
  rule: '*',
  resource: '*',
  reason: 'r',
  owner: 'o',
  expires: '2024-12-31',
  ...o,
});

function matcherOf(entries: ExceptionEntry[], ruleNames: [string, string][]) {
  const accounts = new Interner();
  const rules = new Interner();
  for (const [name] of ruleNames) rules.id(name);
  const compiled = compileExceptions({ version: 1, exceptions: entries }, '2024-05-01');
  const matcher = new ExceptionMatcher(
    compiled,
    { accounts, rules },
    ruleNames.map(([, logical]) => logical),
  );
  const match = (account: string, rule: string, resourceId: string) =>
    matcher.match(
      accounts.id(account),
      rules.id(rule),
      dedupeKey({
        account_id: account,
        region: 'us-east-1',
        rule_name: rule,
        resource_type: 'T',
        resource_id: resourceId,
      }),
    );
  return { matcher, match };
}

describe('ExceptionMatcher', () => {
  it('reads the resource id back from a dedupe key, separators and all', () => {
    const key = dedupeKey({
      account_id: 'a',
      region: 'r',
      rule_name: 'n',
      resource_type: 't',
      resource_id: 'x\u0000y:z',
    });
    expect(resourceIdOfKey(key)).toBe('x\u0000y:z');
  });

  it('matches the logical rule name or the instance name, and the account', () => {
    const { match } = matcherOf(
      [entry({ account: '111111111111', rule: 'securityhub-x' }), entry({ rule: 'other-abc123' })],
      [
        ['securityhub-x-a1b2c3', 'securityhub-x'],
        ['other-abc123', 'other'],
      ],
    );
    expect(match('111111111111', 'securityhub-x-a1b2c3', 'r1')).toBe(0);
    expect(match('222222222222', 'securityhub-x-a1b2c3', 'r1')).toBe(-1);
    expect(match('222222222222', 'other-abc123', 'r1')).toBe(1);
  });

  it('gives an evaluation to the first matching entry and counts per entry', () => {
    const { matcher, match } = matcherOf(
      [entry({ resource: 'b-*' }), entry({ resource: '*' })],
      [['rule', 'rule']],
    );
    expect(match('111111111111', 'rule', 'b-1')).toBe(0);
    expect(match('111111111111', 'rule', 'c-1')).toBe(1);
    expect(match('111111111111', 'rule', 'b-2')).toBe(0);
    expect([...matcher.matched]).toEqual([2, 1]);
  });

  it('skips expired entries; one expiring on the report date still applies', () => {
    const { match } = matcherOf(
      [entry({ expires: '2024-04-30' }), entry({ expires: '2024-05-01', resource: 'x' })],
      [['rule', 'rule']],
    );
    expect(match('111111111111', 'rule', 'x')).toBe(1);
    expect(match('111111111111', 'rule', 'y')).toBe(-1);
  });
});
