/**
 * Worker side of the details CSV: reads the winners from the spool files in output order, formats
 * and gzips them while the main thread streams the workbook. Same rows, same bytes as the
 * in-process writer (both use DetailsCsvWriter).
 */
import type { MessagePort } from 'node:worker_threads';
import { DetailsCsvWriter } from '../../../report/csv.js';
import { detailRows, rowSourceFromSpool } from '../rows.js';
import type { CsvTaskData, FromCsvWorker } from './protocol.js';

/** Writes the CSV and reports the row count. */
export async function runCsvTask(port: MessagePort, data: CsvTaskData): Promise<void> {
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
