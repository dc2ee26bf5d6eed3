/**
 * Worker side of the evaluation sheets: reads the winners from the spool in output order, shapes
 * them and encodes the Non-Compliant and Details sheets' `<row>` XML blocks (RowBlockEncoder, the
 * same encoder `addRow` uses), while the main thread only copies finished blocks into the zip
 * (sheetWorker.ts). This is most of final mode's pass-2 work; with the CSV worker beside it both
 * cores share it.
 *
 * Flow control: the worker keeps at most {@link SHEET_WINDOW} blocks (of ~1 MiB) unacknowledged,
 * so a slow upload holds the worker instead of filling memory.
 */
import type { MessagePort } from 'node:worker_threads';
import { EVALUATION_SHEETS } from '../../../report/sheets/evaluations.js';
import { type CellValue, type EncodedRows, RowBlockEncoder } from '../../../report/xlsx/index.js';
import { detailRows, rowSourceFromSpool } from '../rows.js';
import type { EncodedSheet, FromSheetWorker, SheetTaskData, ToSheetWorker } from './protocol.js';

/** Blocks in flight between the worker and the zip: 6 × 1 MiB at most. */
export const SHEET_WINDOW = 6;

/** Encodes Non-Compliant, then Details, block by block. */
export async function runSheetTask(port: MessagePort, data: SheetTaskData): Promise<void> {
  const source = rowSourceFromSpool(data);
  let unacked = 0;
  let wake: (() => void) | undefined;
  port.on('message', (message: ToSheetWorker) => {
    if (message.t !== 'ack') return;
    unacked--;
    wake?.();
  });
  const send = async (message: FromSheetWorker): Promise<void> => {
    while (unacked >= SHEET_WINDOW) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    if (message.t === 'block') {
      unacked++;
      port.postMessage(message, [message.block.bytes.buffer as ArrayBuffer]);
    } else {
      port.postMessage(message);
    }
  };
  try {
    const orders: Record<EncodedSheet, Uint32Array> = {
      nonCompliant: data.nonCompliantOrder,
      details: data.detailsOrder,
    };
    for (const sheet of ['nonCompliant', 'details'] as const) {
      const columns = EVALUATION_SHEETS[sheet];
      const ready: EncodedRows[] = [];
      const encoder = new RowBlockEncoder(
        columns.map((c) => c.spec),
        (block) => ready.push(block),
        { rowLimit: data.rowLimit },
      );
      const cells: CellValue[] = new Array(columns.length);
      for (const row of detailRows(source, orders[sheet])) {
        for (let i = 0; i < columns.length; i++) cells[i] = columns[i]!.cell(row);
        encoder.add(cells);
        while (ready.length > 0) await send({ t: 'block', sheet, block: ready.shift()! });
      }
      encoder.flush();
      while (ready.length > 0) await send({ t: 'block', sheet, block: ready.shift()! });
      await send({ t: 'end', sheet });
    }
  } finally {
    source.reader.close();
    port.close();
  }
}
