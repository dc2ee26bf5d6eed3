import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createWorkbookWriter } from '../../../../src/report/xlsx/index.js';
import { readWithExcelJS } from './helpers.js';

/** An output that accepts nothing until released, then keeps every byte. */
class GatedSink extends Writable {
  readonly chunks: Buffer[] = [];
  #held: (() => void)[] = [];
  #open = false;
  constructor() {
    super({ highWaterMark: 16 * 1024 });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    if (this.#open) done();
    else this.#held.push(() => done());
  }
  release(): void {
    this.#open = true;
    for (const done of this.#held.splice(0)) done();
  }
}

/** Resolves true if `p` settles within a few event-loop turns (long enough for zlib round trips). */
async function settlesSoon(p: Promise<void>): Promise<boolean> {
  let settled = false;
  void p.then(() => {
    settled = true;
  });
  // Most rows resolve at once: a few microtask turns decide them without touching timers.
  for (let i = 0; i < 3 && !settled; i++) await Promise.resolve();
  for (let i = 0; i < 20 && !settled; i++) await new Promise((r) => setTimeout(r, 5));
  return settled;
}

// Random hex barely compresses, so buffered compressed bytes say as much as buffered raw bytes.
const noise = (i: number): string => `${i}:${randomBytes(48).toString('hex')}`;
const ROW_BYTES = 4 * 150;

describe('backpressure', () => {
  it('stops accepting rows while the output is stalled, and loses none once it drains', async () => {
    // Prepare
    const sink = new GatedSink();
    const wb = createWorkbookWriter(sink);
    const sheet = await wb.addSheet({
      name: 'Data',
      columns: [{ header: 'a' }, { header: 'b' }, { header: 'c' }],
    });
    // Act: write until a row is not accepted.
    let accepted = 0;
    let blocked: Promise<void> | undefined;
    while (accepted < 100_000) {
      const p = sheet.addRow([noise(accepted), noise(accepted + 1), noise(accepted + 2)]);
      accepted++;
      if (!(await settlesSoon(p))) {
        blocked = p;
        break;
      }
    }
    // Assess: the writer blocked after a bounded amount of data (chunk + stream buffers), far
    // below the 60 MB the loop would otherwise have produced.
    expect(blocked).toBeDefined();
    expect(accepted).toBeGreaterThan(10); // buffering, not lock-step with the output
    const bufferedBytes = accepted * ROW_BYTES;
    expect(bufferedBytes).toBeLessThan(4 * 1024 * 1024);
    // Release the output: everything written so far, plus more, arrives intact.
    sink.release();
    await blocked;
    for (let i = 0; i < 2_000; i++) await sheet.addRow([noise(accepted + i), 'x', 'y']);
    await sheet.close();
    await wb.finalize();
    const ws = (await readWithExcelJS(Buffer.concat(sink.chunks))).getWorksheet('Data')!;
    expect(ws.rowCount).toBe(1 + accepted + 2_000);
    expect(String(ws.getCell('A2').value)).toMatch(/^0:/);
  });

  it('rejects a waiting addRow and finalize when the output fails, instead of hanging', async () => {
    // Prepare: an output that fails on its first write.
    const failing = new Writable({
      write(_chunk, _enc, done) {
        done(new Error('upload failed'));
      },
    });
    const wb = createWorkbookWriter(failing);
    const sheet = await wb.addSheet({ name: 'Data', columns: [{ header: 'a' }] });
    // Act
    let error: unknown;
    try {
      for (let i = 0; i < 200_000; i++) await sheet.addRow([noise(i)]);
    } catch (e) {
      error = e;
    }
    // Assess
    expect(String(error)).toMatch(/upload failed/);
    await expect(sheet.addRow(['more'])).rejects.toThrow(/upload failed/);
    await expect(wb.finalize()).rejects.toThrow(/upload failed/);
  });
});
