/** TupleSet: a flat hash set of uint32 tuples, checked against a plain Set of joined strings. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TupleSet } from '../../../src/core/tupleSet.js';

describe('TupleSet', () => {
  it('adds each distinct tuple once, like a Set of their joined values (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(5), fc.nat(5), fc.constantFrom(0, 4294967295)), { maxLength: 200 }),
        (tuples) => {
          const set = new TupleSet(3, tuples.length);
          const reference = new Set<string>();
          for (const t of tuples) {
            expect(set.add(t)).toBe(!reference.has(t.join(',')));
            reference.add(t.join(','));
          }
          expect(set.size).toBe(reference.size);
        },
      ),
    );
  });

  it('tells an all-zero tuple from an empty slot', () => {
    const set = new TupleSet(2, 2);
    expect(set.add([0, 0])).toBe(true);
    expect(set.add([0, 0])).toBe(false);
    expect(set.size).toBe(1);
  });

  it('refuses more entries than it was sized for', () => {
    const set = new TupleSet(1, 1);
    set.add([1]);
    expect(() => set.add([2])).toThrow(RangeError);
  });
});
