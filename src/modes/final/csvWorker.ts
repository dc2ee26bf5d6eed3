/**
 * The details CSV in a worker thread: it reads the winners from the spool files in output order,
 * formats and gzips them, while the main thread streams the workbook. Same rows, same bytes as the
 * in-process writer (both use DetailsCsvWriter).
 */
import type { MessagePort } from 'node:worker_threads';
import { DetailsCsvWriter } from '../../report/csv.js';
import { detailRows, rowSourceFromSpool } from './rows.js';
import { spawnFinalWorker } from './workerHost.js';
import type { FinalWorkerData, FromCsvWorker } from './workerProtocol.js';

type CsvData = Extract<FinalWorkerData, { configreportFinalWorker: 'csv' }>;

/** Worker side: writes the CSV and reports the row count. */
export async function runCsvWorker(port: MessagePort, data: CsvData): Promise<void> {
  const source = rowSourceFromSpool(data);
  try {
    const csv = new DetailsCsvWriter(data.outPath, {
      gzipLevel: data.gzipLevel,
      formulaGuard: data.formulaGuard,
    });
    for (const row of detailRows(source, data.order)) {
      const wait = csv.write(row);
      if (wait) await wait;
    }
    await csv.end();
    const done: FromCsvWorker = { t: 'done', rows: csv.rows };
    port.postMessage(done);
  } finally {
    source.reader.close();
    port.close();
  }
}

/**
 * Main side: starts the CSV worker. Returns null when workers are not available (the caller then
 * writes the CSV in-process); otherwise a promise of the row count.
 */
export function writeCsvInWorker(
  data: Omit<CsvData, 'configreportFinalWorker'>,
): { done: Promise<number>; stop: () => Promise<number> } | null {
  const worker = spawnFinalWorker({ configreportFinalWorker: 'csv', ...data });
  if (!worker) return null;
  const done = new Promise<number>((resolve, reject) => {
    let rows: number | null = null;
    worker.on('message', (message: FromCsvWorker) => {
      if (message.t === 'done') rows = message.rows;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (rows !== null) resolve(rows);
      else reject(new Error(`CSV worker exited with code ${code} before finishing`));
    });
  });
  done.catch(() => {});
  return { done, stop: () => worker.terminate() };
}
