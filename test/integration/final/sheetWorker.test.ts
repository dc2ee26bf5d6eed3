/**
 * The sheet worker against a real spool: every row arrives, in order, with bounded buffering when
 * the zip side is slow; and a worker that cannot do its job makes the sheet being written fail
 * (final mode then fails the run) instead of leaving rows out.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorKind, isErrorOfKind } from '../../../src/core/errors.js';
import { encodeSheetsInWorker, isFinalWorkerError } from '../../../src/modes/final/engine/index.js';
import { SpoolWriter } from '../../../src/modes/final/spool.js';
import { encodeSpoolLine } from '../../../src/modes/final/spoolRecord.js';
import { record } from '../../unit/modes/final/factories.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('encodeSheetsInWorker', () => {
  it('delivers every row in order and holds at most its window while the reader is slow', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sheet-worker-')), 'records.spool');
    const spool = new SpoolWriter(path);
    const n = 20_000;
    const offsets = new Float64Array(n);
    const lengths = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const r = record({ resource_id: `i-${String(i).padStart(6, '0')}`, annotation: 'x'.repeat(600) });
      const place = spool.appendText(encodeSpoolLine(r, 'team', null));
      offsets[i] = place.offset;
      lengths[i] = place.length;
    }
    spool.close();
    const handle = encodeSheetsInWorker({
      spoolPaths: [path],
      files: new Uint8Array(n),
      offsets,
      lengths,
      recorded: new Float64Array(n).fill(Date.UTC(2024, 4, 1)),
      invoked: new Float64Array(n).fill(Date.UTC(2024, 4, 1)),
      accounts: [],
      reportMs: Date.UTC(2024, 4, 2),
      staleDays: 7,
      nonCompliantOrder: new Uint32Array(0),
      detailsOrder: Uint32Array.from({ length: n }, (_, i) => i),
      rowLimit: 1_048_575,
    })!;
    for await (const _ of handle.blocks('nonCompliant'))
      throw new Error('no Non-Compliant rows were asked for');
    let rows = 0;
    let nextRow = 2;
    let maxBuffered = 0;
    let text = '';
    let blocks = 0;
    for await (const block of handle.blocks('details')) {
      if (rows === 0) await sleep(500); // a stalled upload: the worker must wait, not run ahead
      maxBuffered = Math.max(maxBuffered, handle.buffered);
      expect(block.firstRow).toBe(nextRow);
      nextRow += block.rows;
      blocks++;
      rows += block.rows;
      if (text.length === 0) text = Buffer.from(block.bytes).toString('utf8', 0, 200);
    }
    expect(rows).toBe(n);
    expect(blocks).toBeGreaterThan(12); // twice the window: without flow control the worker would run ahead
    expect(maxBuffered).toBeGreaterThan(0);
    expect(maxBuffered).toBeLessThanOrEqual(6);
    expect(text).toContain('<row r="2">');
    await handle.stop();
  });

  it('rejects the sheet being read when the worker fails (here: its spool file is gone)', async () => {
    const handle = encodeSheetsInWorker({
      spoolPaths: ['/nonexistent/configreport/records.spool'],
      files: new Uint8Array(1),
      offsets: new Float64Array(1),
      lengths: new Uint32Array([10]),
      recorded: new Float64Array(1),
      invoked: new Float64Array(1),
      accounts: [],
      reportMs: Date.UTC(2024, 4, 2),
      staleDays: 7,
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
    const failure = await read().then(
      () => null,
      (error: unknown) => error,
    );
    expect(isFinalWorkerError(failure)).toBe(true);
    expect(isErrorOfKind(failure, ErrorKind.Failed)).toBe(true);
    expect((failure as Error).message).toMatch(/^sheet worker (failed: .*ENOENT|exited)/);
    await handle!.stop();
  });
});
