/**
 * Remembers the values of the cells that charts read, as rows stream past, so each chart part can
 * carry a cache of its data. Excel recalculates charts from the sheet, but previews and some
 * viewers draw only the cache. Only cells inside chart ranges are kept, so memory stays small.
 */
import { columnLetter } from './cellRef.js';
import type { CellValue, ChartSpec } from './types.js';

/** A 0-based rectangular column range, as in {@link ChartSpec}. */
export interface ColumnRange {
  col: number;
  firstRow: number;
  lastRow: number;
}

type Primitive = string | number | boolean | Date | null;

/** Throws a RangeError naming what is wrong with a chart spec. */
export function validateChart(chart: ChartSpec): void {
  const ranges: ColumnRange[] = [chart.categories, ...chart.series.map((s) => s.values)];
  for (const r of ranges) {
    columnLetter(r.col);
    if (
      !Number.isInteger(r.firstRow) ||
      !Number.isInteger(r.lastRow) ||
      r.firstRow < 0 ||
      r.lastRow < r.firstRow
    ) {
      throw new RangeError(`chart "${chart.title}": bad row range ${r.firstRow}..${r.lastRow}`);
    }
  }
  if (chart.series.length === 0) throw new RangeError(`chart "${chart.title}" has no series`);
  const a = chart.anchor;
  if (a.toCol <= a.fromCol || a.toRow <= a.fromRow || a.fromCol < 0 || a.fromRow < 0) {
    throw new RangeError(`chart "${chart.title}": anchor must span at least one cell`);
  }
  const colors = chart.series.flatMap((s) => [s.color, ...(s.pointColors ?? [])]);
  for (const c of colors) {
    if (c !== undefined && !/^[0-9A-Fa-f]{6}$/.test(c))
      throw new RangeError(`chart colour ${c} is not RRGGBB`);
  }
}

/** Captures cell values inside a set of ranges. */
export class ChartDataCapture {
  readonly #ranges: ColumnRange[];
  readonly #minRow: number;
  readonly #maxRow: number;
  readonly #values = new Map<string, Primitive>();

  constructor(charts: readonly ChartSpec[]) {
    this.#ranges = charts.flatMap((c) => [c.categories, ...c.series.map((s) => s.values)]);
    this.#minRow = Math.min(...this.#ranges.map((r) => r.firstRow));
    this.#maxRow = Math.max(...this.#ranges.map((r) => r.lastRow));
  }

  /** Called for every row; a cheap bounds check for rows outside every range. */
  capture(row0: number, cells: readonly CellValue[]): void {
    if (row0 < this.#minRow || row0 > this.#maxRow) return;
    for (const r of this.#ranges) {
      if (row0 < r.firstRow || row0 > r.lastRow) continue;
      const cell = cells[r.col];
      const value =
        cell !== null && typeof cell === 'object' && !(cell instanceof Date)
          ? 'formula' in cell
            ? cell.result
            : cell.value
          : cell;
      this.#values.set(`${r.col},${row0}`, value ?? null);
    }
  }

  /** The captured values of a range, in row order (null where nothing was written). */
  values(range: ColumnRange): Primitive[] {
    const out: Primitive[] = [];
    for (let row = range.firstRow; row <= range.lastRow; row++) {
      out.push(this.#values.get(`${range.col},${row}`) ?? null);
    }
    return out;
  }
}
