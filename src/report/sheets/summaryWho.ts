/**
 * The Summary's "who must act" blocks: the owners (resource tag `REPORT_OWNER_TAG`) with the most
 * non-compliant evaluations, with the untagged remainder beside them, and the organizational units.
 * Each block is self-contained (its own title, header and rows) so the Summary can place it
 * anywhere; ratios stay in column G like every other Summary ratio.
 */
import type { ReportModel, Scored } from '../model.js';
import { header, int, ratio as percent, RATIO_HEADER, type Row } from './summaryCells.js';

const shareOf = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** Accounts, non-compliant, resources, compliant, share of all non-compliant, Compliance % (B–G). */
function workCells(
  s: Scored & { accounts: number; nonCompliantResources: number },
  allNonCompliant: number,
): Row {
  return [
    int(s.accounts),
    int(s.counts.nonCompliant),
    int(s.nonCompliantResources),
    int(s.counts.compliant),
    percent(shareOf(s.counts.nonCompliant, allNonCompliant)),
    percent(s.ratio),
  ];
}

const WORK_HEADERS = [
  'Accounts',
  'Non-compliant',
  'Non-compliant resources',
  'Compliant',
  'Share of non-compliant',
  RATIO_HEADER,
];

/**
 * "Top owners by non-compliant": the overall non-compliant evaluations and distinct resources,
 * the top owners (most non-compliant first), then the untagged resources' row — the findings
 * nobody is named for — with their share of all non-compliant evaluations.
 */
export function topOwnersBlock(rows: Row[], model: ReportModel): void {
  const tag = model.ownerTagKey;
  const all = model.overall.counts.nonCompliant;
  rows.push([
    { value: `Top owners by non-compliant (${tag}, top ${model.topOwners.length})`, style: 'subtitle' },
  ]);
  rows.push(['Non-compliant evaluations', int(all)]);
  rows.push(['Non-compliant resources (distinct)', int(model.nonCompliantResources)]);
  rows.push([`Evaluations without ${tag} (untagged)`, int(model.untagged.evaluations)]);
  rows.push(['Untagged share of evaluations', percent(model.untagged.share)]);
  rows.push(header('Owner', ...WORK_HEADERS));
  for (const owner of model.topOwners) rows.push([owner.owner, ...workCells(owner, all)]);
  if (model.topOwners.length === 0)
    rows.push([{ value: `No resource tagged ${tag} has a non-compliant evaluation`, style: 'muted' }]);
  const u = model.untagged;
  rows.push([
    { value: `Untagged (no ${tag})`, style: 'subtitle' },
    int(u.accounts),
    int(u.nonCompliant),
    int(u.nonCompliantResources),
    null,
    percent(u.nonCompliantShare),
    null,
  ]);
  rows.push([]);
}

/**
 * "Compliance by OU": the accounts directly in each OU path, most non-compliant first, top
 * `REPORT_TOP_N` (the summary JSON has them all). Nothing when no account has an OU path.
 */
export function organizationalUnitsBlock(rows: Row[], model: ReportModel): void {
  const ous = model.organizationalUnits;
  if (ous.length === 0) return;
  const shown = ous.slice(0, Math.max(0, model.topN));
  const all = model.overall.counts.nonCompliant;
  rows.push([
    {
      value: `Compliance by OU (accounts directly in each OU; top ${shown.length} of ${ous.length})`,
      style: 'subtitle',
    },
  ]);
  rows.push(header('OU path', ...WORK_HEADERS));
  for (const ou of shown) rows.push([ou.ouPath, ...workCells(ou, all)]);
  rows.push([]);
}
