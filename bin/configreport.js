#!/usr/bin/env node
// configreport: runs the compiled CLI from dist/ (the npm package ships only that); in a checkout
// without an up-to-date build it runs the TypeScript sources through tsx instead (bin/lib/entry.js).
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { chooseCliEntry } from './lib/entry.js';
import { filterProcessWarnings } from './lib/warnings.js';

// Node ≥ 22.1 keeps V8's compiled code on disk (os.tmpdir()/node-compile-cache): later starts skip
// parsing and compiling the modules again. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache?.();
filterProcessWarnings({ quiet: process.argv.includes('--quiet') || process.argv.includes('-q') });
// `configreport … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const entry = chooseCliEntry(fileURLToPath(new URL('..', import.meta.url)));
// tsx is a devDependency: it is only loaded for the sources, which only a checkout has.
if (entry.kind === 'source') (await import('tsx/esm/api')).register();
const { main } = await import(entry.url);
const code = await main(process.argv.slice(2));
// Let pending writes to stdout/stderr drain, then exit even if a library left a handle open.
process.exitCode = code;
const done = () => process.exit(code);
if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) setImmediate(done);
else process.stdout.write('', () => process.stderr.write('', done));
