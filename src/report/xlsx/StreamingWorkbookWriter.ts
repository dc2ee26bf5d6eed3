/**
 * The workbook: opens sheets one at a time, collects what finalize needs (names, filters, chart
 * parts) and writes the package parts at the end. See docs/xlsx-writer.md.
 */
import type { Writable } from 'node:stream';
import { MAX_ROWS } from './cellRef.js';
import { validateChart } from './chartData.js';
import { chartXml, drawingXml } from './charts.js';
import { validateRule } from './conditional.js';
import {
  appPropsXml,
  contentTypesXml,
  corePropsXml,
  type DocProperties,
  drawingRelsXml,
  rootRelsXml,
  type SheetEntry,
  sheetRelsXml,
  workbookRelsXml,
  workbookXml,
} from './packageParts.js';
import { SplitSheetWriter } from './SplitSheetWriter.js';
import { type ClosedSheet, StreamingSheetWriter } from './StreamingSheetWriter.js';
import { SheetNameRegistry } from './sheetNames.js';
import { rgb } from './sheetXml.js';
import { stylesXml } from './styles.js';
import { CellTextEncoder } from './text.js';
import type { SanitizeStats, SheetOptions, SheetWriter, WorkbookWriter } from './types.js';
import { ZipSink } from './zipSink.js';

/** Options of {@link createWorkbookWriter}. */
export interface WorkbookWriterOptions {
  /**
   * zlib level for every part, 0–9. Default 3: on report-like rows it is as fast as level 1 and
   * within 10 % of level 6's size, while level 6 makes deflate (not our encoder) the bottleneck and
   * roughly doubles wall time (measurements in docs/xlsx-writer.md).
   */
  compressionLevel?: number;
}

/** 1980-01-01, the zip (DOS) epoch: the entry time when no `created` date is set. */
const FIXED_ZIP_TIME = { y: 1980, m: 0, d: 1, h: 0, mi: 0, s: 0 };

/** DOS timestamps store local wall-clock fields; build the Date from UTC fields so the bytes do not depend on TZ. */
function zipTime(created: Date | undefined): Date {
  const t =
    created && !Number.isNaN(created.getTime()) && created.getUTCFullYear() >= 1980
      ? {
          y: created.getUTCFullYear(),
          m: created.getUTCMonth(),
          d: created.getUTCDate(),
          h: created.getUTCHours(),
          mi: created.getUTCMinutes(),
          s: created.getUTCSeconds(),
        }
      : FIXED_ZIP_TIME;
  return new Date(t.y, t.m, t.d, t.h, t.mi, t.s);
}

class StreamingWorkbook implements WorkbookWriter {
  readonly stats: SanitizeStats = {
    illegalCharsStripped: 0,
    truncated: 0,
    formulaLike: 0,
    sheetNamesChanged: 0,
    nonFiniteNumbers: 0,
  };
  readonly #output: Writable;
  readonly #compressionLevel: number;
  readonly #names = new SheetNameRegistry();
  readonly #text = new CellTextEncoder(this.stats);
  readonly #sheets: SheetEntry[] = [];
  #props: DocProperties = {};
  #zip: ZipSink | undefined;
  #open: SheetWriter | undefined;
  #openClosed = true;
  #drawings = 0;
  #charts = 0;
  #finalized = false;

  constructor(output: Writable, options: WorkbookWriterOptions) {
    const level = options.compressionLevel ?? 3;
    if (!Number.isInteger(level) || level < 0 || level > 9)
      throw new RangeError(`compressionLevel ${level} is not 0–9`);
    this.#output = output;
    this.#compressionLevel = level;
  }

