/**
 * Starting batch mode's worker threads. The entry is `batch-worker.js` beside the running module
 * (the Lambda bundle emits it next to index.mjs: infra/lib/workerBundle.ts), or `worker.ts` beside
 * this module when running from source, loaded through tsx. Without an entry the caller collects
 * in-process: workers only ever change the speed, never the result.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BatchWorkerData } from './workerProtocol.js';

/** File name of the bundled entry beside the handler bundle. */
export const BATCH_WORKER_BUNDLE_NAME = 'batch-worker.js';

function entryUrl(): URL | null {
  let here: URL;
  try {
    here = new URL(import.meta.url);
  } catch {
    return null;
  }
  if (here.protocol !== 'file:') return null;
  for (const name of [`./${BATCH_WORKER_BUNDLE_NAME}`, './worker.ts']) {
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

/** True when batch workers can be started from this build. */
export function batchWorkersAvailable(): boolean {
  return entryUrl() !== null;
}

/** Starts a batch worker for `data`, or returns null when this build has no worker entry. */
export function spawnBatchWorker(data: BatchWorkerData): Worker | null {
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
