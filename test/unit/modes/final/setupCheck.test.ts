import { describe, expect, it } from 'vitest';
import { ACCESS_CAUSES, checkSetup } from '../../../../src/modes/final/setupCheck.js';

describe('checkSetup', () => {
  it('is silent for a healthy run, and at the threshold itself', () => {
    expect(checkSetup({ OK: 10, ASSUME_ROLE_DENIED: 2, MISSING: 30 }, 0.5)).toBeUndefined();
    expect(checkSetup({ OK: 5, ASSUME_ROLE_DENIED: 5 }, 0.5)).toBeUndefined();
  });

  it('fails on a denied share above the threshold, counting only what the shards report', () => {
    // MISSING (no shard reported it) is the shard's problem: 6 denied of 10 reported.
    const failure = checkSetup({ OK: 4, ASSUME_ROLE_DENIED: 6, MISSING: 100 }, 0.5);
    expect(failure).toEqual({
      reason: 'access-denied-share',
      message:
        'Setup failure: 6 of 10 account-regions (60%) denied sts:AssumeRole, above the 50% threshold; ' +
        'the numbers in this report do not describe the organization.',
      accountRegions: 10,
      read: 4,
      denied: 6,
      deniedShare: 0.6,
      configNotEnabled: 0,
      configNotEnabledShare: 0,
      threshold: 0.5,
      likelyCauses: [...ACCESS_CAUSES],
    });
    expect(checkSetup({ OK: 4, ASSUME_ROLE_DENIED: 6 }, 0.7)).toBeUndefined();
  });

  it('names every denied account-region as access, even when nothing else was read', () => {
    const failure = checkSetup({ ASSUME_ROLE_DENIED: 12 }, 0.5);
    expect(failure).toMatchObject({ reason: 'access-denied-share', deniedShare: 1, read: 0 });
    expect(failure?.likelyCauses).toEqual(ACCESS_CAUSES);
  });

  it('counts CONFIG_NOT_ENABLED apart from access: it fails only when nothing at all was read', () => {
    expect(checkSetup({ OK: 1, CONFIG_NOT_ENABLED: 9 }, 0.5)).toBeUndefined();
    const failure = checkSetup({ CONFIG_NOT_ENABLED: 3, ASSUME_ROLE_DENIED: 1 }, 0.5);
    expect(failure).toMatchObject({
      reason: 'no-account-region-read',
      denied: 1,
      deniedShare: 0.25,
      configNotEnabled: 3,
      configNotEnabledShare: 0.75,
    });
    expect(failure?.message).toContain(
      'no account-region could be read (3 CONFIG_NOT_ENABLED, 1 ASSUME_ROLE_DENIED)',
    );
    expect(failure?.likelyCauses.at(-1)).toMatch(/^AWS Config is not enabled/);
  });

  it('fails when the shards report no account-region at all, or only unread ones', () => {
    expect(checkSetup({ MISSING: 4 }, 0.5)).toMatchObject({
      reason: 'no-account-region-read',
      accountRegions: 0,
      deniedShare: null,
    });
    const timedOut = checkSetup({ TIMED_OUT: 2, ERROR: 1 }, 0.5);
    expect(timedOut?.reason).toBe('no-account-region-read');
    expect(timedOut?.likelyCauses).toEqual([expect.stringMatching(/^errors or timeouts/)]);
    // PARTIAL and RECORDER_STOPPED regions were read to the end: their data is in the report.
    expect(checkSetup({ PARTIAL: 1, RECORDER_STOPPED: 1, ERROR: 1 }, 0.5)).toBeUndefined();
  });
});
