/**
 * The Exceptions sheet: every non-compliant evaluation an accepted exception took off the work
 * list (with the exception's reason, owner and date), then the entries that accepted nothing —
 * expired ones (no longer applied) and ones in force that matched no evaluation — so stale or
 * mistyped entries get noticed. Written only when an exceptions file is configured.
 */
import type { DetailRow, ExceptionEntryRow } from '../model.js';
import type { CellValue, WorkbookWriter } from '../xlsx/index.js';

/** One row of the sheet: an accepted evaluation, or an entry that accepted nothing. */
export interface ExceptionRow {
  /** `Accepted`, `Accepted (expiring)`, `Expired` or `Matched nothing`. */
  status: string;
  accountId: string;
  accountName: string;
  region: string;
  ruleName: string;
  resourceType: string;
  resourceId: string;
  /** The resource's owner tag value (blank on entry rows). */
  ownerTag: string;
  reason: string;
  exceptionOwner: string;
  expires: string;
  daysToExpiry: number;
  /** `exceptions[3]`: the entry in the file. */
  entry: string;
}

/** Status labels, also the values the sheet colours. */
export const EXCEPTION_STATUS = {
  accepted: 'Accepted',
  expiring: 'Accepted (expiring)',
  expired: 'Expired',
  unmatched: 'Matched nothing',
} as const;

/** The row of an accepted evaluation. */
export function acceptedRow(row: DetailRow, entry: ExceptionEntryRow): ExceptionRow {
  return {
    status: entry.status === 'expiring' ? EXCEPTION_STATUS.expiring : EXCEPTION_STATUS.accepted,
    accountId: row.accountId,
    accountName: row.accountName,
    region: row.region,
    ruleName: row.ruleName,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    ownerTag: row.owner,
    reason: entry.reason,
    exceptionOwner: entry.owner,
    expires: entry.expires,
    daysToExpiry: entry.daysToExpiry,
    entry: entry.entry,
  };
}

/** The rows of the entries that accepted nothing (expired first, then unmatched; file order within). */
export function idleEntryRows(entries: readonly ExceptionEntryRow[]): ExceptionRow[] {
  const row = (e: ExceptionEntryRow, status: string): ExceptionRow => ({
    status,
    accountId: e.account,
    accountName: '',
    region: '',
    ruleName: e.rule,
    resourceType: '',
    resourceId: e.resource,
    ownerTag: '',
    reason: e.reason,
    exceptionOwner: e.owner,
    expires: e.expires,
    daysToExpiry: e.daysToExpiry,
    entry: e.entry,
  });
  return [
    ...entries.filter((e) => e.status === 'expired').map((e) => row(e, EXCEPTION_STATUS.expired)),
    ...entries
      .filter((e) => e.status !== 'expired' && e.matched === 0)
      .map((e) => row(e, EXCEPTION_STATUS.unmatched)),
  ];
}

const COLUMNS: readonly { header: string; width: number; cell: (r: ExceptionRow) => CellValue }[] = [
  { header: 'Status', width: 20, cell: (r) => r.status },
  { header: 'Account', width: 24, cell: (r) => r.accountName },
  { header: 'Account ID', width: 15, cell: (r) => r.accountId },
  { header: 'Region', width: 14, cell: (r) => r.region },
  { header: 'Rule', width: 40, cell: (r) => r.ruleName },
  { header: 'Resource type', width: 26, cell: (r) => r.resourceType },
  { header: 'Resource ID', width: 40, cell: (r) => r.resourceId },
  { header: 'Owner tag', width: 20, cell: (r) => r.ownerTag },
  { header: 'Reason', width: 40, cell: (r) => r.reason },
  { header: 'Exception owner', width: 20, cell: (r) => r.exceptionOwner },
  { header: 'Expires', width: 12, cell: (r) => r.expires },
  { header: 'Days to expiry', width: 13, cell: (r) => ({ value: r.daysToExpiry, style: 'integer' }) },
  { header: 'Entry', width: 16, cell: (r) => r.entry },
];

/** Writes the sheet (split like the evaluation sheets when it outgrows `rowLimit`). */
export async function writeExceptionsSheet(
  writer: WorkbookWriter,
  input: { rows: Iterable<ExceptionRow>; rowCount: number; rowLimit: number },
): Promise<string[]> {
  const sheet = await writer.addSplitSheet({
    name: 'Exceptions',
    tabColor: 'FFC000',
    columns: COLUMNS.map((c) => ({ header: c.header, width: c.width })),
    conditional: [
      {
        kind: 'textEquals',
        column: 0,
        matches: [
          { value: EXCEPTION_STATUS.expiring, fill: 'warn' },
          { value: EXCEPTION_STATUS.expired, fill: 'bad' },
          { value: EXCEPTION_STATUS.unmatched, fill: 'neutral' },
        ],
      },
    ],
    rowLimit: input.rowLimit,
    rowCount: input.rowCount,
    print: { orientation: 'landscape', fitToWidth: false, repeatHeader: true },
  });
  const cells: CellValue[] = new Array(COLUMNS.length);
  for (const row of input.rows) {
    for (let i = 0; i < COLUMNS.length; i++) cells[i] = COLUMNS[i]!.cell(row);
    await sheet.addRow(cells);
  }
  await sheet.close();
  return [...sheet.names];
}
