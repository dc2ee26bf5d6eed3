/**
 * Main side of the details CSV in a worker thread (the worker side is csvTask.ts).
 */
import { workerExited, workerFailed } from './errors.js';
import { spawnFinalWorker } from './host.js';
import type { CsvTaskData, FromCsvWorker } from './protocol.js';

/** A running CSV worker. */
export interface CsvWorkerHandle {
  /** The number of rows written, once the gzip file is complete on disk. */
  done: Promise<number>;
  /** Stops the worker (after a failure elsewhere). */
  stop(): Promise<number>;
}

/**
 * Starts the CSV worker. Returns null when workers are not available (the caller then writes the
 * CSV in-process, with the same bytes).
 */
export function writeCsvInWorker(data: Omit<CsvTaskData, 'configreportFinalWorker'>): CsvWorkerHandle | null {
  const worker = spawnFinalWorker({ configreportFinalWorker: 'csv', ...data });
  if (!worker) return null;
  const done = new Promise<number>((resolve, reject) => {
    let rows: number | null = null;
    worker.on('message', (message: FromCsvWorker) => {
      if (message.t === 'done') rows = message.rows;
    });
    worker.on('error', (error) => reject(workerFailed('CSV', error)));
    worker.on('exit', (code) => {
      if (rows !== null) resolve(rows);
      else reject(workerExited('CSV', code));
    });
  });
  done.catch(() => {});
  return { done, stop: () => worker.terminate() };
}
