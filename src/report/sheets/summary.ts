/**
 * The Summary sheet: the first thing a security lead reads. Overall and Prod vs Non-Prod
 * compliance, what could not be read, the owners and OUs who must act (summaryWho.ts), the worst accounts and rules, regions, the colour
 * legend, and native charts. Every ratio sits in column G, the one column with red/yellow/green.
 * Engineer-only counts (shards, files, records read) live in About.
 *
 * The sheet is a list of blocks ({@link SUMMARY_BLOCKS}), one function each: a block appends its
 * rows (ending with a blank row) and may ask for a chart over rows it wrote; the charts are placed
 * down the right-hand side next to their blocks.
 */
import { totalOf } from '../../core/stats.js';
import type { ReportModel, Scored } from '../model.js';
import type { ChartSpec, WorkbookWriter } from '../xlsx/index.js';
import {
  header,
  int,
  note,
  pct,
  RATIO_COL,
  RATIO_HEADER,
  type Row,
  ratio,
  subtitle,
  summarySheetOptions,
} from './summaryCells.js';
import { exceptionsBlock } from './summaryExceptions.js';
import { organizationalUnitsBlock, topOwnersBlock } from './summaryWho.js';

/** Where charts go: columns I..P, each this many rows tall. */
const CHART_COLS = { fromCol: 8, toCol: 16 };
const CHART_ROWS = 18;

/** A chart a block asked for, before it is placed. */
interface PendingChart {
  spec: Omit<ChartSpec, 'anchor'>;
  /** Row (0-based) of the block's title: the chart starts there unless an earlier chart is in the way. */
  nearRow: number;
}

/** What the blocks build: the rows in order and the charts they asked for. */
export interface SummarySheet {
  rows: Row[];
  charts: PendingChart[];
}

/** One block of the Summary: appends its rows to `sheet` (and may add a chart). */
export type SummaryBlock = (sheet: SummarySheet, model: ReportModel) => void;

/** Rows `first..last` of the layout a chart reads (0-based, as the chart spec counts). */
interface Span {
  first: number;
  last: number;
}

const SCORED_HEADERS = ['Compliant', 'Non-compliant', 'Not applicable', 'Insufficient data', RATIO_HEADER];

function scoredCells(s: Scored): Row {
  return [
    int(s.counts.compliant),
    int(s.counts.nonCompliant),
    int(s.counts.notApplicable),
    int(s.counts.insufficientData),
    ratio(s.ratio),
  ];
}

/** A chart of the ratio column over `span`, labelled by column A, its axis fitted to the data. */
function ratioChart(
  sheet: SummarySheet,
  type: ChartSpec['type'],
  title: string,
  span: Span,
  color: string,
  nearRow: number,
): void {
  if (span.last < span.first) return;
  sheet.charts.push({
    nearRow,
    spec: {
      type,
      title,
      categories: { col: 0, firstRow: span.first, lastRow: span.last },
      series: [
        { name: RATIO_HEADER, values: { col: RATIO_COL, firstRow: span.first, lastRow: span.last }, color },
      ],
      percentAxis: true,
      fitAxis: true,
    },
  });
}

/** The red lines a setup failure puts above everything else (none for a healthy run). */
function setupFailureBlock(sheet: SummarySheet, model: ReportModel): void {
  const failure = model.setupFailure;
  if (!failure) return;
  sheet.rows.push(
    note(failure.message, 'alert'),
    note(`Likely causes: ${failure.likelyCauses.join('; ')}.`, 'alert'),
    [],
  );
}

function titleBlock(sheet: SummarySheet, model: ReportModel): void {
  sheet.rows.push(
    [{ value: `AWS Config compliance — ${model.groupId}`, style: 'title' }],
    note(`Report date ${model.reportDate} · generated ${model.generatedAt.toISOString()}`),
    note(
      "Compliance % counts rule–resource evaluations: compliant ÷ (compliant + non-compliant), as AWS Config's compliance score. Not applicable and insufficient data are counted but not in the ratio.",
    ),
    [],
  );
}

function environmentBlock(sheet: SummarySheet, model: ReportModel): void {
  const { rows } = sheet;
  const top = rows.length;
  rows.push(subtitle('Compliance by environment'));
  rows.push(header('Scope', 'Accounts', ...SCORED_HEADERS));
  const first = rows.length;
  rows.push([
    { value: 'Overall', style: 'subtitle' },
    int(model.accounts.length),
    ...scoredCells(model.overall),
  ]);
  for (const e of model.environments) rows.push([e.environment, int(e.accounts), ...scoredCells(e)]);
  ratioChart(sheet, 'column', 'Compliance % by environment', { first, last: rows.length - 1 }, '4472C4', top);
  rows.push([]);
}

/** What was read: account-regions read and not, accounts without an environment, evaluations. */
function coverageBlock(sheet: SummarySheet, model: ReportModel): void {
  const c = model.coverage.statusCounts;
  const notRead = Object.entries(c)
    .filter(([status]) => status !== 'OK')
    .reduce((sum, [, n]) => sum + (n ?? 0), 0);
  sheet.rows.push(
    subtitle('Coverage'),
    header('Item', 'Count'),
    ['Account-regions read completely (OK)', int(c.OK ?? 0)],
    ['Account-regions not read completely (see Coverage)', int(notRead)],
    ['Accounts without an environment (Unclassified)', int(model.unclassifiedAccounts.length)],
    // The Overall row also counts every deployed rule without results as insufficient data; these
    // three lines show how the evaluations read add up to its total.
    ['Evaluations (rule–resource results, after dedupe)', int(model.records.unique)],
    ['+ Rules with no results (counted as insufficient data)', int(model.records.rulesWithoutResults)],
    ['= Overall total (all four types)', int(totalOf(model.overall.counts))],
    [],
  );
}

