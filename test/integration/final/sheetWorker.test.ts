/**
 * The sheet worker's failure path: a worker that cannot do its job makes the sheet being written
 * fail with its error (final mode then fails the run), instead of a workbook with rows missing.
 */
import { describe, expect, it } from 'vitest';
import { encodeSheetsInWorker } from '../../../src/modes/final/sheetWorker.js';

describe('encodeSheetsInWorker', () => {
  it('rejects the sheet being read when the worker fails (here: its spool file is gone)', async () => {
    const handle = encodeSheetsInWorker({
      spoolPaths: ['/nonexistent/configreport/records.spool'],
      files: new Uint8Array(1),
      offsets: new Float64Array(1),
      lengths: new Uint32Array([10]),
      recorded: new Float64Array(1),
      invoked: new Float64Array(1),
      accounts: [],
      nonCompliantOrder: new Uint32Array([0]),
      detailsOrder: new Uint32Array([0]),
      rowLimit: 1_048_575,
    });
    expect(handle).not.toBeNull();
    const read = async () => {
      for await (const _block of handle!.blocks('nonCompliant')) {
        // no rows can arrive
      }
    };
    await expect(read()).rejects.toThrow(/ENOENT|exited/);
    await handle!.stop();
  });
});
