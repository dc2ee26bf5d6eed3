/**
 * The Summary sheet: the first thing a security lead reads. Overall and Prod vs Non-Prod
 * compliance, coverage at a glance, the worst accounts and rules, regions, the colour legend, and
 * two native charts. Every ratio sits in column G, the one column with red/yellow/green.
 */
import { ratioRule } from '../columns.js';
import type { ReportModel, Scored } from '../model.js';
import type { CellValue, ChartSpec, WorkbookWriter } from '../xlsx/index.js';

const RATIO_COL = 6;
const RATIO_HEADER = 'Compliance %';

type Row = CellValue[];

const pct = (n: number): string => `${Math.round(n * 1000) / 10}%`;
const subtitle = (text: string): Row => [{ value: text, style: 'subtitle' }];
const header = (...labels: string[]): Row => labels.map((value) => ({ value, style: 'header' as const }));
const int = (value: number): CellValue => ({ value, style: 'integer' });
const ratio = (value: number | null): CellValue => (value === null ? null : { value, style: 'percent' });

function scoredCells(s: Scored): Row {
  return [
    int(s.counts.compliant),
    int(s.counts.nonCompliant),
    int(s.counts.notApplicable),
    int(s.counts.insufficientData),
    ratio(s.ratio),
  ];
}

/** The red lines a setup failure puts above everything else (none for a healthy run). */
function setupFailureRows(model: ReportModel): Row[] {
  const failure = model.setupFailure;
  if (!failure) return [];
  return [
    // Red fill on column A; the text runs on to the right (the cells beside it are empty).
    [{ value: failure.message, style: 'bad' }],
    [{ value: `Likely causes: ${failure.likelyCauses.join('; ')}.`, style: 'bad' }],
    [],
  ];
}

/** Rows `first..last` of the layout a chart reads (0-based, as the chart spec counts). */
interface Span {
  first: number;
  last: number;
}

const SCORED_HEADERS = ['Compliant', 'Non-compliant', 'Not applicable', 'Insufficient data', RATIO_HEADER];

function titleRows(rows: Row[], model: ReportModel): void {
  rows.push([{ value: `AWS Config compliance — ${model.groupId}`, style: 'title' }]);
  rows.push([
    {
      value: `Report date ${model.reportDate} · generated ${model.generatedAt.toISOString()} · compliance % = compliant ÷ (compliant + non-compliant); not applicable and insufficient data are not in the ratio`,
      style: 'muted',
    },
  ]);
  rows.push([]);
}

function environmentRows(rows: Row[], model: ReportModel): Span {
  rows.push(subtitle('Compliance by environment'));
  rows.push(header('Scope', 'Accounts', ...SCORED_HEADERS));
  const first = rows.length;
  rows.push([
    { value: 'Overall', style: 'subtitle' },
    int(model.accounts.length),
    ...scoredCells(model.overall),
  ]);
  for (const e of model.environments) rows.push([e.environment, int(e.accounts), ...scoredCells(e)]);
  const span = { first, last: rows.length - 1 };
  rows.push([]);
  return span;
}

function coverageRows(rows: Row[], model: ReportModel): void {
  rows.push(subtitle('Coverage and data quality'));
  rows.push(header('Item', 'Count'));
  const c = model.coverage.statusCounts;
  const problems = Object.entries(c)
    .filter(([status]) => status !== 'OK')
    .reduce((sum, [, n]) => sum + (n ?? 0), 0);
  const shardLine =
    model.shards.expected === null
      ? 'Shards received (no plan: expected unknown)'
      : `Shards received of ${model.shards.expected} expected`;
  const lines: [string, CellValue][] = [
    [shardLine, int(model.shards.accepted)],
    ['Shards missing (never arrived or rejected)', int(model.shards.missing)],
    ['Files rejected', int(model.shards.rejected)],
    ['Account-regions read completely (OK)', int(c.OK ?? 0)],
    ['Account-regions with problems (see Coverage)', int(problems)],
    ['Accounts unclassified (no environment)', int(model.unclassifiedAccounts.length)],
    ['Evaluations (after dedupe)', int(model.records.unique)],
    ['Duplicates dropped', int(model.records.duplicatesDropped)],
    ['Invalid records left out', int(model.records.invalid)],
    [`Evaluations without ${model.ownerTagKey} (untagged)`, int(model.untagged.evaluations)],
    ['Untagged share of evaluations', ratio(model.untagged.share)],
    ['Untagged non-compliant evaluations', int(model.untagged.nonCompliant)],
  ];
  for (const [label, value] of lines) rows.push([label, value]);
  for (const [status, n] of Object.entries(c)) if (status !== 'OK') rows.push([`  ${status}`, int(n ?? 0)]);
  rows.push([]);
}