/** The account-regions not read completely, one row per status (none when all were read). */
function coverageProblemsBlock(sheet: SummarySheet, model: ReportModel): void {
  const problems = Object.entries(model.coverage.statusCounts).filter(([status]) => status !== 'OK');
  if (problems.length === 0) return;
  sheet.rows.push(subtitle('Account-regions not read completely, by status'), header('Status', 'Count'));
  for (const [status, n] of problems) sheet.rows.push([status, int(n ?? 0)]);
  sheet.rows.push([]);
}

/**
 * _Evaluation age_: how many evaluations are older than `REPORT_STALE_DAYS` at report time (a
 * result Config has not refreshed may no longer describe the resource), how many of those are
 * non-compliant, and the oldest. The Non-Compliant sheet flags the same rows "stale".
 */
function staleBlock(sheet: SummarySheet, model: ReportModel): void {
  const s = model.stale;
  sheet.rows.push(
    subtitle('Evaluation age'),
    header('Item', 'Count'),
    [`Evaluations older than ${s.thresholdDays} days (stale)`, int(s.evaluations)],
    ['Stale share of evaluations', ratio(s.share)],
    ['Stale non-compliant evaluations', int(s.nonCompliant)],
    ['Oldest evaluation (days)', s.oldestDays === null ? null : int(s.oldestDays)],
    [],
  );
}

function worstAccountsBlock(sheet: SummarySheet, model: ReportModel): void {
  const { rows } = sheet;
  const top = rows.length;
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
  ratioChart(sheet, 'bar', 'Worst accounts — compliance %', { first, last: rows.length - 1 }, 'C00000', top);
  rows.push([]);
}

function worstRulesBlock(sheet: SummarySheet, model: ReportModel): void {
  // Logical rules (one per rule deployed in many account-regions), ranked by what needs fixing.
  const min = model.worstRulesMinEvaluations;
  sheet.rows.push(
    subtitle(
      `Worst rules (most non-compliant, top ${model.worstRules.length}; rules with at least ${min} compliant or non-compliant evaluations)`,
    ),
    header('Rule', 'Instances', ...SCORED_HEADERS),
  );
  for (const r of model.worstRules) sheet.rows.push([r.ruleName, int(r.instances), ...scoredCells(r)]);
  if (model.worstRules.length === 0)
    sheet.rows.push(note(`No rule with non-compliant results and ${min} or more evaluations`));
  sheet.rows.push([]);
}

function regionBlock(sheet: SummarySheet, model: ReportModel): void {
  sheet.rows.push(subtitle('By region'), header('Region', 'Evaluations', ...SCORED_HEADERS));
  for (const r of model.regions) {
    // Evaluations = all four types, as everywhere else (the JSON's `evaluations`, the Accounts sheet).
    sheet.rows.push([r.region, int(totalOf(r.counts)), ...scoredCells(r)]);
  }
  sheet.rows.push([]);
}

function legendBlock(sheet: SummarySheet, model: ReportModel): void {
  const { red, yellow } = model.thresholds;
  sheet.rows.push(
    subtitle('Legend'),
    [{ value: `Green: ${pct(yellow)} or more`, style: 'good' }],
    [{ value: `Yellow: ${pct(red)} to below ${pct(yellow)}`, style: 'warn' }],
    [{ value: `Red: below ${pct(red)}`, style: 'bad' }],
    note('Blank: no compliant or non-compliant evaluation (no data), never 0 %'),
  );
}

/** The Summary, top to bottom. */
export const SUMMARY_BLOCKS: readonly SummaryBlock[] = [
  setupFailureBlock,
  titleBlock,
  environmentBlock,
  (sheet, model) => exceptionsBlock(sheet.rows, model),
  coverageBlock,
  coverageProblemsBlock,
  staleBlock,
  (sheet, model) => topOwnersBlock(sheet.rows, model),
  (sheet, model) => organizationalUnitsBlock(sheet.rows, model),
  worstAccountsBlock,
  worstRulesBlock,
  regionBlock,
  legendBlock,
];

/** Places the charts down columns I..P, each beside its block or below the chart before it. */
function placeCharts(pending: readonly PendingChart[]): ChartSpec[] {
  let free = 0;
  return pending.map(({ spec, nearRow }) => {
    const fromRow = Math.max(nearRow, free);
    free = fromRow + CHART_ROWS + 1;
    return { ...spec, anchor: { ...CHART_COLS, fromRow, toRow: fromRow + CHART_ROWS } };
  });
}

/** Builds the rows and charts (pure; exported for tests). */
export function summaryLayout(model: ReportModel): { rows: Row[]; charts: ChartSpec[] } {
  const sheet: SummarySheet = { rows: [], charts: [] };
  for (const block of SUMMARY_BLOCKS) block(sheet, model);
  return { rows: sheet.rows, charts: placeCharts(sheet.charts) };
}

/** Writes the Summary sheet. */
export async function writeSummarySheet(writer: WorkbookWriter, model: ReportModel): Promise<string> {
  const { rows, charts } = summaryLayout(model);
  const sheet = await writer.addSheet({
    ...summarySheetOptions([52, 15, 13, 14, 14, 16, 14, 3], model.thresholds),
    charts,
    rowCount: rows.length,
    // One page wide: the lead prints whole tables with their charts.
    print: { orientation: 'landscape', fitToWidth: true },
  });
  for (const row of rows) await sheet.addRow(row);
  await sheet.close();
  return sheet.name;
}
