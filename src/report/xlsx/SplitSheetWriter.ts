/**
 * A sheet that continues into `Name (2)`, `Name (3)`, … every `rowLimit` data rows, so a table
 * longer than Excel's 1,048,576-row grid is kept whole instead of cut off. Every part gets the
 * same columns, header, filter and conditional formats; charts stay on the first part, because
 * their ranges point at its rows.
 */
import type { CellValue, EncodedRows, SheetOptions, SheetWriter } from './types.js';

/**
 * A part's options: with a declared total `rowCount`, the part's share of it (a full part, or what
 * is left after the rows `before` it), so each part's `<dimension>` is its own.
 */
function partOptions(options: SheetOptions, rowLimit: number, before: number): SheetOptions {
  if (options.rowCount === undefined) return options;
  return { ...options, rowCount: Math.max(0, Math.min(rowLimit, options.rowCount - before)) };
}

/** Opens the next part: part 1 is the requested name, part n ≥ 2 a continuation. */
export type OpenPart = (options: SheetOptions, part: number) => Promise<SheetWriter>;

/** The {@link SheetWriter} returned by `addSplitSheet`. */
export class SplitSheetWriter implements SheetWriter {
  readonly names: string[] = [];
  readonly #options: SheetOptions;
  readonly #rowLimit: number;
  readonly #open: OpenPart;
  #current: SheetWriter;
  #before = 0;
  #closed = false;
  /** Set while the next part is being opened, so a caller that does not await cannot open two. */
  #switching: Promise<void> | undefined;

  private constructor(first: SheetWriter, options: SheetOptions, rowLimit: number, open: OpenPart) {
    this.#current = first;
    this.#options = options;
    this.#rowLimit = rowLimit;
    this.#open = open;
    this.names.push(first.name);
  }

  /** Opens part 1. */
  static async open(options: SheetOptions, rowLimit: number, open: OpenPart): Promise<SplitSheetWriter> {
    return new SplitSheetWriter(await open(partOptions(options, rowLimit, 0), 1), options, rowLimit, open);
  }

  /** The first part's name. */
  get name(): string {
    return this.names[0]!;
  }

  /** Data rows over all parts. */
  get rowCount(): number {
    return this.#before + this.#current.rowCount;
  }

  // Not async: the common case hands the current part's promise straight back, so a million-row
  // sheet does not pay for an extra promise per row.
  addRow(cells: readonly CellValue[]): Promise<void> {
    if (this.#closed) return Promise.reject(new Error(`sheet "${this.name}" is closed`));
    if (this.#switching) return this.#switching.then(() => this.addRow(cells));
    if (this.#current.rowCount < this.#rowLimit) return this.#current.addRow(cells);
    this.#switching = this.#nextPart().finally(() => {
      this.#switching = undefined;
    });
    return this.#switching.then(() => this.#current.addRow(cells));
  }

  /**
   * Appends a block encoded with this sheet's `rowLimit` (`RowBlockEncoder` never lets a block
   * span two parts): a block arriving when the current part is full opens the next part.
   */
  addEncodedRows(block: EncodedRows): Promise<void> {
    if (this.#closed) return Promise.reject(new Error(`sheet "${this.name}" is closed`));
    if (this.#switching) return this.#switching.then(() => this.addEncodedRows(block));
    const count = this.#current.rowCount;
    if (count + block.rows > this.#rowLimit) {
      if (count < this.#rowLimit) {
        return Promise.reject(
          new RangeError(`sheet "${this.name}": a block of ${block.rows} rows spans a part boundary`),
        );
      }
      this.#switching = this.#nextPart().finally(() => {
        this.#switching = undefined;
      });
      return this.#switching.then(() => this.#current.addEncodedRows(block));
    }
    return this.#current.addEncodedRows(block);
  }

  /** Closes the full part and opens the next; only when a row needs it, so no empty trailing part. */
  async #nextPart(): Promise<void> {
    this.#before += this.#current.rowCount;
    await this.#current.close();
    const { charts: _charts, ...rest } = this.#options;
    this.#current = await this.#open(partOptions(rest, this.#rowLimit, this.#before), this.names.length + 1);
    this.names.push(this.#current.name);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#switching) await this.#switching;
    await this.#current.close();
  }
}
