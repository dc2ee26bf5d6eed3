#!/usr/bin/env node
// configreport: runs the TypeScript sources directly through tsx, so a fresh clone needs no build step.
import { register } from 'tsx/esm/api';

register();
// --quiet means only errors: Node's process warnings (deprecations, SDK notices) are dropped too.
// Otherwise only the SDK's notice about future Node versions is dropped: it is about the SDK's
// release policy, not about this run, and it would show on every command.
const quiet = process.argv.includes('--quiet') || process.argv.includes('-q');
const printWarning = process.listeners('warning');
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (quiet || warning.name === 'NodeVersionSupportWarning') return;
  for (const listener of printWarning) listener(warning);
});
// `configreport … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import('../src/entry/cli.ts');
const code = await main(process.argv.slice(2));
// Let pending writes to stdout/stderr drain, then exit even if a library left a handle open.
process.exitCode = code;
const done = () => process.exit(code);
if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) setImmediate(done);
else process.stdout.write('', () => process.stderr.write('', done));
