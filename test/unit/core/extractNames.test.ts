/**
 * Owner values are untrusted tag text; each must become one safe, distinct key segment that a
 * case-insensitive disk cannot merge with another, whatever the other owners are called.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractNames, UNTAGGED_EXTRACT_NAME } from '../../../src/core/extractNames.js';
import { extractKey, isSafeId } from '../../../src/core/keys.js';

const HOSTILE = [
  '../../etc',
  'a/b',
  'a\\b',
  'CON',
  'con',
  'lpt1',
  '🔥🔥',
  'team 🔥',
  'x'.repeat(300),
  `${'x'.repeat(299)}y`,
  'untagged',
  'Untagged',
  '(untagged)',
  'Team-A',
  'team-a',
  'TEAM-A',
  '',
  ' ',
  '.hidden',
  '..',
  '.',
  'a\u0000b',
  'a\nb',
  'Équipe Paiements',
  'equipe-paiements',
  'команда',
  '=cmd|calc',
];

/** What every name must be, on its own. */
function assertSafeName(name: string): void {
  expect(isSafeId(name)).toBe(true);
  expect(name).toMatch(/^[a-z0-9_][a-z0-9_-]*$/);
  expect(name.length).toBeLessThanOrEqual(128);
  expect(name).not.toBe(UNTAGGED_EXTRACT_NAME);
  expect(name).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/);
}

describe('extractNames', () => {
  it('maps hostile owner values to safe names, distinct even ignoring case, never "untagged"', () => {
    const names = extractNames(HOSTILE);
    for (const name of names) assertSafeName(name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(HOSTILE.length);
    for (const name of names)
      expect(extractKey('reports/2024-05-01/', 'owners', name)).toBe(
        `reports/2024-05-01/owners/${name}.xlsx`,
      );
  });

  it('keeps readable names, and gives the plain name to the value that already is it', () => {
    const values = ['Team Payments', 'team-a', 'Team-A', 'TEAM-A', 'Équipe Paiements'];
    const names = new Map(extractNames(values).map((name, i) => [values[i]!, name] as const));
    expect(names.get('Team Payments')).toBe('team-payments');
    expect(names.get('Équipe Paiements')).toBe('equipe-paiements');
    expect(names.get('team-a')).toBe('team-a');
    expect(names.get('Team-A')).toMatch(/^team-a-[0-9a-f]{8}$/);
    expect(names.get('TEAM-A')).toMatch(/^team-a-[0-9a-f]{8}$/);
    expect(names.get('Team-A')).not.toBe(names.get('TEAM-A'));
  });

  it('hashes what cannot stand alone: traversal, cut, reserved and empty values', () => {
    const [traversal, long, reserved, device, emoji, empty] = extractNames([
      '../../etc',
      'x'.repeat(300),
      'untagged',
      'CON',
      '🔥',
      '',
    ]);
    expect(traversal).toBe('etc');
    expect(long).toMatch(/^x{64}-[0-9a-f]{8}$/);
    expect(reserved).toMatch(/^untagged-[0-9a-f]{8}$/);
    expect(device).toMatch(/^con-[0-9a-f]{8}$/);
    expect(emoji).toMatch(/^owner-[0-9a-f]{8}$/);
    expect(empty).toMatch(/^owner-[0-9a-f]{8}$/);
  });

  it('does not depend on the order of the values', () => {
    const forward = extractNames(HOSTILE);
    const backward = extractNames([...HOSTILE].reverse()).reverse();
    expect(backward).toEqual(forward);
  });

  it('resolves a hashed name that another value holds literally', () => {
    const hashed = extractNames(['Team-A', 'team-a'])[0]!;
    const names = extractNames(['Team-A', 'team-a', hashed]);
    expect(names[2]).toBe(hashed);
    expect(names[0]).toMatch(/^team-a-[0-9a-f]{16}$/);
    expect(new Set(names).size).toBe(3);
  });

  it('any set of values gets safe, distinct names (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'grapheme-composite', maxLength: 80 }), { maxLength: 30 }),
        (values) => {
          const names = extractNames(values);
          for (const name of names) assertSafeName(name);
          expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(values.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses an unsafe name at the key builder', () => {
    expect(() => extractKey('reports/', 'owners', '../x')).toThrow(RangeError);
    expect(() => extractKey('reports/', 'owners', 'a/b')).toThrow(RangeError);
  });
});
