/**
 * Encodes a sheet's rows into UTF-8 blocks of about 1 MiB away from the workbook — in a worker
 * thread — so the thread that owns the zip only copies finished blocks into the sheet
 * ({@link SheetWriter.addEncodedRows}). The XML is the same, byte for byte, as `addRow` writes:
 * both use {@link RowEncoder}. For a million-row sheet the encoding (escaping, number formatting,
 * UTF-8) is most of the writer's work, so this is what lets a second core share it.
 */
import { RowEncoder } from './rowEncoder.js';
import { CellTextEncoder } from './text.js';
import type { CellValue, ColumnSpec, EncodedRows, SanitizeStats } from './types.js';
import { Utf8Chunk } from './Utf8Chunk.js';

/**
 * Default block size. 1 MiB rather than the sheet writer's 256 KiB chunks: each block is one
 * postMessage, and a million-row Details sheet cost ~1.2 s of worker time in postMessage at 256 KiB
 * vs ~0.7 s at 1 MiB (bench:report profile).
 */
const BLOCK_BYTES = 1024 * 1024;

/** Where the rows go in the sheet. */
export interface RowBlockOptions {
  /** 1-based grid row of the first data row: 2 below a header (the default), 1 without one. */
  firstRow?: number;
  /**
   * Data rows per part of a split sheet (`addSplitSheet`'s `rowLimit`): numbering restarts at
   * `firstRow` after this many rows, and no block spans two parts. Default: no split.
   */
  rowLimit?: number;
  /** Block size in bytes (default 1 MiB); a row longer than this is a block of its own. */
  blockBytes?: number;
}

const zeroStats = (): SanitizeStats => ({
  illegalCharsStripped: 0,
  truncated: 0,
  formulaLike: 0,
  sheetNamesChanged: 0,
  nonFiniteNumbers: 0,
});

/** Encodes rows and hands each finished block to `emit`, in order. */
export class RowBlockEncoder {
  readonly #emit: (block: EncodedRows) => void;
  readonly #firstRow: number;
  readonly #rowLimit: number;
  #stats = zeroStats();
  #text = new CellTextEncoder(this.#stats);
  readonly #columns: readonly ColumnSpec[];
  #encoder: RowEncoder;
  readonly #chunk: Utf8Chunk;
  /** Grid row of the block's first row, and rows in the block so far. */
  #blockFirst: number;
  #blockRows = 0;
  /** Data rows in the current part. */
  #partRows = 0;

  constructor(
    columns: readonly ColumnSpec[],
    emit: (block: EncodedRows) => void,
    options: RowBlockOptions = {},
  ) {
    this.#columns = columns;
    this.#emit = emit;
    this.#firstRow = options.firstRow ?? 2;
    this.#rowLimit = options.rowLimit ?? Number.POSITIVE_INFINITY;
    if (!Number.isInteger(this.#firstRow) || this.#firstRow < 1) {
      throw new RangeError(`firstRow ${this.#firstRow} must be a positive integer`);
    }
    if (
      this.#rowLimit !== Number.POSITIVE_INFINITY &&
      !(Number.isInteger(this.#rowLimit) && this.#rowLimit >= 1)
    ) {
      throw new RangeError(`rowLimit ${this.#rowLimit} must be a positive integer`);
    }
    this.#chunk = new Utf8Chunk(options.blockBytes ?? BLOCK_BYTES);
    this.#encoder = new RowEncoder(columns, this.#text, this.#stats);
    this.#blockFirst = this.#firstRow;
  }

  /** Encodes the next row (the cells are read now, so the array may be reused). */
  add(cells: readonly CellValue[]): void {
    if (this.#partRows === this.#rowLimit) {
      this.flush();
      this.#partRows = 0;
      this.#blockFirst = this.#firstRow;
    }
    const xml = this.#encoder.encode(this.#blockFirst + this.#blockRows, cells);
    // Merges belong in the sheet's tail, which blocks do not reach.
    if (this.#encoder.merges.length > 0)
      throw new RangeError('merged cells (span) cannot be encoded in blocks');
    if (!this.#chunk.fits(xml)) {
      this.flush();
      if (this.#chunk.oversized(xml)) {
        // A row bigger than a block (many 32k-character cells) is a block of its own.
        this.#blockRows = 1;
        this.#partRows++;
        this.#emitBlock(Buffer.from(xml, 'utf8'));
        return;
      }
    }
    this.#chunk.append(xml);
    this.#blockRows++;
    this.#partRows++;
  }

  /** Emits the rows encoded since the last block, if any (call once after the last row). */
  flush(): void {
    if (this.#blockRows === 0) return;
    this.#emitBlock(this.#chunk.take());
  }

  #emitBlock(bytes: Buffer): void {
    const block: EncodedRows = {
      bytes,
      firstRow: this.#blockFirst,
      rows: this.#blockRows,
      stats: this.#stats,
    };
    this.#blockFirst += this.#blockRows;
    this.#blockRows = 0;
    // Counts belong to the block that holds their rows: start fresh ones for the next block.
    this.#stats = zeroStats();
    this.#text = new CellTextEncoder(this.#stats);
    this.#encoder = new RowEncoder(this.#columns, this.#text, this.#stats);
    this.#emit(block);
  }
}
