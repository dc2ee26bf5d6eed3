/**
 * The aggregate sheets: Coverage, Accounts, Rules and Owners.
 */
import type { CoverageRow } from '../../core/coverage.js';
import { coverageStatusRule, ratioRule } from '../columns.js';
import type { AccountRow, OwnerRow, ReportModel, RuleRow } from '../model.js';
import type { WorkbookWriter } from '../xlsx/index.js';
import { countColumns, type TableSheet, writeTableSheet } from './table.js';

const COVERAGE: TableSheet<CoverageRow> = {
  name: 'Coverage',
  tabColor: 'ED7D31',
  columns: [
    { header: 'Status', width: 20, value: (r) => r.status },
    { header: 'Account name', width: 24, value: (r) => r.accountName },
    { header: 'Account ID', width: 15, value: (r) => r.accountId },
    { header: 'Region', width: 14, value: (r) => r.region },
    { header: 'Shard', width: 16, value: (r) => r.shardId },
    { header: 'Reason', width: 80, style: 'textWrap', value: (r) => r.reason },
    { header: 'Rules', width: 8, style: 'integer', value: (r) => r.rules },
    { header: 'Records', width: 10, style: 'integer', value: (r) => r.records },
    { header: 'Throttles', width: 10, style: 'integer', value: (r) => r.throttles },
  ],
  conditional: (col) => [coverageStatusRule(col('Status'))],
};

function accountsSheet(thresholds: ReportModel['thresholds']): TableSheet<AccountRow> {
  return {
    name: 'Accounts',
    tabColor: '4472C4',
    columns: [
      { header: 'Account name', width: 24, value: (r) => r.accountName },
      { header: 'Account ID', width: 15, value: (r) => r.accountId },
      { header: 'Environment', width: 13, value: (r) => r.environment },
      { header: 'Environment source', width: 18, value: (r) => r.environmentSource },
      { header: 'Environment detail', width: 30, value: (r) => r.environmentDetail },
      { header: 'OU path', width: 28, value: (r) => r.ouPath },
      { header: 'Coverage', width: 20, value: (r) => r.coverage },
      { header: 'Regions OK', width: 11, style: 'integer', value: (r) => r.regionsOk },
      { header: 'Regions', width: 9, style: 'integer', value: (r) => r.regionsTotal },
      ...countColumns<AccountRow>((r) => r.nonCompliantResources),
      { header: 'Shards', width: 16, value: (r) => r.shards },
    ],
    conditional: (col) => [ratioRule(col('Compliance %'), thresholds), coverageStatusRule(col('Coverage'))],
  };
}

function rulesSheet(thresholds: ReportModel['thresholds']): TableSheet<RuleRow> {
  return {
    name: 'Rules',
    tabColor: '4472C4',
    columns: [
      { header: 'Rule', width: 40, value: (r) => r.ruleName },
      { header: 'Source owner', width: 14, value: (r) => r.sourceOwner },
      { header: 'Source identifier', width: 36, value: (r) => r.sourceIdentifier },
      { header: 'Account-regions', width: 15, style: 'integer', value: (r) => r.accountRegions },
      ...countColumns<RuleRow>(),
      { header: 'Description', width: 60, style: 'textWrap', value: (r) => r.description },
    ],
    conditional: (col) => [ratioRule(col('Compliance %'), thresholds)],
  };
}

function ownersSheet(model: ReportModel): TableSheet<OwnerRow> {
  return {
    name: 'Owners',
    tabColor: '4472C4',
    columns: [
      { header: `Owner (${model.ownerTagKey})`, width: 30, value: (r) => r.owner },
      { header: 'Accounts', width: 10, style: 'integer', value: (r) => r.accounts },
      ...countColumns<OwnerRow>((r) => r.nonCompliantResources),
    ],
    conditional: (col) => [ratioRule(col('Compliance %'), model.thresholds)],
  };
}

/** Writes Coverage, Accounts, Rules and Owners, in that order. */
export async function writeAggregateSheets(writer: WorkbookWriter, model: ReportModel): Promise<string[]> {
  const names: string[] = [];
  names.push((await writeTableSheet(writer, COVERAGE, model.coverage.rows)).name);
  names.push((await writeTableSheet(writer, accountsSheet(model.thresholds), model.accounts)).name);
  names.push((await writeTableSheet(writer, rulesSheet(model.thresholds), model.rules)).name);
  names.push((await writeTableSheet(writer, ownersSheet(model), model.owners)).name);
  return names;
}
