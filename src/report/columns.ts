/**
 * Column layouts of the evaluation tables (Non-Compliant, Details and the CSV), as data: header,
 * width, style and how a row fills the cell. Sheets and the CSV share them so they never disagree.
 */

import type { DetailRow } from './model.js';
import { type CellValue, type ColumnSpec, type ConditionalRule, dateCell } from './xlsx/index.js';

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
  {
    spec: { header: 'Rule invoked (UTC)', width: 20, style: 'datetime' },
    cell: (r) => dateCell(r.invokedMs),
    csv: (r) => r.invokedIso,
  },
  // Owners are usually e-mail addresses or team names: 30 shows most whole.
  text('Owner', 30, (r) => r.owner),
  text('Ownership tags', 40, (r) => r.tags),
];

/** The Non-Compliant columns: Details without the compliance type and invoked time. */
export const NON_COMPLIANT_COLUMNS: readonly EvaluationColumn[] = DETAIL_COLUMNS.filter(
  (c) => c.spec.header !== 'Compliance' && c.spec.header !== 'Rule invoked (UTC)',
);

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
