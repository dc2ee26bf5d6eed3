/**
 * The aggregate sheets: Coverage, Accounts, Rules, Conformance packs (when any) and Owners.
 */
import type { CoverageRow } from '../../core/coverage.js';
import { coverageStatusRule, ratioRule } from '../columns.js';
import type { AccountRow, OwnerRow, PackRow, ReportModel, RuleRow } from '../model.js';
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

/** One row per logical rule (its instances across account-regions), worst first. */
function rulesSheet(thresholds: ReportModel['thresholds']): TableSheet<RuleRow> {
  return {
    name: 'Rules',
    tabColor: '4472C4',
    columns: [
      { header: 'Rule', width: 44, value: (r) => r.ruleName },
      { header: 'Created by', width: 17, value: (r) => r.createdBy },
      { header: 'Instances', width: 11, style: 'integer', value: (r) => r.instances },
      { header: 'Accounts', width: 10, style: 'integer', value: (r) => r.accounts },
      ...countColumns<RuleRow>(),
      { header: 'Source owner', width: 14, value: (r) => r.sourceOwner },
      { header: 'Source identifier', width: 36, value: (r) => r.sourceIdentifier },
      { header: 'Conformance packs', width: 30, value: (r) => r.conformancePacks.join(', ') },
      { header: 'Description', width: 60, style: 'textWrap', value: (r) => r.description },
    ],
    conditional: (col) => [ratioRule(col('Compliance %'), thresholds)],
  };
}

/** One row per conformance pack across accounts, worst first; the score is AWS's compliance score. */
function packsSheet(thresholds: ReportModel['thresholds']): TableSheet<PackRow> {
  return {
    name: 'Conformance packs',
    tabColor: '4472C4',
    columns: [
      { header: 'Conformance pack', width: 44, value: (r) => r.packName },
      { header: 'Accounts', width: 10, style: 'integer', value: (r) => r.accounts },
      { header: 'Account-regions', width: 15, style: 'integer', value: (r) => r.accountRegions },
      {
        header: 'Non-compliant account-regions',
        width: 16,
        style: 'integer',
        value: (r) => r.nonCompliantAccountRegions,
      },
      { header: 'Rules', width: 8, style: 'integer', value: (r) => r.rules },
      { header: 'Compliant', width: 12, style: 'integer', value: (r) => r.compliant },
      { header: 'Non-compliant', width: 14, style: 'integer', value: (r) => r.nonCompliant },
      // null stays an empty cell: "no data" is not 0 %.
      { header: 'Compliance score', width: 16, style: 'percent', value: (r) => r.score },
    ],
    conditional: (col) => [ratioRule(col('Compliance score'), thresholds)],
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

/** Writes Coverage, Accounts, Rules, Conformance packs (only when a shard reported any) and Owners. */
export async function writeAggregateSheets(writer: WorkbookWriter, model: ReportModel): Promise<string[]> {
  const names: string[] = [];
  names.push((await writeTableSheet(writer, COVERAGE, model.coverage.rows)).name);
  names.push((await writeTableSheet(writer, accountsSheet(model.thresholds), model.accounts)).name);
  names.push((await writeTableSheet(writer, rulesSheet(model.thresholds), model.rules)).name);
  if (model.conformancePacks.length > 0)
    names.push((await writeTableSheet(writer, packsSheet(model.thresholds), model.conformancePacks)).name);
  names.push((await writeTableSheet(writer, ownersSheet(model), model.owners)).name);
  return names;
}
