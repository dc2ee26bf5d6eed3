/** The "who must act" order: most non-compliant first, then the lower ratio, no data last, then label. */
import { describe, expect, it } from 'vitest';
import { sortWorkFirst } from '../../../src/core/ranking.js';
import type { Counts } from '../../../src/core/stats.js';

const item = (label: string, compliant: number, nonCompliant: number) => ({
  label,
  counts: { compliant, nonCompliant, notApplicable: 0, insufficientData: 0 } satisfies Counts,
});
const order = (items: ReturnType<typeof item>[]) =>
  sortWorkFirst(
    items,
    (i) => i.counts,
    (i) => i.label,
  ).map((i) => i.label);

describe('sortWorkFirst', () => {
  it('puts the most non-compliant first, whatever the ratio', () => {
    expect(order([item('small', 0, 2), item('big', 1000, 5), item('none', 9, 0)])).toEqual([
      'big',
      'small',
      'none',
    ]);
  });

  it('breaks a tie in non-compliant by the lower ratio, then by label (code units)', () => {
    expect(order([item('b', 3, 1), item('a', 3, 1), item('c', 1, 1), item('B', 3, 1)])).toEqual([
      'c',
      'B',
      'a',
      'b',
    ]);
  });

  it('puts entries without data (no ratio) after every ratio, by label', () => {
    expect(order([item('z', 0, 0), item('all-good', 4, 0), item('a', 0, 0)])).toEqual(['all-good', 'a', 'z']);
  });

  it('is a total order: the result does not depend on the input order', () => {
    const items = [item('x', 1, 1), item('y', 0, 0), item('w', 2, 1), item('v', 0, 3), item('u', 2, 1)];
    const expected = order(items);
    expect(order([...items].reverse())).toEqual(expected);
    expect(expected).toEqual(['v', 'x', 'u', 'w', 'y']);
  });
});
