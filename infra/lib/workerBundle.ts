/**
 * Final mode runs parts of its work in worker threads when a `worker.js` entry sits beside the
 * handler module (src/modes/final/engine/host.ts); without it, it falls back to the main thread.
 * These commands, run after the handler is bundled, emit that entry into the same asset, plus a
 * package.json marking `.js` as ESM (Lambda's /var/task has none, and `.js` would load as CommonJS).
 */

/** Same as the handler's banner: ESM has no `require` for CommonJS dependencies to call. */
const REQUIRE_BANNER =
  'import { createRequire as __configreportCreateRequire } from "node:module";' +
  'const require = __configreportCreateRequire(import.meta.url);';

/** Source of final mode's worker entry, relative to the repository root. */
export const FINAL_WORKER_ENTRY = 'src/modes/final/engine/worker.ts';
/** Output name of the worker entry, beside index.mjs (final mode's workerHost looks for it). */
const WORKER_OUTFILE = 'worker.js';

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * Shell commands for `bundling.commandHooks.afterBundling` (local bundling runs them with bash).
 * @param inputDir the project root
 * @param outputDir the asset directory that also holds index.mjs
 * @param target esbuild target, e.g. `node24`
 */
export function finalWorkerBundleCommands(inputDir: string, outputDir: string, target: string): string[] {
  return [
    `echo '{"type":"module"}' > ${quote(`${outputDir}/package.json`)}`,
    [
      quote(`${inputDir}/node_modules/.bin/esbuild`),
      quote(`${inputDir}/${FINAL_WORKER_ENTRY}`),
      '--bundle',
      '--platform=node',
      '--format=esm',
      `--target=${target}`,
      '--main-fields=module,main',
      '--minify',
      '--sourcemap',
      '--sources-content=false',
      '--log-level=warning',
      `--banner:js=${quote(REQUIRE_BANNER)}`,
      `--outfile=${quote(`${outputDir}/${WORKER_OUTFILE}`)}`,
    ].join(' '),
  ];
}
