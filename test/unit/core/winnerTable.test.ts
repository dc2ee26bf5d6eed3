import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Candidate, complianceCode } from '../../../src/core/dedupe.js';
import type { ComplianceType } from '../../../src/core/model.js';
import { type ColumnMemory, type WinnerColumn, WinnerTable } from '../../../src/core/winnerTable.js';

function cand(
  recordedMs: number,
  type: ComplianceType = 'COMPLIANT',
  extra: Partial<Candidate> = {},
): Candidate {
  return {
    recordedMs,
    invokedMs: recordedMs,
    compliance: complianceCode(type),
    spoolFile: 0,
    spoolOffset: 0,
    spoolLength: 0,
    account: 0,
    region: 0,
    rule: 0,
    owner: 0,
    ...extra,
  };
}

describe('WinnerTable', () => {
  it('keeps one winner per key and counts what it dropped', () => {
    const t = new WinnerTable();
    t.begin();
    expect(t.offer('a', cand(1, 'COMPLIANT', { spoolOffset: 10 }))).toBe(true);
    expect(t.offer('a', cand(2, 'NON_COMPLIANT', { spoolOffset: 20 }))).toBe(true);
    expect(t.offer('a', cand(1, 'NON_COMPLIANT', { spoolOffset: 30 }))).toBe(false);
    expect(t.offer('b', cand(1))).toBe(true);
    t.commit();
    expect(t.size).toBe(2);
    expect(t.offered).toBe(4);
    expect(t.duplicatesDropped).toBe(2);
    expect(t.spoolOffset[0]).toBe(20);
    expect(t.compliance[0]).toBe(complianceCode('NON_COMPLIANT'));
  });

  it('keeps the first of two equal results (the earlier shard in key order)', () => {
    const t = new WinnerTable();
    t.begin();
    t.offer('a', cand(5, 'COMPLIANT', { spoolOffset: 1 }));
    t.offer('a', cand(5, 'COMPLIANT', { spoolOffset: 2 }));
    t.commit();
    expect(t.spoolOffset[0]).toBe(1);
  });

  it('rolls a shard back completely: new keys vanish, replaced winners come back', () => {
    const t = new WinnerTable();
    t.begin();
    t.offer('a', cand(1, 'COMPLIANT', { spoolOffset: 1, owner: 7, spoolFile: 1 }));
    t.commit();
    t.begin();
    t.offer('a', cand(9, 'NON_COMPLIANT', { spoolOffset: 2, owner: 8, spoolFile: 2 }));
    t.offer('a', cand(10, 'NON_COMPLIANT', { spoolOffset: 3, owner: 9 }));
    t.offer('b', cand(1));
    t.offer('c', cand(1));
    t.rollback();
    expect(t.size).toBe(1);
    expect(t.offered).toBe(1);
    expect([t.spoolOffset[0], t.owner[0], t.recorded[0], t.compliance[0]]).toEqual([
      1,
      7,
      1,
      complianceCode('COMPLIANT'),
    ]);
    // The rolled-back keys are really gone: offering them again creates fresh winners.
    t.begin();
    expect(t.offer('b', cand(0))).toBe(true);
    t.commit();
    expect(t.size).toBe(2);
  });

  it('grows past its initial capacity without losing values', () => {
    const t = new WinnerTable();
    t.begin();
    for (let i = 0; i < 5000; i++) t.offer(`k${i}`, cand(i, 'COMPLIANT', { spoolOffset: i * 3, account: i }));
    t.commit();
    expect(t.size).toBe(5000);
    expect(t.spoolOffset[4999]).toBe(4999 * 3);
    expect(t.account[1234]).toBe(1234);
  });

  it('picks the same winners whatever order distinct-time duplicates arrive in (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1e6 })), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.integer(),
        (items, seed) => {
          // Distinct times per key, so the newest is unambiguous.
          const unique = new Map<string, [number, number]>();
          for (const [k, time] of items) unique.set(`${k}:${time}`, [k, time]);
          const list = [...unique.values()];
          const shuffled = [...list].sort((a, b) => ((a[1] * 31 + seed) % 97) - ((b[1] * 31 + seed) % 97));
          const winners = (order: [number, number][]) => {
            const t = new WinnerTable();
            t.begin();
            for (const [k, time] of order) t.offer(`k${k}`, cand(time, 'COMPLIANT', { spoolOffset: time }));
            t.commit();
            return new Map(t.keys.map((key, slot) => [key, t.spoolOffset[slot]]));
          };
          expect(winners(shuffled)).toEqual(winners(list));
        },
      ),
    );
  });

  it('seal releases the keys but keeps the columns and the size', () => {
    const t = new WinnerTable();
    t.begin();
    t.offer('a', cand(1, 'COMPLIANT', { spoolOffset: 5 }));
    t.offer('a', cand(0));
    t.commit();
    t.seal();
    expect([t.size, t.keys.length, t.spoolOffset[0], t.duplicatesDropped]).toEqual([1, 0, 5, 1]);
    expect(() => t.begin()).toThrow(/sealed/);
  });

  it('refuses offers outside a transaction', () => {
    const t = new WinnerTable();
    expect(() => t.offer('a', cand(1))).toThrow(/transaction/);
  });
});

describe('WinnerTable column memory', () => {
  it('asks its memory for every column, again when it grows, and keeps the values', () => {
    const asked: [WinnerColumn, number][] = [];
    const memory: ColumnMemory = {
      buffer(column, bytes) {
        asked.push([column, bytes]);
        return column === 'recorded' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
      },
    };
    const t = new WinnerTable(memory);
    expect(asked).toHaveLength(10);
    expect(asked).toContainEqual(['recorded', 1024 * 8]);
    expect(asked).toContainEqual(['spoolLength', 1024 * 4]);
    expect(asked).toContainEqual(['compliance', 1024]);
    expect(t.recorded.buffer).toBeInstanceOf(SharedArrayBuffer);
    t.begin();
    for (let i = 0; i < 1025; i++) t.offer(`k${i}`, cand(i, 'COMPLIANT', { spoolLength: i }));
    t.commit();
    expect(asked).toHaveLength(20);
    expect(asked.slice(10)).toContainEqual(['recorded', 2048 * 8]);
    expect(t.recorded.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(t.account.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect([t.recorded[1024], t.spoolLength[1000]]).toEqual([1024, 1000]);
  });
});