function worstAccountRows(rows: Row[], model: ReportModel): Span {
  rows.push(subtitle(`Worst accounts (lowest compliance %, top ${model.worstAccounts.length})`));
  rows.push(
    header('Account', 'Account ID', 'Environment', 'Non-compliant', 'Compliant', 'Coverage', RATIO_HEADER),
  );
  const first = rows.length;
  for (const a of model.worstAccounts)
    rows.push([
      a.accountName || a.accountId,
      a.accountId,
      a.environment,
      int(a.counts.nonCompliant),
      int(a.counts.compliant),
      a.coverage,
      ratio(a.ratio),
    ]);
  const span = { first, last: rows.length - 1 };
  rows.push([]);
  return span;
}

function ruleAndRegionRows(rows: Row[], model: ReportModel): void {
  // Logical rules (one per rule deployed in many account-regions), ranked by what needs fixing.
  const min = model.worstRulesMinEvaluations;
  rows.push(
    subtitle(
      `Worst rules (most non-compliant, top ${model.worstRules.length}; rules with at least ${min} compliant or non-compliant evaluations)`,
    ),
  );
  rows.push(header('Rule', 'Instances', ...SCORED_HEADERS));
  for (const r of model.worstRules) rows.push([r.ruleName, int(r.instances), ...scoredCells(r)]);
  if (model.worstRules.length === 0)
    rows.push([
      { value: `No rule with non-compliant results and ${min} or more evaluations`, style: 'muted' },
    ]);
  rows.push([]);
  rows.push(subtitle('By region'));
  rows.push(header('Region', 'Evaluations', ...SCORED_HEADERS));
  for (const r of model.regions) {
    const evaluations = r.counts.compliant + r.counts.nonCompliant + r.counts.notApplicable;
    rows.push([r.region, int(evaluations), ...scoredCells(r)]);
  }
  rows.push([]);
}

function legendRows(rows: Row[], model: ReportModel): void {
  const { red, yellow } = model.thresholds;
  rows.push(subtitle('Legend'));
  rows.push([{ value: `Green: ${pct(yellow)} or more`, style: 'good' }]);
  rows.push([{ value: `Yellow: ${pct(red)} to below ${pct(yellow)}`, style: 'warn' }]);
  rows.push([{ value: `Red: below ${pct(red)}`, style: 'bad' }]);
  rows.push([
    { value: 'Blank: no compliant or non-compliant evaluation (no data), never 0 %', style: 'muted' },
  ]);
}

/** A chart of the ratio column over `span`, labelled by column A. */
function ratioChart(
  type: ChartSpec['type'],
  title: string,
  span: Span,
  color: string,
  anchor: ChartSpec['anchor'],
): ChartSpec {
  return {
    type,
    title,
    categories: { col: 0, firstRow: span.first, lastRow: span.last },
    series: [
      { name: RATIO_HEADER, values: { col: RATIO_COL, firstRow: span.first, lastRow: span.last }, color },
    ],
    anchor,
    percentAxis: true,
  };
}

/** Builds the rows and charts (pure; exported for tests). */
export function summaryLayout(model: ReportModel): { rows: Row[]; charts: ChartSpec[] } {
  const rows: Row[] = [...setupFailureRows(model)];
  titleRows(rows, model);
  const environments = environmentRows(rows, model);
  coverageRows(rows, model);
  const worst = worstAccountRows(rows, model);
  ruleAndRegionRows(rows, model);
  legendRows(rows, model);
  const charts = [
    ratioChart('column', 'Compliance % by environment', environments, '4472C4', {
      fromCol: 8,
      fromRow: 3,
      toCol: 16,
      toRow: 20,
    }),
  ];
  if (worst.last >= worst.first)
    charts.push(
      ratioChart('bar', 'Worst accounts — compliance %', worst, 'C00000', {
        fromCol: 8,
        fromRow: 21,
        toCol: 16,
        toRow: 40,
      }),
    );
  return { rows, charts };
}

/** Writes the Summary sheet. */
export async function writeSummarySheet(writer: WorkbookWriter, model: ReportModel): Promise<string> {
  const { rows, charts } = summaryLayout(model);
  const sheet = await writer.addSheet({
    name: 'Summary',
    tabColor: '70AD47',
    header: false,
    autoFilter: false,
    freezeHeader: false,
    columns: [
      { header: '', width: 46 },
      { header: '', width: 15 },
      { header: '', width: 13 },
      { header: '', width: 14 },
      { header: '', width: 14 },
      { header: '', width: 16 },
      { header: '', width: 14 },
      { header: '', width: 3 },
    ],
    // The header labels share the ratio column; a neutral fill keeps Excel from painting them green
    // (text compares greater than any number in a cellIs rule).
    conditional: [
      { kind: 'textEquals', column: RATIO_COL, matches: [{ value: RATIO_HEADER, fill: 'neutral' }] },
      ratioRule(RATIO_COL, model.thresholds),
    ],
    charts,
  });
  for (const row of rows) await sheet.addRow(row);
  await sheet.close();
  return sheet.name;
}
