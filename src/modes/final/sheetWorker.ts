/**
 * The Non-Compliant and Details sheets' rows encoded in a worker thread: it reads the winners from
 * the spool in output order, shapes them and encodes `<row>` XML blocks (RowBlockEncoder, the
 * same encoder `addRow` uses), while the main thread only copies finished blocks into the zip.
 * This is most of final mode's pass-2 work; with the CSV worker beside it both cores share it.
 *
 * Flow control: the worker keeps at most {@link WINDOW} blocks (of ~1 MiB) unacknowledged, so a
 * slow upload holds the worker instead of filling memory.
 */
import type { MessagePort } from 'node:worker_threads';
import { EVALUATION_SHEETS } from '../../report/sheets/evaluations.js';
import { type CellValue, type EncodedRows, RowBlockEncoder } from '../../report/xlsx/index.js';
import { detailRows, rowSourceFromSpool } from './rows.js';
import { spawnFinalWorker } from './workerHost.js';
import type { EncodedSheet, FinalWorkerData, FromSheetWorker, ToSheetWorker } from './workerProtocol.js';

type SheetData = Extract<FinalWorkerData, { configreportFinalWorker: 'sheets' }>;

/** Blocks in flight between the worker and the zip: 6 × 1 MiB at most. */
const WINDOW = 6;

/** Worker side: encodes Non-Compliant, then Details, block by block. */
export async function runSheetWorker(port: MessagePort, data: SheetData): Promise<void> {
  const source = rowSourceFromSpool(data);
  let unacked = 0;
  let wake: (() => void) | undefined;
  port.on('message', (message: ToSheetWorker) => {
    if (message.t !== 'ack') return;
    unacked--;
    wake?.();
  });
  const send = async (message: FromSheetWorker): Promise<void> => {
    while (unacked >= WINDOW) {
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

/** The main thread's view of a running sheet worker. */
export interface SheetWorkerHandle {
  /** Each sheet's blocks, in order; read Non-Compliant to its end before Details. */
  blocks(sheet: EncodedSheet): AsyncIterable<EncodedRows>;
  /** Blocks received and not yet read: never more than the worker's window (6). */
  readonly buffered: number;
  /** Stops the worker (after a failure elsewhere). */
  stop(): Promise<number>;
}

/**
 * Main side: starts the sheet worker, or returns null when workers are not available (the caller
 * then encodes the rows in-process, with the same result). A worker that fails or exits early
 * makes the sheet being read throw.
 */
export function encodeSheetsInWorker(
  data: Omit<SheetData, 'configreportFinalWorker'>,
): SheetWorkerHandle | null {
  const worker = spawnFinalWorker({ configreportFinalWorker: 'sheets', ...data });
  if (!worker) return null;
  const queue: FromSheetWorker[] = [];
  let failure: Error | undefined;
  let finished = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  worker.on('message', (message: FromSheetWorker) => {
    queue.push(message);
    if (message.t === 'end' && message.sheet === 'details') finished = true;
    notify();
  });
  worker.on('error', (error) => {
    failure ??= error;
    notify();
  });
  worker.on('exit', (code) => {
    if (!finished) failure ??= new Error(`sheet worker exited with code ${code} before finishing`);
    notify();
  });
  const next = async (): Promise<FromSheetWorker> => {
    for (;;) {
      const message = queue.shift();
      if (message) return message;
      if (failure) throw failure;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  };
  const ack: ToSheetWorker = { t: 'ack' };
  return {
    async *blocks(sheet) {
      for (;;) {
        const message = await next();
        if (message.sheet !== sheet) {
          throw new Error(`sheet worker sent ${message.sheet} rows while ${sheet} was being written`);
        }
        if (message.t === 'end') return;
        yield message.block;
        worker.postMessage(ack);
      }
    },
    get buffered() {
      return queue.filter((m) => m.t === 'block').length;
    },
    stop: () => worker.terminate(),
  };
}
