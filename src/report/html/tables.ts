/**
 * Accessible tables and the small pieces every section shares: a `<table>` with a `<caption>`,
 * column headers `<th scope="col">`, an optional row header `<th scope="row">`, in a region that
 * scrolls sideways on a narrow screen; ratio cells that carry the exact ratio and the band in words.
 */
import { type Band, bandOf, bandWord, countText, percentText, type ThresholdsView } from '../summaryText.js';
import { type Html, html, type Interpolation } from './escape.js';

/** One column: its header, how a row fills it, and whether it holds numbers (right-aligned). */
export interface Column<T> {
  header: string;
  cell: (row: T) => Interpolation;
  numeric?: boolean;
  /** Long free text (a reason): kept at a readable width, the table scrolls sideways instead. */
  wide?: boolean;
  /** The column that names the row: rendered as `<th scope="row">`. */
  rowHeader?: boolean;
}

/** A table's content and its caption (which also names its scrolling region). */
export interface TableSpec<T> {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  /** Shown instead of an empty table. */
  empty?: string;
  /** A line under the table (for example "and 12 more in the workbook"). */
  note?: string;
}

function cellClass<T>(column: Column<T>) {
  if (column.numeric) return html` class="num"`;
  return column.wide ? html` class="wide"` : '';
}

/** Renders a table (or the `empty` text when there are no rows). */
export function dataTable<T>(spec: TableSpec<T>): Html {
  const { caption, columns, rows } = spec;
  if (rows.length === 0) return html`<p class="empty">${spec.empty ?? `${caption}: none.`}</p>`;
  const head = columns.map(
    (c) => html`<th scope="col"${c.numeric ? html` class="num"` : ''}>${c.header}</th>`,
  );
  const body = rows.map(
    (row) =>
      html`<tr>${columns.map((c) =>
        c.rowHeader
          ? html`<th scope="row">${c.cell(row)}</th>`
          : html`<td${cellClass(c)}>${c.cell(row)}</td>`,
      )}</tr>\n`,
  );
  return html`<div class="table-wrap" role="region" aria-label="${caption}" tabindex="0">
<table>
<caption>${caption}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}</tbody>
</table>
</div>${spec.note ? html`<p class="note">${spec.note}</p>` : ''}`;
}

/** The band as a badge: a coloured label that says the band in words. */
export function bandBadge(band: Band): Html {
  return html`<span class="band band-${band}">${bandWord(band)}</span>`;
}

/**
 * A ratio: the percentage as `<data value="<exact ratio>">` (programs and tests read the exact
 * value; people read the rounded one), then its band badge. `n/a` and "No data" without data.
 */
export function ratioCell(ratio: number | null, thresholds: ThresholdsView): Html {
  const band = bandOf(ratio, thresholds);
  const value = ratio === null ? '' : String(ratio);
  return html`<data class="ratio" value="${value}">${percentText(ratio)}</data> ${bandBadge(band)}`;
}

/** A count with thousands separators, carrying the exact value. */
export function countCell(n: number): Html {
  return html`<data class="count" value="${n}">${countText(n)}</data>`;
}

/**
 * A share of a whole (say, of all non-compliant evaluations) as `<data value="<exact share>">`: a
 * percentage without a band, since a share is not a compliance ratio. `n/a` when the whole is empty.
 */
export function shareCell(share: number | null): Html {
  return html`<data class="share" value="${share === null ? '' : String(share)}">${percentText(share)}</data>`;
}
