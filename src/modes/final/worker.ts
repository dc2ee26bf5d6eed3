/**
 * Entry of final mode's worker threads: runs the task named in `workerData`.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runCsvWorker } from './csvWorker.js';
import { runShardWorker } from './shardWorker.js';
import { runSheetWorker } from './sheetWorker.js';
import type { FinalWorkerData } from './workerProtocol.js';

const data = workerData as FinalWorkerData | undefined;
if (!isMainThread && parentPort && data) {
  if (data.configreportFinalWorker === 'shards') runShardWorker(parentPort, data);
  else if (data.configreportFinalWorker === 'csv') void runCsvWorker(parentPort, data);
  else if (data.configreportFinalWorker === 'sheets') void runSheetWorker(parentPort, data);
}
