/**
 * A plain table sheet described as data: columns (header, width, style, value getter) and rows.
 * Header styled, frozen and filtered by the writer's defaults.
 */
import type { CellStyle, CellValue, ConditionalRule, PrintOptions, WorkbookWriter } from '../xlsx/index.js';

/** One column of a table sheet. */
export interface TableColumn<T> {
  header: string;
  width: number;
  style?: CellStyle;
  value(row: T): CellValue;
}

/** A table sheet. */
export interface TableSheet<T> {
  name: string;
  tabColor?: string;
  columns: readonly TableColumn<T>[];
  /** Built from column headers: the 0-based index of a header, for conditional rules. */
  conditional?: (columnOf: (header: string) => number) => ConditionalRule[];
  /** Default: landscape, one page wide, header row on every page. */
  print?: PrintOptions;
}

/**
 * Writes the sheet and returns its final name and data row count. Rows given as an array also
 * give the sheet its `<dimension>` up front.
 */
export async function writeTableSheet<T>(
  writer: WorkbookWriter,
  table: TableSheet<T>,
  rows: Iterable<T>,
): Promise<{ name: string; rows: number }> {
  const columnOf = (header: string): number => {
    const index = table.columns.findIndex((c) => c.header === header);
    if (index < 0) throw new Error(`sheet ${table.name} has no column ${JSON.stringify(header)}`);
    return index;
  };
  const sheet = await writer.addSheet({
    name: table.name,
    ...(table.tabColor ? { tabColor: table.tabColor } : {}),
    columns: table.columns.map((c) => ({
      header: c.header,
      width: c.width,
      ...(c.style ? { style: c.style } : {}),
    })),
    conditional: table.conditional?.(columnOf) ?? [],
    ...(Array.isArray(rows) ? { rowCount: rows.length } : {}),
    ...(table.print ? { print: table.print } : {}),
  });
  for (const row of rows) await sheet.addRow(table.columns.map((c) => c.value(row)));
  await sheet.close();
  return { name: sheet.name, rows: sheet.rowCount };
}

/**
 * Count columns shared by the aggregate sheets (Accounts, Rules, Owners). With
 * `nonCompliantResources`, a "Non-compliant resources" column follows "Non-compliant" (distinct
 * resources: one failing three rules counts once).
 */
export function countColumns<
  T extends {
    counts: { compliant: number; nonCompliant: number; notApplicable: number; insufficientData: number };
    ratio: number | null;
  },
>(nonCompliantResources?: (row: T) => number): TableColumn<T>[] {
  const resources: TableColumn<T>[] = nonCompliantResources
    ? [{ header: 'Non-compliant resources', width: 15, style: 'integer', value: nonCompliantResources }]
    : [];
  return [
    {
      header: 'Evaluations',
      width: 13,
      style: 'integer',
      value: (r) =>
        r.counts.compliant + r.counts.nonCompliant + r.counts.notApplicable + r.counts.insufficientData,
    },
    { header: 'Compliant', width: 12, style: 'integer', value: (r) => r.counts.compliant },
    { header: 'Non-compliant', width: 14, style: 'integer', value: (r) => r.counts.nonCompliant },
    ...resources,
    { header: 'Not applicable', width: 14, style: 'integer', value: (r) => r.counts.notApplicable },
    { header: 'Insufficient data', width: 16, style: 'integer', value: (r) => r.counts.insufficientData },
    // null stays an empty cell: "no data" is not 0 %.
    { header: 'Compliance %', width: 14, style: 'percent', value: (r) => r.ratio },
  ];
}
