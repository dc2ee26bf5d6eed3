#!/usr/bin/env node
// configreport: runs the TypeScript sources directly through tsx, so a fresh clone needs no build step.
import { register } from 'tsx/esm/api';

register();
// --quiet means only errors: Node's process warnings (deprecations, SDK notices) are dropped too.
if (process.argv.includes('--quiet') || process.argv.includes('-q')) process.removeAllListeners('warning');
const { main } = await import('../src/entry/cli.ts');
const code = await main(process.argv.slice(2));
// Let pending writes to stdout/stderr drain, then exit even if a library left a handle open.
process.exitCode = code;
const done = () => process.exit(code);
if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) setImmediate(done);
else process.stdout.write('', () => process.stderr.write('', done));
