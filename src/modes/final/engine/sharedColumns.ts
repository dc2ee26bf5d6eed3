/**
 * Winner-table memory for runs with worker threads: the five columns pass 2's workers read (the
 * winners' timestamps and spool locations) live in shared memory, so posting them to the CSV and
 * sheet workers shares them instead of copying ~29 MB per worker for a million winners.
 */
import type { ColumnMemory, WinnerColumn } from '../../../core/winnerTable.js';

const SHARED: ReadonlySet<WinnerColumn> = new Set<WinnerColumn>([
  'recorded',
  'invoked',
  'spoolFile',
  'spoolOffset',
  'spoolLength',
]);

/** Shared memory for the columns pass-2 workers read, ordinary memory for the rest. */
export const SHARED_COLUMN_MEMORY: ColumnMemory = {
  buffer: (column, bytes) => (SHARED.has(column) ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes)),
};
