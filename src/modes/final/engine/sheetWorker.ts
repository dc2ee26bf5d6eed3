/**
 * Main side of the evaluation sheets encoded in a worker thread (the worker side is sheetTask.ts):
 * hands out each sheet's encoded blocks in order and acknowledges each one it hands out.
 */
import type { EncodedRows } from '../../../report/xlsx/index.js';
import { FinalWorkerError, workerExited, workerFailed } from './errors.js';
import { spawnFinalWorker } from './host.js';
import type { EncodedSheet, FromSheetWorker, SheetTaskData, ToSheetWorker } from './protocol.js';

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
  data: Omit<SheetTaskData, 'configreportFinalWorker'>,
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
    failure ??= workerFailed('sheet', error);
    notify();
  });
  worker.on('exit', (code) => {
    if (!finished) failure ??= workerExited('sheet', code);
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
          throw new FinalWorkerError(
            `sheet worker sent ${message.sheet} rows while ${sheet} was being written`,
          );
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
