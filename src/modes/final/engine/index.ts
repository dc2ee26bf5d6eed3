/**
 * Final mode's thread engine, the only way into this folder for the rest of final mode. It runs
 * the domain's work in worker threads when the build has a worker entry (host.ts explains where it
 * is looked up) and says so by returning `false`/`null` when it has none, so the caller runs the
 * same work in this thread: workers change the speed, never the bytes.
 *
 * - pass 1: {@link readShardsInWorkers} parses shards in workers, booking outcomes in shard order;
 * - pass 2: {@link writeCsvInWorker} and {@link encodeSheetsInWorker} produce the details CSV and
 *   the evaluation sheets' rows from the spool;
 * - {@link SHARED_COLUMN_MEMORY} lets the winner table's pass-2 columns be shared with workers.
 */
export { type CsvWorkerHandle, writeCsvInWorker } from './csvWorker.js';
export { FinalWorkerError, isFinalWorkerError } from './errors.js';
export type { EncodedSheet } from './protocol.js';
export { readShardsInWorkers, type WorkerReadJob } from './readShardsInWorkers.js';
export { SHARED_COLUMN_MEMORY } from './sharedColumns.js';
export { encodeSheetsInWorker, type SheetWorkerHandle } from './sheetWorker.js';
