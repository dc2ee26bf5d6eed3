/**
 * Which code bin/configreport.js runs (bin/lib/entry.js): the package's dist/ always; in a checkout,
 * dist/ only while no source is newer than the build stamp, else the sources through tsx. Times are
 * set with utimes, so nothing here depends on the clock or on how fast the machine is.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseCliEntry } from '../../../bin/lib/entry.js';

const BUILD_MS = Date.UTC(2026, 10, 28, 6, 0, 0);
const BEFORE = new Date(BUILD_MS - 60_000);
const AFTER = new Date(BUILD_MS + 60_000);
let root: string;

/** Writes `path` under the root (folders too) and sets its times and its folder's. */
function file(path: string, at: Date, text = ''): void {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
  utimesSync(full, at, at);
}

/** A checkout: sources in src/ and simulator/, every file and folder last changed at `at`. */
function checkout(at: Date): void {
  file('src/entry/cli.ts', at);
  file('simulator/index.ts', at);
  for (const folder of ['src/entry', 'src', 'simulator']) utimesSync(join(root, folder), at, at);
}

function build(): void {
  file('dist/src/entry/cli.js', AFTER);
  file(
    'dist/build-stamp.json',
    AFTER,
    JSON.stringify({ startedAtMs: BUILD_MS, sources: ['src', 'simulator'] }),
  );
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cli-entry-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('chooseCliEntry', () => {
  it('runs dist/ in the installed package (no sources beside bin/), stamp or not', () => {
    file('dist/src/entry/cli.js', AFTER);
    expect(chooseCliEntry(root)).toMatchObject({
      kind: 'dist',
      url: expect.stringMatching(/\/dist\/src\/entry\/cli\.js$/),
    });
  });

  it('runs the sources in a checkout that was never built, or whose build did not finish', () => {
    checkout(BEFORE);
    expect(chooseCliEntry(root)).toMatchObject({
      kind: 'source',
      url: expect.stringMatching(/\/src\/entry\/cli\.ts$/),
    });
    file('dist/src/entry/cli.js', AFTER);
    expect(chooseCliEntry(root).kind).toBe('source');
  });

  it('runs dist/ in a checkout whose sources are all older than the build', () => {
    checkout(BEFORE);
    build();
    expect(chooseCliEntry(root)).toMatchObject({ kind: 'dist', reason: 'checkout with an up-to-date build' });
  });

  it('runs the sources again once a file is edited after the build', () => {
    checkout(BEFORE);
    build();
    utimesSync(join(root, 'simulator/index.ts'), AFTER, AFTER);
    expect(chooseCliEntry(root)).toMatchObject({
      kind: 'source',
      reason: expect.stringContaining('simulator/'),
    });
  });

  it('runs the sources again once a file is added or removed (its folder changes)', () => {
    checkout(BEFORE);
    build();
    utimesSync(join(root, 'src/entry'), AFTER, AFTER);
    expect(chooseCliEntry(root)).toMatchObject({ kind: 'source', reason: expect.stringContaining('src/') });
  });
});
