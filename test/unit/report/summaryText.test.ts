import { describe, expect, it } from 'vitest';
import { countText, percentText } from '../../../src/report/summaryText.js';

describe('the percentage of every text output', () => {
  it('is rounded down to one decimal, so nothing reads more compliant than it is', () => {
    expect(percentText(0.99999)).toBe('99.9%');
    expect(percentText(2 / 3)).toBe('66.6%');
    expect(percentText(0.291)).toBe('29.1%');
    expect(percentText(1)).toBe('100.0%');
    expect(percentText(0)).toBe('0.0%');
    expect(percentText(null)).toBe('n/a');
  });

  it('keeps every ratio of small counts that is exactly k/1000 at k (no binary rounding down)', () => {
    for (let n = 1; n <= 400; n++)
      for (let c = 0; c <= n; c++) {
        const tenths = Math.floor((c * 1000) / n); // exact in integers: c * 1000 < 2^53
        expect(percentText(c / n)).toBe(`${(tenths / 10).toFixed(1)}%`);
      }
  });
});

describe('counts', () => {
  it('have comma thousands separators whatever the locale', () => {
    expect(countText(1234567)).toBe('1,234,567');
    expect(countText(999)).toBe('999');
    expect(countText(-1001)).toBe('-1,001');
  });
});
