/**
 * _Accepted exceptions_ in the HTML summary, as on the Summary sheet: the overall ratio both ways
 * (strict, as AWS Config computes it, and without the accepted evaluations), the counts, and the
 * entries that need attention — expiring within 14 days, expired, or matching nothing. Only when an
 * exceptions file is configured.
 */
import type { SummaryExceptionEntry } from '../summaryExceptionsJson.js';
import { type Html, html } from './escape.js';
import type { HtmlSummary } from './summaryView.js';
import { countCell, dataTable, ratioCell } from './tables.js';

type Item = [label: string, value: Html];

/** Entries someone must look at, most urgent first: expired, then expiring, then unmatched. */
function attention(entries: readonly SummaryExceptionEntry[]): SummaryExceptionEntry[] {
  const rank = (e: SummaryExceptionEntry): number =>
    e.status === 'expired' ? 0 : e.status === 'expiring' ? 1 : e.matched === 0 ? 2 : 3;
  return entries
    .filter((e) => rank(e) < 3)
    .sort((a, b) => rank(a) - rank(b) || a.days_to_expiry - b.days_to_expiry);
}

const STATUS_WORDS: Record<SummaryExceptionEntry['status'], string> = {
  active: 'in force',
  expiring: 'expiring',
  expired: 'expired (no longer applied)',
};

/** The section; nothing when the summary has no `exceptions`. */
export function exceptionsSection(summary: HtmlSummary): Html | '' {
  const x = summary.exceptions;
  if (x === undefined) return '';
  const t = summary.thresholds;
  if (x.ignored !== undefined)
    return html`<section aria-labelledby="exceptions">
<h2 id="exceptions">Accepted exceptions</h2>
<p class="note">The exceptions file ${x.source} was not applied: ${x.ignored}</p>
</section>`;
  const items: Item[] = [
    [
      'Overall, strict (accepted counted as non-compliant, as AWS Config)',
      ratioCell(x.compliance_ratio_strict, t),
    ],
    ['Overall without accepted (left out of the ratio)', ratioCell(x.compliance_ratio_without_accepted, t)],
    ['Accepted non-compliant evaluations', countCell(x.accepted)],
    ['Entries expiring within 14 days', countCell(x.expiring)],
    ['Expired entries (no longer applied)', countCell(x.expired)],
    ['Entries in force that matched nothing', countCell(x.unmatched)],
  ];
  const entries = attention(x.entries);
  return html`<section aria-labelledby="exceptions">
<h2 id="exceptions">Accepted exceptions</h2>
${dataTable<Item>({
  caption: `Accepted exceptions (${x.source})`,
  columns: [
    { header: 'Item', cell: (r) => r[0], rowHeader: true },
    { header: 'Value', cell: (r) => r[1], numeric: true },
  ],
  rows: items,
})}
${
  entries.length === 0
    ? ''
    : dataTable<SummaryExceptionEntry>({
        caption: 'Entries to look at',
        columns: [
          { header: 'Entry', cell: (e) => e.entry, rowHeader: true },
          {
            header: 'Status',
            cell: (e) =>
              e.matched === 0 && e.status !== 'expired' ? 'matched nothing' : STATUS_WORDS[e.status],
          },
          { header: 'Expires', cell: (e) => e.expires },
          { header: 'Rule', cell: (e) => e.rule },
          { header: 'Owner', cell: (e) => e.owner },
          { header: 'Reason', cell: (e) => e.reason },
        ],
        rows: entries,
      })
}
<p class="note">Every other number on this page is strict: accepted evaluations stay non-compliant there.</p>
</section>`;
}
