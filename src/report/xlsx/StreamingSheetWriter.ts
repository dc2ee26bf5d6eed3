/**
 * One worksheet part, streamed: the head is written when the sheet opens, each row's XML is
 * UTF-8-encoded straight into a 256 KiB chunk (Utf8Chunk) that goes to the zip entry when full, and
 * the tail — autofilter, conditional formats, drawing — is written on close, when the data range is
 * known.
 */
import { MAX_ROWS } from './cellRef.js';
import { ChartDataCapture } from './chartData.js';
import { conditionalFormattingXml } from './conditional.js';
import { RowEncoder } from './rowEncoder.js';
import { sheetHeadXml, sheetTailXml } from './sheetXml.js';
import type { CellTextEncoder } from './text.js';
import type { CellValue, EncodedRows, SanitizeStats, SheetOptions, SheetWriter } from './types.js';
import { Utf8Chunk } from './Utf8Chunk.js';
import type { ZipEntryStream } from './zipSink.js';

/** Bytes of row XML collected before one write to the zip entry. */
const CHUNK_BYTES = 256 * 1024;
const RESOLVED: Promise<void> = Promise.resolve();

/** What the sheet reports to the workbook when it closes. */
export interface ClosedSheet {
  /** Autofilter extent (0-based last column, 1-based last row) when the sheet has one. */
  filter?: { lastCol: number; lastRow: number };
  /** The declared columns over every row written (0-based last column, 1-based last row). */
  extent: { lastCol: number; lastRow: number };
  /** The values charts read, for the chart parts' caches, when the sheet has charts. */
  charts?: ChartDataCapture;
}

/** Everything a sheet needs from its workbook. */
export interface SheetContext {
  name: string;
  options: SheetOptions;
  entry: ZipEntryStream;
  text: CellTextEncoder;
  stats: SanitizeStats;
  selected: boolean;
  /** Called once, after the tail is written. */
  onClose(closed: ClosedSheet): void;
}

/** A {@link SheetWriter} streaming one worksheet part into the zip. */
export class StreamingSheetWriter implements SheetWriter {
  readonly name: string;
  #rowCount = 0;
  /** 1-based number of the next grid row. */
  #nextRow: number;
  readonly #ctx: SheetContext;
  readonly #encoder: RowEncoder;
  readonly #header: boolean;
  readonly #charts: ChartDataCapture | undefined;
  /** Data rows promised by `options.rowCount`, if any. */
  readonly #expected: number | undefined;
  readonly #chunk = new Utf8Chunk(CHUNK_BYTES);
  #pending: Promise<void> | undefined;
  #closed = false;

