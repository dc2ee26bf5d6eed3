import type { AboutLine, DetailRow, Scored } from './model.js';
import { writeNonCompliantSheet } from './sheets/evaluations.js';
import { int, RATIO_HEADER, summarySheetOptions } from './sheets/summaryCells.js';
import type { CellValue, WorkbookWriter } from './xlsx/index.js';

/** Everything an extract's Summary shows. */
export interface ExtractModel extends Scored {
  kind: 'Owner' | 'Account';
  /** The owner tag value as tagged (`(no owner tag)` for resources without it), or the account name. */
  value: string;
  groupId: string;
  reportDate: string;
  generatedAt: Date;
  thresholds: { red: number; yellow: number };
  /** Label/value lines under the counts (tag key, accounts, the main report's key, …). */
  facts: AboutLine[];
}

/** What was written. */
export interface ExtractResult {
  sheetNames: string[];
  /** Rows on the Non-Compliant sheet(s). */
  nonCompliant: number;
}

const HEADERS = [
  'Scope',
  'Evaluations',
  'Compliant',
  'Non-compliant',
  'Not applicable',
  'Insufficient data',
  RATIO_HEADER,
];

/** The Summary rows (pure; exported for tests). Counts sit in row 5, the ratio in column G. */
export function extractSummaryRows(model: ExtractModel): CellValue[][] {
  const c = model.counts;
  const scope = model.kind === 'Owner' ? "this owner's" : "this account's";
  return [
    [{ value: `AWS Config compliance — ${model.kind.toLowerCase()} ${model.value}`, style: 'title' }],
    [
      {
        value: `Group ${model.groupId} · report date ${model.reportDate} · generated ${model.generatedAt.toISOString()} · compliance % = compliant ÷ (compliant + non-compliant) over ${scope} evaluations; not applicable and insufficient data are not in the ratio`,
        style: 'muted',
      },
    ],
    [],
    HEADERS.map((value) => ({ value, style: 'header' as const })),
    [
      model.value,
      int(c.compliant + c.nonCompliant + c.notApplicable + c.insufficientData),
      int(c.compliant),
      int(c.nonCompliant),
      int(c.notApplicable),
      int(c.insufficientData),
      model.ratio === null ? null : { value: model.ratio, style: 'percent' },
    ],
    [],
    [
      { value: 'Item', style: 'header' },
      { value: 'Value', style: 'header' },
    ],
    ...model.facts.map((f): CellValue[] => [f.label, typeof f.value === 'number' ? int(f.value) : f.value]),
  ];
}

/** Writes an extract: Summary, then the Non-Compliant sheet(s) from `rows`, and finalizes. */
export async function writeExtractWorkbook(
  writer: WorkbookWriter,
  model: ExtractModel,
  rows: Iterable<DetailRow>,
  rowLimit: number,
): Promise<ExtractResult> {
  writer.setProperties({
    title: `ConfigRule ${model.reportDate} — ${model.kind.toLowerCase()} ${model.value}`,
    creator: 'configreport',
    created: model.generatedAt,
  });
  // Column B is as narrow as a count: the longer facts (keys) run on into the empty cells beside.
  const summary = await writer.addSheet(summarySheetOptions([40, 13, 12, 14, 14, 16, 14], model.thresholds));
  for (const row of extractSummaryRows(model)) await summary.addRow(row);
  await summary.close();
  const nonCompliant = await writeNonCompliantSheet(writer, { rows, rowLimit });
  await writer.finalize();
  return { sheetNames: [summary.name, ...nonCompliant.names], nonCompliant: nonCompliant.rows };
}
