import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageInDays, countStale, isStale } from '../../../src/core/age.js';

const DAY = 24 * 60 * 60 * 1000;
const REPORT = Date.parse('2024-05-20T06:00:00.000Z');

describe('evaluation age', () => {
  it('is whole days to the report time, rounded down', () => {
    expect(ageInDays(REPORT, REPORT)).toBe(0);
    expect(ageInDays(REPORT - DAY + 1, REPORT)).toBe(0);
    expect(ageInDays(REPORT - DAY, REPORT)).toBe(1);
    expect(ageInDays(REPORT - 7 * DAY - 3_600_000, REPORT)).toBe(7);
    expect(ageInDays(Date.parse('2024-05-01T10:00:00.000Z'), REPORT)).toBe(18);
  });

  it('is 0 for a result recorded after the report time (clock skew), never negative', () => {
    expect(ageInDays(REPORT + 5 * DAY, REPORT)).toBe(0);
    expect(isStale(REPORT + 5 * DAY, REPORT, 1)).toBe(false);
  });

  it('is stale only past the threshold: exactly N days old is not stale yet', () => {
    expect(isStale(REPORT - 7 * DAY, REPORT, 7)).toBe(false);
    expect(isStale(REPORT - 7 * DAY - 1, REPORT, 7)).toBe(true);
    expect(isStale(REPORT - 7 * DAY + 1, REPORT, 7)).toBe(false);
    // Exactly N days shows as N days and is not flagged; one millisecond more shows N and is.
    expect(ageInDays(REPORT - 7 * DAY, REPORT)).toBe(7);
    expect(ageInDays(REPORT - 7 * DAY - 1, REPORT)).toBe(7);
    expect(isStale(REPORT - DAY - 1, REPORT, 1)).toBe(true);
  });
});

describe('countStale', () => {
  it('counts the stale winners and the non-compliant among them from the table columns', () => {
    const recorded = Float64Array.from([
      REPORT - 7 * DAY, // exactly 7 days: not stale
      REPORT - 7 * DAY - 1, // stale, non-compliant
      REPORT - 30 * DAY, // stale, compliant; the oldest
      REPORT, // fresh, non-compliant
      REPORT - 40 * DAY, // beyond `size`: not a winner
    ]);
    const compliance = Uint8Array.from([1, 1, 0, 1, 1]);
    expect(countStale({ recorded, compliance, size: 4 }, REPORT, 7, 1)).toEqual({
      thresholdDays: 7,
      evaluations: 2,
      nonCompliant: 1,
      oldestDays: 30,
    });
    expect(countStale({ recorded, compliance, size: 0 }, REPORT, 7, 1)).toEqual({
      thresholdDays: 7,
      evaluations: 0,
      nonCompliant: 0,
      oldestDays: null,
    });
  });

  it('agrees with isStale row by row (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -3 * DAY, max: 60 * DAY }), fc.integer({ min: 0, max: 3 })), {
          maxLength: 50,
        }),
        fc.integer({ min: 1, max: 30 }),
        (rows, days) => {
          const recorded = Float64Array.from(rows.map(([back]) => REPORT - back));
          const compliance = Uint8Array.from(rows.map(([, c]) => c));
          const stale = rows.filter(([back]) => isStale(REPORT - back, REPORT, days));
          const counts = countStale({ recorded, compliance, size: rows.length }, REPORT, days, 1);
          expect(counts.evaluations).toBe(stale.length);
          expect(counts.nonCompliant).toBe(stale.filter(([, c]) => c === 1).length);
        },
      ),
    );
  });
});
