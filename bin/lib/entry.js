// Which code `configreport` runs: the compiled dist/ (the npm package has only that), or — in a
// checkout — the TypeScript sources through tsx when dist/ is missing or older than a source file.
// A checkout therefore never runs a stale build: `npm run build` is for speed (~0.1 s to start
// instead of ~1.3 s), never needed for correctness.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * @typedef {object} CliEntry
 * @property {'dist' | 'source'} kind what runs: the compiled build, or the sources through tsx
 * @property {string} url file URL of the module that exports `main(argv)`
 * @property {string} reason why this one, for `bench:startup` and tests
 */

/**
 * The newest modification time under `dir` (files and folders: a deleted or renamed file changes
 * its folder's time), or `Infinity` when a file appears during the walk.
 * @param {string} dir
 * @returns {number}
 */
function newestMtimeMs(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    try {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    } catch {
      return Number.POSITIVE_INFINITY;
    }
  }
  return newest;
}

/**
 * Chooses the CLI's entry module under the package root `root`.
 * @param {string} root the folder holding bin/, dist/ and, in a checkout, src/
 * @returns {CliEntry}
 */
export function chooseCliEntry(root) {
  const dist = { kind: 'dist', url: pathToFileURL(join(root, 'dist/src/entry/cli.js')).href };
  const source = { kind: 'source', url: pathToFileURL(join(root, 'src/entry/cli.ts')).href };
  if (!existsSync(join(root, 'src'))) return { ...dist, reason: 'installed package (no sources)' };
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, 'dist/build-stamp.json'), 'utf8'));
  } catch {
    return { ...source, reason: 'checkout without a complete build (npm run build)' };
  }
  for (const folder of stamp.sources) {
    if (newestMtimeMs(join(root, folder)) >= stamp.startedAtMs) {
      return { ...source, reason: `${folder}/ changed since the last build (npm run build)` };
    }
  }
  return { ...dist, reason: 'checkout with an up-to-date build' };
}
