import { describe, expect, it } from 'vitest';
import { isInvalidInputError } from '../../../src/core/errors.js';
import {
  type InvalidEventError,
  isInvalidEventError,
  parseEvent,
  parseEventWithNotes,
} from '../../../src/core/event.js';
import { batchKey, isSafeId } from '../../../src/core/keys.js';
import { issuesOf, SEED_EVENT } from '../../helpers/events.js';

const valid = SEED_EVENT;

describe('dot-only ids', () => {
  it.each([
    ['group_id', '.'],
    ['group_id', '..'],
    ['group_id', '...'],
    ['shard_id', '.'],
    ['shard_id', '....'],
  ])('refuses %s %j, naming the field', (field, id) => {
    const issues = issuesOf({ ...valid, [field]: id });
    expect(issues).toEqual([expect.stringMatching(new RegExp(`^${field}: .*only dots`))]);
  });

  it('keeps ids that merely contain single dots', () => {
    expect(parseEvent({ ...valid, group_id: '.a', shard_id: 'v1.2.' })).toMatchObject({
      group_id: '.a',
      shard_id: 'v1.2.',
    });
  });

  it('never builds a key from a dot-only id', () => {
    expect(isSafeId('.')).toBe(false);
    expect(() => batchKey('', '.', '01')).toThrow(/group_id/);
    expect(() => batchKey('', 'g', '.')).toThrow(/shard_id/);
  });
});

describe('conflicting accounts are reported, not refused', () => {
  it('lists an id given with two names, names in order of appearance; the event keeps every entry', () => {
    const { event, notes } = parseEventWithNotes({
      ...valid,
      accounts: [
        { account_id: '111111111111', account_name: 'alpha' },
        { account_id: '222222222222', account_name: 'beta' },
        { account_id: '111111111111', account_name: 'alpha-renamed' },
        { account_id: '111111111111', account_name: 'alpha' },
        { account_id: '111111111111', account_name: 'third' },
      ],
    });
    expect(event.accounts).toHaveLength(5);
    expect(notes.conflictingAccounts).toEqual([
      { account_id: '111111111111', names: ['alpha', 'alpha-renamed', 'third'] },
    ]);
  });

  it('does not count an exact repeat (same id and name) as a conflict', () => {
    const account = { account_id: '111111111111', account_name: 'alpha' };
    const { notes } = parseEventWithNotes({ ...valid, accounts: [account, account] });
    expect(notes.conflictingAccounts).toEqual([]);
  });

  it('reports conflicts in plan and final events too', () => {
    const accounts = [
      { account_id: '111111111111', account_name: 'a' },
      { account_id: '111111111111', account_name: 'b' },
    ];
    for (const mode of ['plan', 'final']) {
      const { notes } = parseEventWithNotes({ mode, group_id: 'g', accounts });
      expect(notes.conflictingAccounts).toEqual([{ account_id: '111111111111', names: ['a', 'b'] }]);
    }
  });
});

describe('unknown fields are listed, not refused', () => {
  it('lists top-level and per-account unknown fields with their paths', () => {
    const { event, notes } = parseEventWithNotes({
      ...valid,
      detail_type: 'Scheduled Event',
      comment: 'nightly',
      accounts: [
        { account_id: '123456789012', account_name: 'a', owner: 'team-a' },
        { account_id: '987654321098', account_name: 'b', cost_centre: '42', note: 'x' },
      ],
    });
    expect(notes.unknownFields).toEqual([
      'detail_type',
      'comment',
      'accounts[0].owner',
      'accounts[1].cost_centre',
      'accounts[1].note',
    ]);
    // Still dropped from the event, as before.
    expect(event).not.toHaveProperty('comment');
    expect(event.accounts?.[0]).not.toHaveProperty('owner');
  });

  it('has empty notes for the seed example', () => {
    expect(parseEventWithNotes(valid).notes).toEqual({ unknownFields: [], conflictingAccounts: [] });
  });

  it('lists a field of another mode as unknown in this one, never as a near-miss', () => {
    const { notes } = parseEventWithNotes({ ...valid, shard_size: 25, organizations_role_arn: 'x' });
    expect(notes.unknownFields).toEqual(['shard_size', 'organizations_role_arn']);
  });

  it('keeps the fields of an EventBridge envelope other than account and region as unknown', () => {
    const envelope = {
      version: '0',
      id: 'abc',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: '2024-01-01T00:00:00Z',
      resources: [],
      detail: {},
    };
    expect(parseEventWithNotes({ ...valid, ...envelope }).notes.unknownFields).toEqual(Object.keys(envelope));
  });
});

describe('near-misses of known fields are refused, naming the field and the one meant', () => {
  it.each([
    ['region', 'regions', { region: 'us-east-1' }],
    ['regoins', 'regions', { regoins: ['us-east-1'] }],
    ['account', 'accounts', { account: valid.accounts[0] }],
    ['account_ids', 'accounts', { account_ids: ['123456789012'] }],
    ['groupId', 'group_id', { groupId: 'g' }],
    ['group', 'group_id', { group: 'g' }],
    ['shardId', 'shard_id', { shardId: '01' }],
    ['roleName', 'role_name', { roleName: 'r' }],
    ['externalId', 'external_id', { externalId: 'abcdef' }],
    ['tagPrefix', 'tag_prefix', { tagPrefix: 'own.' }],
    ['planKey', 'plan_key', { planKey: 'plans/g/manifest.json' }],
    ['Mode', 'mode', { Mode: 'final' }],
  ])('%s → %s', (field, intended, extra) => {
    const issues = issuesOf({ ...valid, ...extra });
    expect(issues).toContain(`${field}: not a field of the event; did you mean ${intended}?`);
  });

  it.each([
    ['accountId', 'account_id'],
    ['accountName', 'account_name'],
    ['acount_name', 'account_name'],
    ['enviroment', 'environment'],
    ['tag', 'tags'],
  ])('accounts[].%s → %s', (field, intended) => {
    const accounts = [valid.accounts[0], { ...valid.accounts[1], [field]: 'x' }];
    const issues = issuesOf({ ...valid, accounts });
    expect(issues).toContain(`accounts[1].${field}: not a field of the event; did you mean ${intended}?`);
  });

  it('names the near-miss beside the missing field it stands for, in one error', () => {
    const { group_id: _g, ...withoutGroup } = valid;
    const issues = issuesOf({ ...withoutGroup, groupId: '2023-10-27' });
    expect(issues).toEqual([
      'groupId: not a field of the event; did you mean group_id?',
      expect.stringMatching(/^group_id: /),
    ]);
  });

  it('is an invalid-input error that the guards recognise', () => {
    let caught: unknown;
    try {
      parseEvent({ ...valid, roleName: 'r' });
    } catch (error) {
      caught = error;
    }
    expect(isInvalidEventError(caught)).toBe(true);
    expect(isInvalidInputError(caught)).toBe(true);
    expect((caught as InvalidEventError).details).toEqual([
      'roleName: not a field of the event; did you mean role_name?',
    ]);
    expect(isInvalidEventError(new Error('Invalid event'))).toBe(false);
  });

  it('leaves names that are far from every field alone (note is not mode, source is not regions)', () => {
    const { notes } = parseEventWithNotes({ ...valid, note: 'x', source: 'y', owner: 'z' });
    expect(notes.unknownFields).toEqual(['note', 'source', 'owner']);
  });
});
