/**
 * The ranked lists of the HTML summary: worst accounts (with a chart), worst rules (logical rules),
 * conformance packs (when any) and compliance by region.
 */
import type { SummaryCounts, SummaryJson } from '../summaryJson.js';
import { countText, type ThresholdsView } from '../summaryText.js';
import { ratioBarChart } from './charts.js';
import { type Html, html, name } from './escape.js';
import type { HtmlSummary } from './summaryView.js';
import { type Column, countCell, dataTable, ratioCell } from './tables.js';

type WorstAccount = SummaryJson['worst_accounts'][number];

/** The label of an account: its name, or its id when it has none. */
const accountLabel = (a: WorstAccount): string => a.account_name || a.account_id;

/** Worst accounts: chart and table, in the summary's order (lowest ratio first). */
export function worstAccountsSection(summary: HtmlSummary): Html {
  const t = summary.thresholds;
  const accounts = summary.worst_accounts;
  return html`<section aria-labelledby="worst-accounts">
<h2 id="worst-accounts">Worst accounts</h2>
${
  accounts.length > 0
    ? ratioBarChart({
        id: 'chart-worst-accounts',
        title: 'Worst accounts: compliance %',
        bars: accounts.map((a) => ({ label: accountLabel(a), ratio: a.compliance_ratio })),
        thresholds: t,
      })
    : ''
}
${dataTable<WorstAccount>({
  caption: `Worst accounts (lowest compliance %, top ${accounts.length})`,
  columns: [
    { header: 'Account', cell: (a) => name(accountLabel(a)), rowHeader: true },
    { header: 'Account ID', cell: (a) => a.account_id },
    { header: 'Environment', cell: (a) => a.environment },
    { header: 'Non-compliant', cell: (a) => countCell(a.non_compliant), numeric: true },
    { header: 'Compliant', cell: (a) => countCell(a.compliant), numeric: true },
    { header: 'Compliance %', cell: (a) => ratioCell(a.compliance_ratio, t), numeric: true },
  ],
  rows: accounts,
  empty: 'No account has compliant or non-compliant evaluations.',
})}
</section>`;
}

/** Columns for a list of scored entries (the counts the summary JSON carries for each). */
function countsColumns<T extends SummaryCounts>(t: ThresholdsView): Column<T>[] {
  return [
    { header: 'Non-compliant', cell: (r) => countCell(r.non_compliant), numeric: true },
    { header: 'Compliant', cell: (r) => countCell(r.compliant), numeric: true },
    { header: 'Not applicable', cell: (r) => countCell(r.not_applicable), numeric: true },
    { header: 'Insufficient data', cell: (r) => countCell(r.insufficient_data), numeric: true },
    { header: 'Compliance %', cell: (r) => ratioCell(r.compliance_ratio, t), numeric: true },
  ];
}

/** Worst rules: logical rules (one per rule deployed in many account-regions), most non-compliant first. */
export function worstRulesSection(summary: HtmlSummary): Html {
  const t = summary.thresholds;
  const rules = summary.worst_rules;
  const min = summary.worst_rules_min_evaluations;
  return html`<section aria-labelledby="worst-rules">
<h2 id="worst-rules">Worst rules</h2>
${dataTable<SummaryJson['worst_rules'][number]>({
  caption: `Worst rules (most non-compliant, top ${rules.length}; rules with at least ${min} compliant or non-compliant evaluations)`,
  columns: [
    { header: 'Rule', cell: (r) => name(r.rule_name), rowHeader: true },
    { header: 'Created by', cell: (r) => r.created_by },
    { header: 'Instances', cell: (r) => countCell(r.instances), numeric: true },
    { header: 'Accounts', cell: (r) => countCell(r.accounts), numeric: true },
    ...countsColumns(t),
  ],
  rows: rules,
  empty: `No rule with non-compliant results and ${min} or more evaluations.`,
})}
</section>`;
}

type Pack = SummaryJson['conformance_packs'][number];

/** Conformance packs shown; the Conformance packs sheet has every one. */
export const MAX_PACK_ROWS = 10;

/**
 * Conformance packs across accounts, as the summary orders them (worst first), with AWS's
 * compliance score and its band. Nothing when no shard reported a pack (or the summary predates them).
 */
export function conformancePacksSection(summary: HtmlSummary): Html | '' {
  const packs = summary.conformance_packs ?? [];
  if (packs.length === 0) return '';
  const t = summary.thresholds;
  const shown = packs.slice(0, MAX_PACK_ROWS);
  const more = packs.length - shown.length;
  return html`<section aria-labelledby="conformance-packs">
<h2 id="conformance-packs">Conformance packs</h2>
${dataTable<Pack>({
  caption: `Conformance packs (top ${shown.length} of ${packs.length})`,
  columns: [
    { header: 'Conformance pack', cell: (p) => name(p.pack_name), rowHeader: true },
    { header: 'Accounts', cell: (p) => countCell(p.accounts), numeric: true },
    {
      header: 'Non-compliant account-regions',
      cell: (p) => countCell(p.non_compliant_account_regions),
      numeric: true,
    },
    { header: 'Compliance score', cell: (p) => ratioCell(p.compliance_score, t), numeric: true },
  ],
  rows: shown,
  ...(more > 0 ? { note: `… and ${countText(more)} more in the Conformance packs sheet.` } : {}),
})}
</section>`;
}

/** Compliance by region. */
export function regionsSection(summary: HtmlSummary): Html {
  const t = summary.thresholds;
  return html`<section aria-labelledby="regions">
<h2 id="regions">By region</h2>
${dataTable<SummaryJson['regions'][number]>({
  caption: 'Compliance by region',
  columns: [{ header: 'Region', cell: (r) => r.region, rowHeader: true }, ...countsColumns(t)],
  rows: summary.regions,
  empty: 'No region was read.',
})}
</section>`;
}
