/**
 * Choosing and splitting for worker collection: the automatic worker count, the setting's bounds,
 * whole-account groups, and what a crashed worker's accounts become.
 */
import { describe, expect, it } from 'vitest';
import { loadBatchSettings, resolveWorkerCount } from '../../../src/config/batchSettings.js';
import { InvalidSettingError } from '../../../src/config/env.js';
import { crashedOutcome, splitAccounts } from '../../../src/modes/batch/collectInWorkers.js';

describe('CONFIGREPORT_WORKERS', () => {
  it('is 0 (in-process) when unset and bounded 0–16 when set', () => {
    expect(loadBatchSettings({}).workers).toBe(0);
    expect(loadBatchSettings({ CONFIGREPORT_WORKERS: ' ' }).workers).toBe(0);
    expect(loadBatchSettings({ CONFIGREPORT_WORKERS: '0' }).workers).toBe(0);
    expect(loadBatchSettings({ CONFIGREPORT_WORKERS: '3' }).workers).toBe(3);
    expect(() => loadBatchSettings({ CONFIGREPORT_WORKERS: '17' })).toThrow(InvalidSettingError);
    expect(() => loadBatchSettings({ CONFIGREPORT_WORKERS: '1.5' })).toThrow(/CONFIGREPORT_WORKERS/);
  });

  it('never uses more workers than the shard has accounts', () => {
    expect(resolveWorkerCount({ workers: 0 }, 200)).toBe(0);
    expect(resolveWorkerCount({ workers: 2 }, 200)).toBe(2);
    expect(resolveWorkerCount({ workers: 4 }, 3)).toBe(3);
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
    expect(outcome).toMatchObject({ records: 0, recordLines: '' });
  });
});
