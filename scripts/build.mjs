#!/usr/bin/env node
// `npm run build` (and `prepack`): compiles src/ and simulator/ — what the CLI needs at run time — to
// dist/ with tsc (tsconfig.build.json), copies the CommonJS files tsc does not emit, and writes
// dist/build-stamp.json last. The stamp records when the build started: bin/lib/entry.js runs dist/
// in a checkout only when no source is newer than that, so a stale build is never run by mistake.
// Plain JavaScript on purpose: it must run before anything is compiled.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
/** The compiled folders (tsconfig.build.json's `include`). */
const SOURCES = ['src', 'simulator'];
/** Files tsc does not emit but the compiled code loads (yazlCrc.cjs: see src/report/xlsx/nativeCrc32.ts). */
const COPIED = /\.cjs$/;

// Before anything is removed: a source saved while tsc runs counts as newer than this build.
const startedAtMs = Date.now();
// A clean folder: nothing compiled from a deleted source can be packed or run.
rmSync(dist, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status !== 0) {
  rmSync(dist, { recursive: true, force: true });
  process.exit(result.status ?? 1);
}

for (const folder of SOURCES) {
  for (const file of readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })) {
    if (!COPIED.test(file)) continue;
    const target = join(dist, folder, file);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(root, folder, file), target);
  }
}
writeFileSync(join(dist, 'build-stamp.json'), `${JSON.stringify({ startedAtMs, sources: SOURCES })}\n`);
process.stdout.write(`built ${relative(process.cwd(), dist) || '.'} (${Date.now() - startedAtMs} ms)\n`);
