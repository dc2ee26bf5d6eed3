import { describe, expect, it } from 'vitest';
import {
  compileExceptions,
  compilePattern,
  daysToExpiry,
  exceptionStatus,
  parseExceptions,
} from '../../../src/core/exceptions.js';

const entry = {
  account: '123456789012',
  rule: 's3-bucket-versioning-enabled',
  resource: 'logs-*',
  reason: 'archive buckets, versioning not needed',
  owner: 'platform-team',
  expires: '2024-06-30',
};
const file = (...exceptions: unknown[]) => JSON.stringify({ version: 1, exceptions });

function problems(text: string): string[] {
  const parsed = parseExceptions(text);
  if (parsed.ok) throw new Error('expected problems');
  return parsed.problems;
}

describe('parseExceptions', () => {
  it('accepts a valid file and "*" as the account', () => {
    const parsed = parseExceptions(file(entry, { ...entry, account: '*' }));
    expect(parsed.ok && parsed.file.exceptions).toHaveLength(2);
  });

  it('names the field of every problem', () => {
    const bad = problems(
      file(
        entry,
        entry,
        entry,
        { ...entry, expires: '2024-02-30' },
        { ...entry, account: '1234' },
        {
          ...entry,
          reason: ' ',
        },
      ),
    );
    expect(bad).toEqual([
      'exceptions[3].expires: not a date YYYY-MM-DD',
      'exceptions[4].account: not a 12-digit account id or "*"',
      'exceptions[5].reason: reason must not be empty',
    ]);
  });

  it('refuses a missing field, an empty pattern, a wrong version and bad JSON', () => {
    const { owner: _owner, ...withoutOwner } = entry;
    expect(problems(file(withoutOwner))).toEqual(['exceptions[0].owner: owner must be text']);
    expect(problems(file({ ...entry, rule: '' }))).toEqual([
      'exceptions[0].rule: rule must not be empty (use "*" for any)',
    ]);
    expect(problems(JSON.stringify({ version: 2, exceptions: [] }))).toEqual(['version: must be 1']);
    expect(problems('{ nope')[0]).toMatch(/^\(file\): not valid JSON/);
    expect(problems('[]')).toEqual(['(file): must be an object {"version": 1, "exceptions": [...]}']);
  });

  it('refuses a date written another way', () => {
    for (const expires of ['2024-6-30', '30/06/2024', '2024-06-30T00:00:00Z', '2024-13-01'])
      expect(problems(file({ ...entry, expires }))).toEqual(['exceptions[0].expires: not a date YYYY-MM-DD']);
  });
});

describe('compilePattern', () => {
  const matches = (pattern: string, value: string) => compilePattern(pattern).test(value);

  it('* matches any run of characters, also none and across separators', () => {
    expect(matches('*', '')).toBe(true);
    expect(matches('*', 'arn:aws:s3:::a/b\nc')).toBe(true);
    expect(matches('logs-*', 'logs-')).toBe(true);
    expect(matches('logs-*', 'logs-2024/eu')).toBe(true);
    expect(matches('a*b*c', 'aXXbYYc')).toBe(true);
    expect(matches('a*b*c', 'aXXbYY')).toBe(false);
  });

  it('? matches exactly one character', () => {
    expect(matches('i-?', 'i-1')).toBe(true);
    expect(matches('i-?', 'i-')).toBe(false);
    expect(matches('i-?', 'i-12')).toBe(false);
    expect(matches('??', 'é😀')).toBe(true);
  });

  it('takes regex metacharacters literally', () => {
    expect(matches('my.bucket', 'my.bucket')).toBe(true);
    expect(matches('my.bucket', 'myXbucket')).toBe(false);
    expect(matches('id[1]', 'id[1]')).toBe(true);
    expect(matches('id[1]', 'id1')).toBe(false);
    expect(matches('a+b(c)|d^$\\{2}/-', 'a+b(c)|d^$\\{2}/-')).toBe(true);
    expect(matches('a+', 'aa')).toBe(false);
  });

  it('is anchored and case-sensitive', () => {
    expect(matches('bucket', 'my-bucket')).toBe(false);
    expect(matches('bucket', 'bucket-2')).toBe(false);
    expect(matches('Bucket', 'bucket')).toBe(false);
  });

  it('an empty pattern matches only the empty value', () => {
    expect(matches('', '')).toBe(true);
    expect(matches('', 'x')).toBe(false);
  });
});

describe('expiry', () => {
  it('applies through the expires day, and is expired the day after', () => {
    expect(exceptionStatus('2024-06-30', '2024-06-30')).toBe('expiring');
    expect(daysToExpiry('2024-06-30', '2024-06-30')).toBe(0);
    expect(exceptionStatus('2024-06-30', '2024-07-01')).toBe('expired');
    expect(daysToExpiry('2024-06-30', '2024-07-01')).toBe(-1);
  });

  it('is expiring with 14 days or fewer left, active with 15', () => {
    expect(exceptionStatus('2024-06-15', '2024-06-01')).toBe('expiring');
    expect(exceptionStatus('2024-06-16', '2024-06-01')).toBe('active');
    // Across a month and a leap day.
    expect(daysToExpiry('2024-03-01', '2024-02-28')).toBe(2);
  });

  it('compiles every entry with its standing on the report date', () => {
    const parsed = parseExceptions(file(entry, { ...entry, expires: '2024-01-01' }));
    if (!parsed.ok) throw new Error('valid');
    const compiled = compileExceptions(parsed.file, '2024-05-02');
    expect(compiled.map((c) => [c.index, c.status, c.daysToExpiry])).toEqual([
      [0, 'active', 59],
      [1, 'expired', -122],
    ]);
    expect(compiled[0]!.resource.test('logs-eu')).toBe(true);
  });
});
