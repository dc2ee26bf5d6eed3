/**
 * Starting final mode's worker threads. The entry is looked up beside the module this code runs in:
 * - bundled (the Lambda asset): this code is inside `index.mjs`, and infra/lib/workerBundle.ts
 *   emits the entry (./worker.ts) as `worker.js` beside it;
 * - compiled (dist/, the CLI's npm package: scripts/build.mjs): this file is engine/host.js and tsc
 *   emits engine/worker.js beside it;
 * - from source (tsx: a checkout without an up-to-date build, tests, benchmarks): this file is
 *   engine/host.ts and the entry is engine/worker.ts, loaded through tsx's ESM API registered inside
 *   the worker (tsx is a devDependency, so only a checkout ever takes this path).
 * When no entry can be found, callers run the same work in-process: workers only ever change the
 * speed, never the result.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FinalWorkerData } from './protocol.js';

function entryUrl(): URL | null {
  let here: URL;
  try {
    here = new URL(import.meta.url);
  } catch {
    return null;
  }
  if (here.protocol !== 'file:') return null;
  for (const name of ['./worker.js', './worker.ts']) {
    const candidate = new URL(name, here);
    if (existsSync(fileURLToPath(candidate))) return candidate;
  }
  return null;
}

/** The ESM entry of tsx's API (the CommonJS one registers hooks that do not resolve in a worker). */
function tsxEsmApi(): string {
  const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, { import?: { default?: string } }>;
  };
  const entry = manifest.exports['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs';
  return join(dirname(manifestPath), entry);
}

/** True when workers can be started from this build. */
export function workersAvailable(): boolean {
  return entryUrl() !== null;
}

/** Starts a worker running `data`'s task, or returns null when this build has no worker entry. */
export function spawnFinalWorker(data: FinalWorkerData): Worker | null {
  const entry = entryUrl();
  if (!entry) return null;
  if (entry.pathname.endsWith('.js')) return new Worker(entry, { workerData: data });
  // From source: register tsx in the worker first, then load the TypeScript entry.
  const tsx = pathToFileURL(tsxEsmApi()).href;
  const code =
    `import(${JSON.stringify(tsx)}).then((api) => (api.register ?? api.default.register)())` +
    `.then(() => import(${JSON.stringify(entry.href)}));`;
  return new Worker(code, { eval: true, workerData: data });
}
