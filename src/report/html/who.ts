/**
 * Who must act, as on the Summary sheet (src/report/sheets/summaryWho.ts): the owners (resource tag
 * `REPORT_OWNER_TAG`) with the most non-compliant evaluations, with the untagged remainder beside
 * them, and compliance by organizational unit. Each row says how much of all non-compliant work is
 * its own and on how many distinct resources.
 */
import { countText } from '../summaryText.js';
import { type Html, html, name } from './escape.js';
import type { HtmlSummary } from './summaryView.js';
import { type Column, countCell, dataTable, ratioCell, shareCell } from './tables.js';

/** OUs shown; the summary JSON has every one, and the Accounts sheet each account's OU path. */
export const MAX_OU_ROWS = 10;

/** One row of work: an owner, an OU, or the untagged remainder (which has no accounts or ratio). */
interface WorkRow {
  label: Html;
  accounts?: number;
  non_compliant: number;
  non_compliant_resources: number;
  compliant?: number;
  /** Its non-compliant evaluations ÷ all non-compliant evaluations. */
  share: number | null;
  compliance_ratio?: number | null;
}

const optionalCount = (n: number | undefined): Html | '' => (n === undefined ? '' : countCell(n));
const shareOf = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function workColumns(first: string, summary: HtmlSummary): Column<WorkRow>[] {
  const t = summary.thresholds;
  return [
    { header: first, cell: (r) => r.label, rowHeader: true },
    { header: 'Accounts', cell: (r) => optionalCount(r.accounts), numeric: true },
    { header: 'Non-compliant', cell: (r) => countCell(r.non_compliant), numeric: true },
    { header: 'Non-compliant resources', cell: (r) => countCell(r.non_compliant_resources), numeric: true },
    { header: 'Compliant', cell: (r) => optionalCount(r.compliant), numeric: true },
    { header: 'Share of non-compliant', cell: (r) => shareCell(r.share), numeric: true },
    {
      header: 'Compliance %',
      cell: (r) => (r.compliance_ratio === undefined ? '' : ratioCell(r.compliance_ratio, t)),
      numeric: true,
    },
  ];
}

/** A scored entry of the summary (an owner, an OU) as a row of work. */
function workRow(
  label: string,
  entry: {
    accounts: number;
    non_compliant: number;
    non_compliant_resources: number;
    compliant: number;
    compliance_ratio: number | null;
  },
  allNonCompliant: number,
): WorkRow {
  return {
    label: name(label),
    accounts: entry.accounts,
    non_compliant: entry.non_compliant,
    non_compliant_resources: entry.non_compliant_resources,
    compliant: entry.compliant,
    share: shareOf(entry.non_compliant, allNonCompliant),
    compliance_ratio: entry.compliance_ratio,
  };
}

/**
 * Top owners by non-compliant evaluations, then the untagged row: the findings nobody is named for,
 * with their share of all non-compliant evaluations. Nothing for a summary without `top_owners`.
 */
export function topOwnersSection(summary: HtmlSummary): Html | '' {
  const owners = summary.top_owners;
  if (owners === undefined) return '';
  const tag = summary.owners.tag_key;
  const all = summary.overall.non_compliant;
  const untagged: WorkRow = {
    label: html`Untagged (no <bdi>${tag}</bdi>)`,
    non_compliant: summary.owners.untagged_non_compliant,
    non_compliant_resources: summary.owners.untagged_non_compliant_resources,
    share: summary.owners.untagged_non_compliant_share,
  };
  const rows = [...owners.map((o) => workRow(o.owner, o, all)), untagged];
  return html`<section aria-labelledby="top-owners">
<h2 id="top-owners">Top owners</h2>
<p><data data-kpi="non-compliant" value="${all}">${countText(all)}</data> non-compliant evaluations on <data data-kpi="non-compliant-resources" value="${summary.records.non_compliant_resources}">${countText(summary.records.non_compliant_resources)}</data> distinct resources.</p>
${owners.length === 0 ? html`<p class="empty">No resource tagged <bdi>${tag}</bdi> has a non-compliant evaluation.</p>` : ''}
${dataTable<WorkRow>({
  caption: `Top owners by non-compliant (${tag}, top ${owners.length})`,
  columns: workColumns('Owner', summary),
  rows,
})}
</section>`;
}

/**
 * Compliance by OU (the accounts directly in each OU path), most non-compliant first, the first
 * {@link MAX_OU_ROWS}. Nothing when no account has an OU path.
 */
export function organizationalUnitsSection(summary: HtmlSummary): Html | '' {
  const ous = summary.organizational_units ?? [];
  if (ous.length === 0) return '';
  const shown = ous.slice(0, MAX_OU_ROWS);
  const more = ous.length - shown.length;
  const all = summary.overall.non_compliant;
  return html`<section aria-labelledby="organizational-units">
<h2 id="organizational-units">Compliance by OU</h2>
${dataTable<WorkRow>({
  caption: `Compliance by OU (accounts directly in each OU; top ${shown.length} of ${ous.length})`,
  columns: workColumns('OU path', summary),
  rows: shown.map((ou) => workRow(ou.ou_path, ou, all)),
  ...(more > 0
    ? {
        note: `… and ${countText(more)} more OUs in the summary JSON; the Accounts sheet has each account's OU path.`,
      }
    : {}),
})}
</section>`;
}
