/**
 * Streaming the workbook into the store while it is being written.
 */
import { PassThrough } from 'node:stream';
import { createWorkbookWriter, type WorkbookWriter } from '../../report/xlsx/index.js';
import type { Store } from '../../store/Store.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Streams a workbook into `store.putStream`. If the upload fails, the writer's next wait fails
 * too (the body is destroyed), so nothing hangs; the upload's error is the one reported.
 */
export async function uploadWorkbook<T>(
  store: Store,
  key: string,
  write: (writer: WorkbookWriter) => Promise<T>,
): Promise<T> {
  const body = new PassThrough();
  let uploadError: unknown;
  const upload = store.putStream(key, body, XLSX_TYPE);
  upload.catch((error: unknown) => {
    uploadError = error;
    body.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  try {
    const result = await write(createWorkbookWriter(body));
    await upload;
    return result;
  } catch (error) {
    if (!body.destroyed) body.destroy(error instanceof Error ? error : new Error(String(error)));
    await upload.catch(() => {});
    throw uploadError ?? error;
  }
}
