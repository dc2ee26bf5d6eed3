import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoTime } from '../../../src/core/isoTime.js';

describe('parseIsoTime', () => {
  it('agrees with Date.parse on ISO-like text, valid or not (property)', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const iso = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        two(13),
        two(32),
        two(25),
        two(60),
        two(60),
        fc.integer({ min: 0, max: 999 }),
        fc.boolean(),
      )
      .map(
        ([y, mo, d, h, mi, s, ms, withMs]) =>
          `${String(y).padStart(4, '0')}-${mo}-${d}T${h}:${mi}:${s}${withMs ? `.${String(ms).padStart(3, '0')}` : ''}Z`,
      );
    fc.assert(
      fc.property(iso, (text) => {
        expect(parseIsoTime(text)).toEqual(Date.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    '2025-12-31T23:59:59.999Z',
    '2025-01-01T00:00:00Z',
    '2025-01-01T00:00:00+02:00',
    'yesterday',
    '',
    '2025-1-1T00:00:00Z',
  ])('%j like Date.parse', (text) => {
    expect(parseIsoTime(text)).toEqual(Date.parse(text));
  });
});