  setProperties(props: { title?: string; creator?: string; created?: Date }): void {
    if (this.#zip) throw new Error('setProperties must be called before the first sheet');
    this.#props = { ...this.#props, ...props };
  }

  // The zip starts with the first sheet, so `created` (the zip entries' time) can still be set before.
  #sink(): ZipSink {
    this.#zip ??= new ZipSink(this.#output, {
      compressionLevel: this.#compressionLevel,
      mtime: zipTime(this.#props.created),
    });
    return this.#zip;
  }

  #checkCanOpen(options: SheetOptions): void {
    if (this.#finalized) throw new Error('the workbook is finalized');
    if (!this.#openClosed) throw new Error(`close sheet "${this.#open?.name}" before opening the next`);
    if (!Array.isArray(options.columns)) throw new TypeError('SheetOptions.columns must be an array');
    for (const rule of options.conditional ?? []) validateRule(rule);
    for (const chart of options.charts ?? []) validateChart(chart);
    if (options.tabColor !== undefined) rgb(options.tabColor, 'tabColor');
    const rows = options.rowCount;
    if (rows !== undefined && !(Number.isInteger(rows) && rows >= 0)) {
      throw new RangeError(`rowCount ${rows} must be a non-negative integer`);
    }
  }

  async addSheet(options: SheetOptions): Promise<SheetWriter> {
    this.#checkCanOpen(options);
    const grid = MAX_ROWS - ((options.header ?? true) ? 1 : 0);
    if (options.rowCount !== undefined && options.rowCount > grid) {
      throw new RangeError(
        `rowCount ${options.rowCount} does not fit one sheet (${grid}); use addSplitSheet`,
      );
    }
    const claimed = this.#names.claim(options.name);
    if (claimed.changed) this.stats.sheetNamesChanged++;
    const sheet = this.#openSheet(claimed.name, options);
    this.#open = sheet;
    return sheet;
  }

  async addSplitSheet(
    options: SheetOptions & { rowLimit?: number },
  ): Promise<SheetWriter & { readonly names: string[] }> {
    const { rowLimit: requested, ...sheetOptions } = options;
    const maxData = MAX_ROWS - ((options.header ?? true) ? 1 : 0);
    const rowLimit = requested ?? maxData;
    if (!Number.isInteger(rowLimit) || rowLimit < 1 || rowLimit > maxData) {
      throw new RangeError(`rowLimit ${rowLimit} must be an integer in 1..${maxData}`);
    }
    this.#checkCanOpen(sheetOptions);
    let base = '';
    const split = await SplitSheetWriter.open(sheetOptions, rowLimit, async (opts, part) => {
      this.#checkCanOpen(opts);
      const claimed =
        part === 1 ? this.#names.claim(opts.name) : this.#names.claim(opts.name, { base, part });
      if (claimed.changed) this.stats.sheetNamesChanged++;
      if (part === 1) base = claimed.name;
      return this.#openSheet(claimed.name, opts);
    });
    this.#open = split;
    return split;
  }

  #openSheet(name: string, options: SheetOptions): SheetWriter {
    const zip = this.#sink();
    const entry: SheetEntry = { n: this.#sheets.length + 1, name };
    if ((options.header ?? true) && (options.print?.repeatHeader ?? true)) entry.printTitles = true;
    this.#sheets.push(entry);
    this.#openClosed = false;
    const sheet = new StreamingSheetWriter({
      name,
      options,
      entry: zip.openEntry(`xl/worksheets/sheet${entry.n}.xml`),
      text: this.#text,
      stats: this.stats,
      selected: entry.n === 1,
      onClose: (closed) => {
        this.#onSheetClosed(entry, options, closed);
        this.#openClosed = true;
      },
    });
    return sheet;
  }

  #onSheetClosed(entry: SheetEntry, options: SheetOptions, closed: ClosedSheet): void {
    if (closed.filter) entry.filter = closed.filter;
    // A table prints its columns and no further: text running on past the last column would
    // otherwise print as pages of stray fragments (or shrink a sheet scaled to one page wide).
    if ((options.header ?? true) && options.columns.length > 0) entry.printArea = closed.extent;
    const charts = options.charts ?? [];
    if (charts.length === 0 || !closed.charts) return;
    const zip = this.#sink();
    const drawingN = ++this.#drawings;
    const chartNs = charts.map(() => ++this.#charts);
    charts.forEach((spec, i) => {
      zip.addText(`xl/charts/chart${chartNs[i]}.xml`, chartXml(spec, entry.name, closed.charts!));
    });
    zip.addText(`xl/drawings/drawing${drawingN}.xml`, drawingXml(charts));
    zip.addText(`xl/drawings/_rels/drawing${drawingN}.xml.rels`, drawingRelsXml(chartNs));
    zip.addText(`xl/worksheets/_rels/sheet${entry.n}.xml.rels`, sheetRelsXml(drawingN));
    entry.drawing = { n: drawingN, charts: chartNs };
  }

  async finalize(): Promise<void> {
    if (this.#finalized) throw new Error('the workbook is already finalized');
    // Closing is idempotent; a sheet left open is closed rather than lost.
    if (this.#open) await this.#open.close();
    if (this.#sheets.length === 0) {
      // Excel refuses a workbook without sheets; an empty one keeps the file openable.
      await (await this.addSheet({ name: 'Sheet1', columns: [], header: false })).close();
    }
    this.#finalized = true;
    const zip = this.#sink();
    zip.addText('xl/styles.xml', stylesXml());
    zip.addText('xl/workbook.xml', workbookXml(this.#sheets));
    zip.addText('xl/_rels/workbook.xml.rels', workbookRelsXml(this.#sheets));
    zip.addText('docProps/core.xml', corePropsXml(this.#props));
    zip.addText('docProps/app.xml', appPropsXml(this.#sheets));
    zip.addText('_rels/.rels', rootRelsXml());
    zip.addText('[Content_Types].xml', contentTypesXml(this.#sheets));
    await zip.end();
  }
}

/**
 * Creates a streaming xlsx writer that writes one workbook to `output` (a file, an S3 multipart
 * upload stream, …). Memory stays flat however many rows are written: every `addRow` waits while
 * `output` is slow.
 *
 * @example
 * const wb = createWorkbookWriter(createWriteStream('report.xlsx'));
 * const sheet = await wb.addSheet({ name: 'Details', columns: [{ header: 'Account', width: 16 }] });
 * for (const r of records) await sheet.addRow([r.accountId]);
 * await sheet.close();
 * await wb.finalize();
 */
export function createWorkbookWriter(output: Writable, options: WorkbookWriterOptions = {}): WorkbookWriter {
  return new StreamingWorkbook(output, options);
}
