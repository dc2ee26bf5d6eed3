/**
 * Entry of final mode's worker threads: runs the task named in `workerData`. Each task's module is
 * imported on demand, so a worker loads only its own task's code: from source, where tsx compiles
 * every module a worker loads, that takes about a quarter off a CSV worker's start-up CPU. (The
 * bundle inlines the imports; messages posted meanwhile wait on the port until the task listens.)
 */
import { isMainThread, type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { FinalWorkerData } from './protocol.js';

async function runTask(port: MessagePort, data: FinalWorkerData): Promise<void> {
  if (data.configreportFinalWorker === 'shards') (await import('./shardTask.js')).runShardTask(port, data);
  else if (data.configreportFinalWorker === 'csv')
    await (await import('./csvTask.js')).runCsvTask(port, data);
  else if (data.configreportFinalWorker === 'sheets')
    await (await import('./sheetTask.js')).runSheetTask(port, data);
}

const data = workerData as FinalWorkerData | undefined;
// A failed task rejects here; as an unhandled rejection it ends the worker with an `error` event.
if (!isMainThread && parentPort && data) void runTask(parentPort, data);
