/**
 * The Details CSV companion (gzip): RFC 4180 (comma separator, CRLF line ends, fields with `"`,
 * `,`, CR or LF quoted with `"` doubled), UTF-8 with a byte-order mark so Excel detects the
 * encoding. Spreadsheet programs run cells that start with `=`, `+`, `-`, `@`, tab or CR as
 * formulas (CWE-1236), so by default such cells get a leading `'` — the CSV is for people with
 * spreadsheets; programs should read the summary JSON or the shard files, which are unchanged.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { CSV_COLUMNS } from './columns.js';
import type { DetailRow } from './model.js';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Prefixes formula-looking text with `'` so spreadsheets show it as text. */
export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV field: optionally guarded, quoted when it must be. */
export function csvField(value: string, guard: boolean): string {
  const text = guard ? guardFormula(value) : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record with its CRLF. */
export function csvLine(values: readonly string[], guard: boolean): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : ',') + csvField(values[i]!, guard);
  return `${line}\r\n`;
}

const BATCH_CHARS = 64 * 1024;

/** Streams Details rows into a gzip CSV file, with backpressure. */
export class DetailsCsvWriter {
  readonly #input = new PassThrough({ highWaterMark: 1 << 20 });
  readonly #done: Promise<void>;
  readonly #guard: boolean;
  #batch = '';
  #rows = 0;

  constructor(path: string, options: { gzipLevel: number; formulaGuard: boolean }) {
    this.#guard = options.formulaGuard;
    this.#done = pipeline(
      this.#input,
      createGzip({ level: options.gzipLevel }),
      createWriteStream(path, { mode: 0o600 }),
    );
    // Recorded, rethrown by end(); an early failure must not be an unhandled rejection.
    this.#done.catch(() => {});
    this.#batch = `\uFEFF${csvLine(
      CSV_COLUMNS.map((c) => c.spec.header),
      false,
    )}`;
  }

  /** Data rows written. */
  get rows(): number {
    return this.#rows;
  }

  /** Adds a row; returns a promise only when the caller has to wait for the file to catch up. */
  write(row: DetailRow): Promise<void> | undefined {
    this.#rows++;
    const values = CSV_COLUMNS.map((c) => c.csv(row));
    this.#batch += csvLine(values, this.#guard);
    if (this.#batch.length < BATCH_CHARS) return undefined;
    const chunk = this.#batch;
    this.#batch = '';
    if (this.#input.write(chunk)) return undefined;
    return Promise.race([once(this.#input, 'drain').then(() => undefined), this.#done]);
  }

  /** Flushes, closes the file and resolves when every byte is on disk. */
  async end(): Promise<void> {
    this.#input.end(this.#batch);
    this.#batch = '';
    await this.#done;
  }

  /** Abandons the file (after a failure elsewhere). */
  destroy(error: Error): void {
    this.#input.destroy(error);
  }
}
