/**
 * _Evaluation age_ in the HTML summary, as on the Summary sheet: how many evaluations are older than
 * `REPORT_STALE_DAYS` at report time (a result Config has not refreshed may no longer describe the
 * resource), their share, how many of them are non-compliant, and the oldest.
 */
import { type Html, html } from './escape.js';
import type { HtmlSummary } from './summaryView.js';
import { countCell, dataTable, shareCell } from './tables.js';

type Item = [label: string, value: Html | string];

/** The section; nothing for a summary without `stale`. */
export function evaluationAgeSection(summary: HtmlSummary): Html | '' {
  const stale = summary.stale;
  if (stale === undefined) return '';
  const rows: Item[] = [
    [`Evaluations older than ${stale.threshold_days} days (stale)`, countCell(stale.evaluations)],
    ['Stale share of evaluations', shareCell(stale.share)],
    ['Stale non-compliant evaluations', countCell(stale.non_compliant)],
    ['Oldest evaluation (days)', stale.oldest_days === null ? 'n/a' : countCell(stale.oldest_days)],
  ];
  return html`<section aria-labelledby="evaluation-age">
<h2 id="evaluation-age">Evaluation age</h2>
${dataTable<Item>({
  caption: 'Evaluation age',
  columns: [
    { header: 'Item', cell: (r) => r[0], rowHeader: true },
    { header: 'Count', cell: (r) => r[1], numeric: true },
  ],
  rows,
})}
<p class="note">The Non-Compliant sheet flags the same evaluations as stale.</p>
</section>`;
}
