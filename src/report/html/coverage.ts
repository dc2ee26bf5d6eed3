/**
 * Coverage and data quality in the HTML summary: how many coverage problems (the number the CLI and
 * the headline give), account-regions by status, each problem with its reason, missing shards, and
 * the counts that say how far the numbers can be trusted (shards, records, untagged evaluations).
 */
import type { SummaryJson } from '../summaryJson.js';
import { countText, coverageProblemCount, percentText } from '../summaryText.js';
import { type Html, html } from './escape.js';
import type { HtmlSummary } from './summaryView.js';
import { countCell, dataTable } from './tables.js';

/** Problem rows shown; the Coverage sheet of the workbook has every one. */
export const MAX_PROBLEM_ROWS = 100;

type Problem = SummaryJson['coverage']['problems'][number];

function problemsTable(problems: readonly Problem[], caption: string, workbook: string): Html {
  const shown = problems.slice(0, MAX_PROBLEM_ROWS);
  const more = problems.length - shown.length;
  return dataTable<Problem>({
    caption,
    columns: [
      { header: 'Status', cell: (p) => p.status },
      { header: 'Account', cell: (p) => html`<bdi>${p.account_name}</bdi>`, rowHeader: true },
      { header: 'Account ID', cell: (p) => p.account_id },
      { header: 'Region', cell: (p) => p.region },
      { header: 'Reason', cell: (p) => html`<span class="reason">${p.reason}</span>`, wide: true },
    ],
    rows: shown,
    ...(more > 0 ? { note: `… and ${countText(more)} more in the Coverage sheet of ${workbook}.` } : {}),
  });
}

function headline(summary: HtmlSummary): Html {
  const problems = coverageProblemCount(summary);
  if (problems === 0)
    return html`<p class="kpi-inline"><data data-kpi="coverage-problems" value="0">No</data> coverage problems: every expected account-region was read.</p>`;
  return html`<p class="kpi-inline"><strong><data data-kpi="coverage-problems" value="${problems}">${countText(problems)}</data> coverage problem${problems === 1 ? '' : 's'}</strong>: account-regions or shards that could not be read completely. Their numbers are missing from the ratios above.</p>`;
}

/** The coverage section. `workbook` is the workbook's file name (where every row is). */
export function coverageSection(summary: HtmlSummary, workbook: string): Html {
  const { coverage } = summary;
  const statuses = Object.entries(coverage.account_region_status).map(([status, n]) => ({
    status,
    n: n ?? 0,
  }));
  const problems = coverage.problems.filter((p) => p.status !== 'SKIPPED');
  const skipped = coverage.problems.filter((p) => p.status === 'SKIPPED');
  return html`<section aria-labelledby="coverage">
<h2 id="coverage">Coverage</h2>
${headline(summary)}
${
  summary.shards.accepted === 0
    ? html`<p class="alert">No shard was accepted for this group (${countText(summary.shards.listed)} listed, ${countText(summary.shards.rejected)} rejected): the report is empty.</p>`
    : ''
}
${dataTable({
  caption: 'Account-regions by status',
  columns: [
    { header: 'Status', cell: (s: { status: string; n: number }) => s.status, rowHeader: true },
    { header: 'Account-regions', cell: (s) => countCell(s.n), numeric: true },
  ],
  rows: statuses,
  empty: 'No account-region was reported.',
})}
${problems.length > 0 ? problemsTable(problems, 'Coverage problems', workbook) : ''}
${dataTable({
  caption: 'Missing shards',
  columns: [
    {
      header: 'Shard',
      cell: (m: SummaryJson['coverage']['missing_shards'][number]) => m.shard_id,
      rowHeader: true,
    },
    { header: 'Accounts', cell: (m) => countCell(m.accounts), numeric: true },
    { header: 'Reason', cell: (m) => html`<span class="reason">${m.reason}</span>`, wide: true },
  ],
  rows: coverage.missing_shards,
  empty: 'No shard is missing.',
})}
${skipped.length > 0 ? problemsTable(skipped, 'Not collected (suspended, closed or excluded accounts)', workbook) : ''}
</section>`;
}

/** Shards, records and tags: how far the numbers can be trusted (the Summary sheet's data quality rows). */
export function dataQualitySection(summary: HtmlSummary): Html {
  const { shards, records, owners } = summary;
  const received =
    shards.expected === null
      ? 'Shards received (no plan: expected unknown)'
      : `Shards received of ${countText(shards.expected)} expected`;
  const rows: [string, Html | string][] = [
    [received, countCell(shards.accepted)],
    ['Shards missing (never arrived or rejected)', countCell(shards.missing)],
    ['Files rejected', countCell(shards.rejected)],
    ['Accounts unclassified (no environment)', countCell(summary.unclassified_accounts.length)],
    ['Evaluations (after dedupe)', countCell(records.unique)],
    ['Duplicates dropped', countCell(records.duplicates_dropped)],
    ['Invalid records left out', countCell(records.invalid)],
    [`Evaluations without ${owners.tag_key} (untagged)`, countCell(owners.untagged_evaluations)],
    ['Untagged share of evaluations', percentText(owners.untagged_share)],
    ['Untagged non-compliant evaluations', countCell(owners.untagged_non_compliant)],
  ];
  return html`<section aria-labelledby="data-quality">
<h2 id="data-quality">Data quality</h2>
${dataTable({
  caption: 'Shards, records and owner tags',
  columns: [
    { header: 'Item', cell: (r: [string, Html | string]) => r[0], rowHeader: true },
    { header: 'Count', cell: (r) => r[1], numeric: true },
  ],
  rows,
})}
${
  summary.warnings.length > 0
    ? html`<h3>Warnings</h3><ul>${summary.warnings.map((w) => html`<li class="reason">${w}</li>`)}</ul>`
    : ''
}
</section>`;
}
