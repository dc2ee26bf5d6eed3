/**
 * The Extracts sheet of the main workbook: one row per extract written beside the report (owner
 * extracts first, then account extracts), with the original owner value next to the file's key,
 * because the key's name is a sanitised form of the value. Only written when extracts are on.
 */
import { ratioRule } from '../columns.js';
import type { ExtractIndexRow, ReportModel } from '../model.js';
import type { WorkbookWriter } from '../xlsx/index.js';
import { countColumns, type TableSheet, writeTableSheet } from './table.js';

function extractsSheet(model: ReportModel): TableSheet<ExtractIndexRow> {
  return {
    name: 'Extracts',
    tabColor: '4472C4',
    columns: [
      { header: 'Extract', width: 10, value: (r) => r.kind },
      { header: `Owner (${model.ownerTagKey}) or account`, width: 30, value: (r) => r.value },
      { header: 'Account ID', width: 15, value: (r) => r.accountId },
      { header: 'File', width: 60, value: (r) => r.key },
      ...countColumns<ExtractIndexRow>(),
    ],
    conditional: (col) => [ratioRule(col('Compliance %'), model.thresholds)],
  };
}

/** Writes the Extracts sheet when the model lists extracts; returns its name, or undefined. */
export async function writeExtractsSheet(
  writer: WorkbookWriter,
  model: ReportModel,
): Promise<string | undefined> {
  if (!model.extracts) return undefined;
  return (await writeTableSheet(writer, extractsSheet(model), model.extracts)).name;
}
