import { describe, expect, it } from 'vitest';
import {
  MAX_SHEET_NAME,
  SheetNameRegistry,
  sanitizeSheetName,
} from '../../../../src/report/xlsx/sheetNames.js';

describe('sanitizeSheetName', () => {
  it.each([
    ['Summary', 'Summary'],
    ['a:b/c\\d?e*f[g]h', 'a_b_c_d_e_f_g_h'],
    ["'quoted'", 'quoted'],
    ["it's fine", "it's fine"],
    ['', 'Sheet'],
    ["''", 'Sheet'],
    ['\u0001\u0002', 'Sheet'],
    ['x'.repeat(40), 'x'.repeat(31)],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeSheetName(input)).toBe(expected);
  });

  it('cuts at 31 UTF-16 units without splitting an emoji', () => {
    const name = sanitizeSheetName(`${'a'.repeat(30)}\uD83D\uDE00`);
    expect(name).toBe('a'.repeat(30));
  });
});

describe('SheetNameRegistry', () => {
  it('reserves History and de-duplicates ignoring case, within 31 characters', () => {
    // Prepare
    const names = new SheetNameRegistry();
    const long = 'L'.repeat(31);
    // Act
    const got = [
      'History',
      'Accounts',
      'ACCOUNTS',
      'accounts',
      long,
      long.toLowerCase(),
      'Ärger',
      'ärger',
    ].map((n) => names.claim(n));
    // Assess
    expect(got.map((g) => g.name)).toEqual([
      'History (2)',
      'Accounts',
      'ACCOUNTS (2)',
      'accounts (3)',
      long,
      `${'l'.repeat(27)} (2)`,
      'Ärger',
      'ärger (2)',
    ]);
    expect(got.map((g) => g.changed)).toEqual([true, false, true, true, false, true, false, true]);
    for (const g of got) expect(g.name.length).toBeLessThanOrEqual(MAX_SHEET_NAME);
  });

  it('names split parts Name (2), Name (3) without counting them as changes', () => {
    const names = new SheetNameRegistry();
    names.claim('Details');
    expect(names.claim('Details', { base: 'Details', part: 2 })).toEqual({
      name: 'Details (2)',
      changed: false,
    });
    expect(names.claim('Details', { base: 'Details', part: 3 })).toEqual({
      name: 'Details (3)',
      changed: false,
    });
  });

  it('skips a continuation name someone already took', () => {
    const names = new SheetNameRegistry();
    names.claim('Details');
    names.claim('details (2)');
    expect(names.claim('Details', { base: 'Details', part: 2 })).toEqual({
      name: 'Details (3)',
      changed: true,
    });
  });
});
