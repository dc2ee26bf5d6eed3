import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../src/core/event.js';
import { issuesOf, SEED_EVENT } from '../../helpers/events.js';

const valid = SEED_EVENT;

describe('the seed event contract', () => {
  it('accepts the seed example exactly as written', () => {
    const parsed = parseEvent(valid);
    expect(parsed.mode).toBe('batch');
    expect(parsed).toMatchObject({ group_id: '2023-10-27', shard_id: '01' });
  });

  it('defaults mode to batch, as the seed says', () => {
    const { mode: _mode, ...withoutMode } = valid;
    expect(parseEvent(withoutMode).mode).toBe('batch');
  });

  it('ignores unknown extra fields an EventBridge payload may carry', () => {
    expect(parseEvent({ ...valid, detail_type: 'Scheduled Event' }).mode).toBe('batch');
  });

  it('accepts a final event with only a group id', () => {
    expect(parseEvent({ mode: 'final', group_id: '2023-10-27' }).mode).toBe('final');
  });
});

describe('rejections name the bad field', () => {
  it.each([
    ['missing group_id', { ...valid, group_id: undefined }, 'group_id'],
    ['missing shard_id', { ...valid, shard_id: undefined }, 'shard_id'],
    ['missing role_name', { ...valid, role_name: undefined }, 'role_name'],
    ['missing accounts', { ...valid, accounts: undefined }, 'accounts'],
    ['empty group_id', { ...valid, group_id: '' }, 'group_id'],
    ['empty shard_id', { ...valid, shard_id: '' }, 'shard_id'],
    ['group_id with ..', { ...valid, group_id: '..' }, 'group_id'],
    ['shard_id with ..', { ...valid, shard_id: 'a..b' }, 'shard_id'],
    ['group_id with /', { ...valid, group_id: '2023/10/27' }, 'group_id'],
    ['shard_id with /', { ...valid, shard_id: '../01' }, 'shard_id'],
    ['shard_id with backslash', { ...valid, shard_id: 'a\\b' }, 'shard_id'],
    ['shard_id with space', { ...valid, shard_id: 'a b' }, 'shard_id'],
    ['over-long group_id', { ...valid, group_id: 'g'.repeat(129) }, 'group_id'],
    ['over-long shard_id', { ...valid, shard_id: 's'.repeat(129) }, 'shard_id'],
    ['numeric group_id', { ...valid, group_id: 20231027 }, 'group_id'],
    [
      '11-digit account id',
      { ...valid, accounts: [{ account_id: '12345678901', account_name: 'x' }] },
      'accounts[0].account_id',
    ],
    [
      'account id with letters',
      { ...valid, accounts: [{ account_id: '12345678901a', account_name: 'x' }] },
      'accounts[0].account_id',
    ],
    [
      'numeric account id',
      { ...valid, accounts: [{ account_id: 123456789012, account_name: 'x' }] },
      'accounts[0].account_id',
    ],
    [
      'missing account_name',
      { ...valid, accounts: [{ account_id: '123456789012' }] },
      'accounts[0].account_name',
    ],
    ['role name with slash', { ...valid, role_name: 'path/role' }, 'role_name'],
    ['unknown mode', { ...valid, mode: 'map' }, 'mode'],
    ['bad region', { ...valid, regions: ['US-EAST-1'] }, 'regions[0]'],
    ['short external id', { ...valid, external_id: 'x' }, 'external_id'],
  ])('%s', (_name, raw, field) => {
    const issues = issuesOf(raw);
    expect(issues.some((issue) => issue.startsWith(`${field}:`))).toBe(true);
  });

  it('names every bad field at once, not only the first', () => {
    const issues = issuesOf({ ...valid, group_id: '..', shard_id: '', accounts: [{ account_id: '1' }] });
    const fields = issues.map((issue) => issue.split(':')[0]);
    expect(fields).toEqual(
      expect.arrayContaining(['group_id', 'shard_id', 'accounts[0].account_id', 'accounts[0].account_name']),
    );
  });

  it.each([null, [], 'batch', 42])('rejects a non-object event (%j)', (raw) => {
    expect(issuesOf(raw)).toEqual(['(event): must be a JSON object']);
  });
});

describe('safe ids (property-based)', () => {
  const safeChar = fc.constantFrom(...'abcXYZ0189._-'.split(''));
  const safeId = fc
    .array(safeChar, { minLength: 1, maxLength: 128 })
    .map((chars) => chars.join(''))
    .filter((id) => !id.includes('..') && id !== '.');

  it('accepts any id of [A-Za-z0-9._-] without ".." (and not ".") up to 128 characters', () => {
    fc.assert(
      fc.property(safeId, safeId, (groupId, shardId) => {
        const parsed = parseEvent({ ...valid, group_id: groupId, shard_id: shardId });
        expect(parsed).toMatchObject({ group_id: groupId, shard_id: shardId });
      }),
    );
  });

  it('rejects any id containing a character outside the safe set, naming the field', () => {
    const unsafeChar = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 1 })
      .filter((c) => !/^[A-Za-z0-9._-]$/.test(c));
    fc.assert(
      fc.property(
        safeId,
        unsafeChar,
        fc.nat(),
        fc.constantFrom('group_id', 'shard_id'),
        (id, bad, at, field) => {
          const position = at % (id.length + 1);
          const unsafe = `${id.slice(0, position)}${bad}${id.slice(position)}`;
          const issues = issuesOf({ ...valid, [field]: unsafe });
          expect(issues.some((issue) => issue.startsWith(`${field}:`))).toBe(true);
        },
      ),
    );
  });

  it('rejects any account id that is not exactly 12 digits', () => {
    const notTwelveDigits = fc.string({ maxLength: 20 }).filter((s) => !/^\d{12}$/.test(s));
    fc.assert(
      fc.property(notTwelveDigits, (accountId) => {
        const issues = issuesOf({ ...valid, accounts: [{ account_id: accountId, account_name: 'x' }] });
        expect(issues.some((issue) => issue.startsWith('accounts[0].account_id:'))).toBe(true);
      }),
    );
  });
});
