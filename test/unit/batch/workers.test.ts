/**
 * Choosing and splitting for worker collection: the automatic worker count, the setting's bounds,
 * whole-account groups, and what a crashed worker's accounts become.
 */
import { describe, expect, it } from 'vitest';
import { loadBatchSettings, resolveWorkerCount } from '../../../src/config/batchSettings.js';
import { InvalidSettingError } from '../../../src/config/env.js';
import { crashedOutcome, splitAccounts } from '../../../src/modes/batch/collectInWorkers.js';

describe('CONFIGREPORT_WORKERS', () => {
  it('is automatic when unset and bounded 0–16 when set', () => {
    expect(loadBatchSettings({}).workers).toBeUndefined();
    expect(loadBatchSettings({ CONFIGREPORT_WORKERS: '0' }).workers).toBe(0);
    expect(loadBatchSettings({ CONFIGREPORT_WORKERS: '3' }).workers).toBe(3);
    expect(() => loadBatchSettings({ CONFIGREPORT_WORKERS: '17' })).toThrow(InvalidSettingError);
    expect(() => loadBatchSettings({ CONFIGREPORT_WORKERS: '1.5' })).toThrow(/CONFIGREPORT_WORKERS/);
  });

  it('uses 2 workers from 40 account-regions on 2+ CPUs, else none; never more than accounts', () => {
    expect(resolveWorkerCount({}, 39, 20, 2)).toBe(0);
    expect(resolveWorkerCount({}, 40, 20, 2)).toBe(2);
    expect(resolveWorkerCount({}, 400, 200, 8)).toBe(2);
    expect(resolveWorkerCount({}, 400, 200, 1)).toBe(0);
    expect(resolveWorkerCount({ workers: 0 }, 400, 200, 8)).toBe(0);
    expect(resolveWorkerCount({ workers: 4 }, 10, 3, 2)).toBe(3);
  });
});

describe('splitAccounts', () => {
  it('deals whole accounts round-robin into balanced groups, none empty', () => {
    expect(splitAccounts(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([
      ['a', 'c', 'e'],
      ['b', 'd'],
    ]);
    expect(splitAccounts(['a'], 3)).toEqual([['a']]);
  });
});

describe('crashedOutcome', () => {
  it('names the error instead of dropping the account-region', () => {
    const outcome = crashedOutcome('eu-west-1', new RangeError('boom'));
    expect(outcome.result).toMatchObject({
      region: 'eu-west-1',
      status: 'ERROR',
      error_name: 'RangeError',
      error_message: 'collection worker failed: boom',
    });
    expect(outcome.records).toEqual([]);
  });
});
