import { describe, expect, it } from 'vitest';
import {
  batchKey,
  batchPrefix,
  isDateGroup,
  isSafeId,
  normalizePrefix,
  planKey,
  reportDate,
  reportKeys,
  reportRunKeys,
  reportRunsPrefix,
  withoutHtml,
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

  it.each([
    ['2023-10-27', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2023-10-27-rerun', false],
    ['2023-10-27T06', false],
    ['adhoc', false],
    ['20231027', false],
  ])('isDateGroup(%j) is %s', (groupId, expected) => {
    expect(isDateGroup(groupId)).toBe(expected);
  });

  it('publishes a date group at the seed keys, with the manifest beside them', () => {
    expect(reportKeys('', '2023-10-27', '2023-10-27')).toEqual({
      xlsx: 'reports/ConfigRule_2023-10-27.xlsx',
      csvGz: 'reports/ConfigRule_2023-10-27.details.csv.gz',
      summaryJson: 'reports/ConfigRule_2023-10-27.summary.json',
      html: 'reports/ConfigRule_2023-10-27.html',
      manifest: 'reports/ConfigRule_2023-10-27.manifest.json',
    });
    expect(reportKeys('team/', '2023-10-27').xlsx).toBe('team/reports/ConfigRule_2023-10-27.xlsx');
  });

  it('publishes any other group under its own folder, so it never replaces the date group report', () => {
    const date = '2023-10-27';
    for (const groupId of ['adhoc', '2023-10-27-rerun', '2023-10-72']) {
      const keys = reportKeys('team/', date, groupId);
      expect(keys).toEqual({
        xlsx: `team/reports/groups/${groupId}/ConfigRule_${date}.xlsx`,
        csvGz: `team/reports/groups/${groupId}/ConfigRule_${date}.details.csv.gz`,
        summaryJson: `team/reports/groups/${groupId}/ConfigRule_${date}.summary.json`,
        html: `team/reports/groups/${groupId}/ConfigRule_${date}.html`,
        manifest: `team/reports/groups/${groupId}/ConfigRule_${date}.manifest.json`,
      });
      expect(Object.values(keys)).not.toContain(reportKeys('team/', date).xlsx);
    }
    expect(() => reportKeys('', date, '../x')).toThrow(/group_id/);
  });

  it('keeps every run in its own folder under reports/runs/, apart from any published key', () => {
    const run = reportRunKeys('p/', 'runs', '20231027T060000000Z-0a1b2c3d', '2023-10-27');
    expect(run).toEqual({
      xlsx: 'p/reports/runs/runs/20231027T060000000Z-0a1b2c3d/ConfigRule_2023-10-27.xlsx',
      csvGz: 'p/reports/runs/runs/20231027T060000000Z-0a1b2c3d/ConfigRule_2023-10-27.details.csv.gz',
      summaryJson: 'p/reports/runs/runs/20231027T060000000Z-0a1b2c3d/ConfigRule_2023-10-27.summary.json',
      html: 'p/reports/runs/runs/20231027T060000000Z-0a1b2c3d/ConfigRule_2023-10-27.html',
    });
    expect(withoutHtml(run)).toEqual({ xlsx: run.xlsx, csvGz: run.csvGz, summaryJson: run.summaryJson });
    // A group named "runs" publishes under groups/, outside what a lifecycle rule on runs/ expires.
    for (const key of Object.values(reportKeys('p/', '2023-10-27', 'runs')))
      expect(key?.startsWith(reportRunsPrefix('p/'))).toBe(false);
    expect(() => reportRunKeys('', 'g', 'a/b', '2023-10-27')).toThrow(/run_id/);
  });
});