  constructor(ctx: SheetContext) {
    this.#ctx = ctx;
    this.name = ctx.name;
    const o = ctx.options;
    this.#header = o.header ?? true;
    this.#encoder = new RowEncoder(o.columns, ctx.text, ctx.stats);
    this.#charts = o.charts && o.charts.length > 0 ? new ChartDataCapture(o.charts) : undefined;
    this.#expected = o.rowCount;
    const freeze = o.freezeHeader ?? this.#header;
    this.#append(
      sheetHeadXml({
        tabColor: o.tabColor,
        freezeHeader: freeze,
        selected: ctx.selected,
        columns: o.columns,
        extent:
          o.rowCount === undefined
            ? undefined
            : { lastCol: Math.max(o.columns.length - 1, 0), lastRow: o.rowCount + (this.#header ? 1 : 0) },
        fitToWidth: o.print?.fitToWidth ?? true,
      }),
    );
    this.#nextRow = 1;
    if (this.#header) {
      const cells: CellValue[] = o.columns.map((c) => ({ value: c.header, style: 'header' }));
      this.#charts?.capture(0, cells);
      this.#append(this.#encoder.encode(1, cells));
      this.#nextRow = 2;
    }
  }

  /** Data rows written so far (not counting the header). */
  get rowCount(): number {
    return this.#rowCount;
  }

  addRow(cells: readonly CellValue[]): Promise<void> {
    if (this.#closed) return Promise.reject(new Error(`sheet "${this.name}" is closed`));
    const failure = this.#ctx.entry.failure;
    if (failure) return Promise.reject(failure);
    const row1 = this.#nextRow;
    if (row1 > MAX_ROWS) {
      return Promise.reject(
        new RangeError(`sheet "${this.name}" is full (${MAX_ROWS} rows); use addSplitSheet for more rows`),
      );
    }
    if (this.#expected !== undefined && this.#rowCount >= this.#expected) return this.#overflow(1);
    let xml: string;
    try {
      xml = this.#encoder.encode(row1, cells);
    } catch (error) {
      return Promise.reject(error);
    }
    this.#charts?.capture(row1 - 1, cells);
    this.#nextRow++;
    this.#rowCount++;
    return this.#append(xml) ?? this.#pending ?? RESOLVED;
  }

  addEncodedRows(block: EncodedRows): Promise<void> {
    if (this.#closed) return Promise.reject(new Error(`sheet "${this.name}" is closed`));
    const failure = this.#ctx.entry.failure;
    if (failure) return Promise.reject(failure);
    if (this.#charts) {
      return Promise.reject(new Error(`sheet "${this.name}" has charts: add its rows with addRow`));
    }
    const last = block.firstRow + block.rows - 1;
    if (this.#expected !== undefined && this.#rowCount + block.rows > this.#expected) {
      return this.#overflow(block.rows);
    }
    if (block.firstRow !== this.#nextRow || block.rows < 0 || last > MAX_ROWS) {
      return Promise.reject(
        new RangeError(
          `sheet "${this.name}": encoded rows ${block.firstRow}–${last} do not follow row ${this.#nextRow - 1} within ${MAX_ROWS} rows`,
        ),
      );
    }
    this.#nextRow += block.rows;
    this.#rowCount += block.rows;
    const stats = this.#ctx.stats;
    stats.illegalCharsStripped += block.stats.illegalCharsStripped;
    stats.truncated += block.stats.truncated;
    stats.formulaLike += block.stats.formulaLike;
    stats.nonFiniteNumbers += block.stats.nonFiniteNumbers;
    // Row XML already written here (the head) goes first; then the block as it is, no copy.
    const wait = this.#flush();
    if (block.bytes.length === 0) return wait ?? this.#pending ?? RESOLVED;
    const bytes = Buffer.isBuffer(block.bytes)
      ? block.bytes
      : Buffer.from(block.bytes.buffer, block.bytes.byteOffset, block.bytes.byteLength);
    return this.#write(bytes) ?? wait ?? this.#pending ?? RESOLVED;
  }

  #overflow(rows: number): Promise<void> {
    return Promise.reject(
      new RangeError(
        `sheet "${this.name}": ${rows} more row(s) after ${this.#rowCount} would exceed the rowCount of ${this.#expected} it declared`,
      ),
    );
  }

  /**
   * Encodes `xml` into the chunk, handing full chunks to the zip entry. Returns a promise only when
   * the entry asked to wait.
   */
  #append(xml: string): Promise<void> | undefined {
    if (xml.length === 0) return undefined;
    let wait: Promise<void> | undefined;
    if (!this.#chunk.fits(xml)) {
      wait = this.#flush();
      if (this.#chunk.oversized(xml)) {
        // A row bigger than a chunk (many 32k-character cells) goes out on its own.
        return this.#write(Buffer.from(xml, 'utf8')) ?? wait;
      }
    }
    this.#chunk.append(xml);
    return wait;
  }

  #flush(): Promise<void> | undefined {
    if (this.#chunk.used === 0) return undefined;
    return this.#write(this.#chunk.take());
  }

  #write(bytes: Buffer): Promise<void> | undefined {
    if (this.#ctx.entry.write(bytes)) return undefined;
    const wait = this.#ctx.entry.drained().finally(() => {
      if (this.#pending === wait) this.#pending = undefined;
    });
    this.#pending = wait;
    return wait;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#pending) await this.#pending;
    const o = this.#ctx.options;
    const lastRow = this.#nextRow - 1;
    const firstData = this.#header ? 2 : 1;
    const filter =
      (o.autoFilter ?? this.#header) && o.columns.length > 0
        ? { lastCol: o.columns.length - 1, lastRow: Math.max(lastRow, 1) }
        : undefined;
    this.#append(
      sheetTailXml({
        filter,
        conditionalXml: conditionalFormattingXml(o.conditional ?? [], firstData, lastRow),
        hasDrawing: this.#charts !== undefined,
        merges: this.#encoder.merges,
        orientation: o.print?.orientation ?? 'landscape',
        fitToWidth: o.print?.fitToWidth ?? true,
      }),
    );
    this.#ctx.entry.end(this.#chunk.take());
    this.#ctx.onClose({
      extent: { lastCol: Math.max(o.columns.length - 1, 0), lastRow: Math.max(lastRow, 1) },
      ...(filter ? { filter } : {}),
      ...(this.#charts ? { charts: this.#charts } : {}),
    });
    if (this.#expected !== undefined && this.#rowCount !== this.#expected) {
      // The head already promised this size in <dimension>: a short sheet is the caller's bug. The
      // part is finished first, so the workbook is not left waiting for it.
      throw new RangeError(
        `sheet "${this.name}" declared rowCount ${this.#expected} but got ${this.#rowCount} rows`,
      );
    }
  }
}
