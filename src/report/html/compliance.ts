/**
 * The first section of the HTML summary, as on the Summary sheet: overall and per-environment
 * compliance as cards (ratio, band in words, counts), a chart, and the full table by environment.
 */
import type { SummaryCounts } from '../summaryJson.js';
import { bandOf, countText, percentText, type ThresholdsView } from '../summaryText.js';
import { ratioBarChart } from './charts.js';
import { type Html, html } from './escape.js';
import type { HtmlSummary } from './summaryView.js';
import { bandBadge, countCell, dataTable, ratioCell } from './tables.js';

/** One scope of the first section: Overall or an environment. */
interface Scope extends SummaryCounts {
  scope: string;
  accounts: number;
}

/** The environments that always get a card, present in the summary or not. */
const CARD_ENVIRONMENTS = ['Prod', 'Non-Prod'] as const;

/** What the band means, in words, for the card's reader. */
function bandRule(ratio: number | null, t: ThresholdsView): string {
  switch (bandOf(ratio, t)) {
    case 'red':
      return `below ${percentText(t.red_below)}`;
    case 'yellow':
      return `${percentText(t.red_below)} to below ${percentText(t.yellow_below)}`;
    case 'green':
      return `${percentText(t.yellow_below)} or more`;
    default:
      return 'nothing compliant or non-compliant to count';
  }
}

function card(s: Scope, t: ThresholdsView): Html {
  const band = bandOf(s.compliance_ratio, t);
  const id = `kpi-${s.scope.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const accounts = `${countText(s.accounts)} account${s.accounts === 1 ? '' : 's'}`;
  return html`<article class="kpi kpi-${band}" data-scope="${s.scope}" aria-labelledby="${id}">
<h3 id="${id}">${s.scope}</h3>
<p class="kpi-ratio"><data class="ratio" value="${s.compliance_ratio === null ? '' : String(s.compliance_ratio)}">${percentText(s.compliance_ratio)}</data></p>
<p>${bandBadge(band)} <span class="meta">${bandRule(s.compliance_ratio, t)}</span></p>
<p class="kpi-counts"><span data-count="compliant">${countText(s.compliant)}</span> compliant · <span data-count="non_compliant">${countText(s.non_compliant)}</span> non-compliant · ${accounts}</p>
</article>`;
}

const EMPTY_COUNTS: SummaryCounts = {
  evaluations: 0,
  compliant: 0,
  non_compliant: 0,
  not_applicable: 0,
  insufficient_data: 0,
  compliance_ratio: null,
};

/** Overall first, then every environment of the summary; Prod and Non-Prod always (empty if absent). */
function scopes(summary: HtmlSummary): Scope[] {
  const accounts = summary.environments.reduce((sum, e) => sum + e.accounts, 0);
  const environments: Scope[] = summary.environments.map(({ environment, ...e }) => ({
    scope: environment,
    ...e,
  }));
  for (const name of CARD_ENVIRONMENTS)
    if (!environments.some((e) => e.scope === name))
      environments.push({ scope: name, accounts: 0, ...EMPTY_COUNTS });
  return [{ scope: 'Overall', accounts, ...summary.overall }, ...environments];
}

/** The section: cards, the chart by environment, the table by environment. */
export function complianceSection(summary: HtmlSummary): Html {
  const t = summary.thresholds;
  const all = scopes(summary);
  // Cards for Overall, Prod and Non-Prod, and Unclassified only when some account is unclassified.
  const cards = all.filter((s) => s.scope !== 'Unclassified' || s.accounts > 0);
  return html`<section aria-labelledby="compliance">
<h2 id="compliance">Compliance</h2>
<p class="meta">Compliance % = compliant ÷ (compliant + non-compliant). Not applicable and insufficient data are counted but never in the ratio.</p>
<div class="kpis">
${cards.map((s) => card(s, t))}
</div>
${ratioBarChart({
  id: 'chart-environments',
  title: 'Compliance % by environment',
  bars: cards.map((s) => ({ label: s.scope, ratio: s.compliance_ratio })),
  thresholds: t,
})}
${dataTable<Scope>({
  caption: 'Compliance by environment',
  columns: [
    { header: 'Scope', cell: (s) => s.scope, rowHeader: true },
    { header: 'Accounts', cell: (s) => countCell(s.accounts), numeric: true },
    { header: 'Compliant', cell: (s) => countCell(s.compliant), numeric: true },
    { header: 'Non-compliant', cell: (s) => countCell(s.non_compliant), numeric: true },
    { header: 'Not applicable', cell: (s) => countCell(s.not_applicable), numeric: true },
    { header: 'Insufficient data', cell: (s) => countCell(s.insufficient_data), numeric: true },
    { header: 'Compliance %', cell: (s) => ratioCell(s.compliance_ratio, t), numeric: true },
  ],
  rows: all,
})}
</section>`;
}
