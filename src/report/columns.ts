/**
 * Column layouts of the evaluation tables (Non-Compliant, Details and the CSV), as data: header,
 * width, style and how a row fills the cell. Sheets and the CSV share them so they never disagree.
 */

import { configTimelineUrl } from './consoleLink.js';
import type { DetailRow } from './model.js';
import {
  type CellValue,
  type ColumnSpec,
  type ConditionalRule,
  dateCell,
  hyperlinkCell,
} from './xlsx/index.js';

/** One evaluation column: the sheet spec, the sheet cell, and the CSV text. */
export interface EvaluationColumn {
  spec: ColumnSpec;
  cell(row: DetailRow): CellValue;
  csv(row: DetailRow): string;
}

const text = (
  header: string,
  width: number,
  get: (r: DetailRow) => string,
  wrap = false,
): EvaluationColumn => ({
  spec: { header, width, style: wrap ? 'textWrap' : 'text' },
  cell: get,
  csv: get,
});

/** Age at report time in whole days: a number in the sheet, digits in the CSV. */
const AGE_COLUMN: EvaluationColumn = {
  spec: { header: 'Age (days)', width: 11, style: 'integer' },
  cell: (r) => r.ageDays,
  csv: (r) => String(r.ageDays),
};

/** `stale` on a yellow fill past `REPORT_STALE_DAYS`, empty otherwise (filter on it). */
const STALE_COLUMN: EvaluationColumn = {
  spec: { header: 'Stale', width: 8, style: 'text' },
  cell: (r) => (r.stale ? { value: 'stale', style: 'warn' } : null),
  csv: (r) => (r.stale ? 'stale' : ''),
};

const timelineUrl = (r: DetailRow): string | null =>
  configTimelineUrl(r.region, r.resourceType, r.resourceId);

/**
 * The resource's timeline in the Config console: a `HYPERLINK` formula showing "Open" in the sheet
 * (plain text when too long for one), the URL itself in the CSV. It starts with `https:`, so the
 * CSV formula guard leaves it as it is.
 */
const CONSOLE_LINK_COLUMN: EvaluationColumn = {
  spec: { header: 'Console link', width: 12, style: 'text' },
  cell: (r) => {
    const url = timelineUrl(r);
    return url === null ? null : hyperlinkCell(url, 'Open');
  },
  csv: (r) => timelineUrl(r) ?? '',
};

/** `columns` with `column` inserted after the one headed `after`. */
function insertAfter(
  columns: readonly EvaluationColumn[],
  after: string,
  column: EvaluationColumn,
): EvaluationColumn[] {
  const at = columns.findIndex((c) => c.spec.header === after);
  if (at < 0) throw new Error(`no column "${after}" to insert "${column.spec.header}" after`);
  return [...columns.slice(0, at + 1), column, ...columns.slice(at + 1)];
}

/** The Details columns, in order. Times are real dates in the sheet and ISO-8601 text in the CSV. */
export const DETAIL_COLUMNS: readonly EvaluationColumn[] = [
  text('Account name', 24, (r) => r.accountName),
  text('Account ID', 15, (r) => r.accountId),
  text('Environment', 13, (r) => r.environment),
  text('Region', 14, (r) => r.region),
  text('Rule', 36, (r) => r.ruleName),
  text('Resource type', 28, (r) => r.resourceType),
  text('Resource ID', 40, (r) => r.resourceId),
  text('Compliance', 18, (r) => r.compliance),
  text('Annotation', 48, (r) => r.annotation),
  {
    spec: { header: 'Result recorded (UTC)', width: 20, style: 'datetime' },
    cell: (r) => dateCell(r.recordedMs),
    csv: (r) => r.recordedIso,
  },
  AGE_COLUMN,
  {
    spec: { header: 'Rule invoked (UTC)', width: 20, style: 'datetime' },
    cell: (r) => dateCell(r.invokedMs),
    csv: (r) => r.invokedIso,
  },
  // Owners are usually e-mail addresses or team names: 30 shows most whole.
  text('Owner', 30, (r) => r.owner),
  text('Ownership tags', 40, (r) => r.tags),
];

/**
 * The Non-Compliant columns: Details without the compliance type and invoked time, plus the console
 * link beside the resource it opens and the stale flag beside the age.
 */
export const NON_COMPLIANT_COLUMNS: readonly EvaluationColumn[] = insertAfter(
  insertAfter(
    DETAIL_COLUMNS.filter((c) => c.spec.header !== 'Compliance' && c.spec.header !== 'Rule invoked (UTC)'),
    'Resource ID',
    CONSOLE_LINK_COLUMN,
  ),
  'Age (days)',
  STALE_COLUMN,
);

/**
 * The details CSV's columns: Details plus the console link as a plain URL (a CSV cannot hold a
 * link; spreadsheets and terminals make a bare URL clickable). Like the workbook, only NON_COMPLIANT
 * rows get one: a link on every row made the CSV about 60% bigger and twice as slow to write, for
 * rows with nothing to act on.
 */
export const CSV_COLUMNS: readonly EvaluationColumn[] = [
  ...DETAIL_COLUMNS,
  {
    ...CONSOLE_LINK_COLUMN,
    csv: (r) => (r.compliance === 'NON_COMPLIANT' ? CONSOLE_LINK_COLUMN.csv(r) : ''),
  },
];

/** Fills of compliance-type cells. */
export function complianceTypeRule(column: number): ConditionalRule {
  return {
    kind: 'textEquals',
    column,
    matches: [
      { value: 'COMPLIANT', fill: 'good' },
      { value: 'NON_COMPLIANT', fill: 'bad' },
      { value: 'INSUFFICIENT_DATA', fill: 'warn' },
      { value: 'NOT_APPLICABLE', fill: 'neutral' },
    ],
  };
}

/** Fills of coverage-status cells (Coverage and Accounts sheets). */
export function coverageStatusRule(column: number): ConditionalRule {
  return {
    kind: 'textEquals',
    column,
    matches: [
      { value: 'OK', fill: 'good' },
      { value: 'PARTIAL', fill: 'warn' },
      { value: 'TIMED_OUT', fill: 'warn' },
      { value: 'INVALID_RECORDS', fill: 'warn' },
      { value: 'SKIPPED', fill: 'neutral' },
      { value: 'UNKNOWN', fill: 'neutral' },
      { value: 'MISSING', fill: 'bad' },
      { value: 'REJECTED_FILE', fill: 'bad' },
      { value: 'ASSUME_ROLE_DENIED', fill: 'bad' },
      { value: 'CONFIG_NOT_ENABLED', fill: 'bad' },
      { value: 'RECORDER_STOPPED', fill: 'bad' },
      { value: 'ERROR', fill: 'bad' },
    ],
  };
}

/** Red/yellow/green on a ratio column. */
export function ratioRule(column: number, thresholds: { red: number; yellow: number }): ConditionalRule {
  return { kind: 'trafficLight', column, red: thresholds.red, yellow: thresholds.yellow };
}
