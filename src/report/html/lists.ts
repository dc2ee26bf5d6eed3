/**
 * The ranked lists of the HTML summary: worst accounts (with a chart), worst rules (by logical rule
 * when the summary has them), top owners (when the summary has them) and compliance by region.
 */
import type { SummaryCounts, SummaryJson } from '../summaryJson.js';
import type { ThresholdsView } from '../summaryText.js';
import { ratioBarChart } from './charts.js';
import { type Html, html, name } from './escape.js';
import { type RatedRow, topOwners, worstLogicalRules } from './optional.js';
import { type Column, countCell, dataTable, ratioCell } from './tables.js';

type WorstAccount = SummaryJson['worst_accounts'][number];

/** The label of an account: its name, or its id when it has none. */
const accountLabel = (a: WorstAccount): string => a.account_name || a.account_id;

/** Worst accounts: chart and table, in the summary's order (lowest ratio first). */
export function worstAccountsSection(summary: SummaryJson): Html {
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

/** Columns for optional rated rows: only the counts some row carries. */
function ratedColumns(rows: readonly RatedRow[], t: ThresholdsView): Column<RatedRow>[] {
  const has = (field: 'accounts' | 'compliant' | 'non_compliant') => rows.some((r) => r[field] !== undefined);
  const count = (field: 'accounts' | 'compliant' | 'non_compliant') => (r: RatedRow) => {
    const n = r[field];
    return n === undefined ? '' : countCell(n);
  };
  const columns: Column<RatedRow>[] = [];
  if (has('accounts')) columns.push({ header: 'Accounts', cell: count('accounts'), numeric: true });
  if (has('non_compliant'))
    columns.push({ header: 'Non-compliant', cell: count('non_compliant'), numeric: true });
  if (has('compliant')) columns.push({ header: 'Compliant', cell: count('compliant'), numeric: true });
  columns.push({ header: 'Compliance %', cell: (r) => ratioCell(r.compliance_ratio, t), numeric: true });
  return columns;
}

/** Worst rules: by logical rule when the summary has that list, else by rule name. */
export function worstRulesSection(summary: SummaryJson): Html {
  const t = summary.thresholds;
  const logical = worstLogicalRules(summary);
  const table =
    logical !== undefined
      ? dataTable<RatedRow>({
          caption: `Worst rules (lowest compliance %, top ${logical.length})`,
          columns: [
            { header: 'Rule', cell: (r) => name(r.label), rowHeader: true },
            ...ratedColumns(logical, t),
          ],
          rows: logical,
          empty: 'No rule has compliant or non-compliant evaluations.',
        })
      : dataTable<SummaryJson['worst_rules'][number]>({
          caption: `Worst rules (lowest compliance %, top ${summary.worst_rules.length})`,
          columns: [{ header: 'Rule', cell: (r) => name(r.rule_name), rowHeader: true }, ...countsColumns(t)],
          rows: summary.worst_rules,
          empty: 'No rule has compliant or non-compliant evaluations.',
        });
  return html`<section aria-labelledby="worst-rules">
<h2 id="worst-rules">Worst rules</h2>
${table}
</section>`;
}

/** Top owners by non-compliant evaluations, when the summary carries them (else nothing). */
export function topOwnersSection(summary: SummaryJson): Html | '' {
  const owners = topOwners(summary);
  if (owners === undefined) return '';
  const t = summary.thresholds;
  return html`<section aria-labelledby="top-owners">
<h2 id="top-owners">Top owners</h2>
${dataTable<RatedRow>({
  caption: `Top owners by non-compliant evaluations (${summary.owners.tag_key})`,
  columns: [{ header: 'Owner', cell: (r) => name(r.label), rowHeader: true }, ...ratedColumns(owners, t)],
  rows: owners,
  empty: 'No owner has non-compliant evaluations.',
})}
</section>`;
}

/** Compliance by region. */
export function regionsSection(summary: SummaryJson): Html {
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
