import { describe, expect, it } from 'vitest';
import {
  batchKey,
  batchPrefix,
  isSafeId,
  normalizePrefix,
  planKey,
  reportDate,
  reportKeys,
} from '../../../src/core/keys.js';

describe('storage keys', () => {
  it('builds the seed batch key exactly', () => {
    expect(batchKey('', '2023-10-27', '01')).toBe('batches/2023-10-27/01.json');
    expect(batchKey('team/x/', '2023-10-27', '01')).toBe('team/x/batches/2023-10-27/01.json');
    expect(batchPrefix('p/', 'g')).toBe('p/batches/g/');
    expect(planKey('', 'g')).toBe('plans/g/manifest.json');
  });

  it.each([
    ['', false],
    ['..', false],
    ['a..b', false],
    ['a/b', false],
    ['a\\b', false],
    ['x'.repeat(129), false],
    ['2023-10-27', true],
    ['shard_01.v2', true],
  ])('isSafeId(%j) is %s', (id, safe) => {
    expect(isSafeId(id)).toBe(safe);
  });

  it('refuses unsafe ids instead of building a key that escapes its prefix', () => {
    expect(() => batchKey('', '../other', '01')).toThrow(/group_id/);
    expect(() => batchKey('', 'g', 'a/b')).toThrow(/shard_id/);
  });

  it.each([
    [undefined, ''],
    ['', ''],
    ['/reports/', 'reports/'],
    ['a//b', 'a//b/'],
    ['team', 'team/'],
  ])('normalizePrefix(%j) is %j', (input, expected) => {
    expect(normalizePrefix(input)).toBe(expected);
  });

  it('rejects a prefix with dot segments', () => {
    expect(() => normalizePrefix('a/../b')).toThrow(/REPORT_PREFIX/);
  });

  it('uses the group date when the group id is a date, else the run date', () => {
    const now = new Date('2026-11-28T05:00:00Z');
    expect(reportDate('2023-10-27', now)).toBe('2023-10-27');
    expect(reportDate('2023-10-27-rerun', now)).toBe('2023-10-27');
    expect(reportDate('2023-02-30', now)).toBe('2026-11-28');
    expect(reportDate('nightly', now)).toBe('2026-11-28');
    expect(reportKeys('', '2023-10-27').xlsx).toBe('reports/ConfigRule_2023-10-27.xlsx');
  });
});
