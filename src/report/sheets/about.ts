/**
 * The About sheet: how this workbook came to be — group, time, what was read, what was rejected or
 * missing, how many duplicates were dropped, the settings, and what the writer had to change to
 * keep hostile text safe. Written last, so the sanitization counts cover every earlier sheet.
 */
import { READABLE_SHARD_SCHEMA_VERSIONS } from '../../core/model.js';
import type { AboutLine, ReportModel } from '../model.js';
import type { CellStyle, CellValue, SanitizeStats, WorkbookWriter } from '../xlsx/index.js';
import { writeTableSheet } from './table.js';

/** The About lines (pure; exported for tests). */
export function aboutLines(
  model: ReportModel,
  sheetNames: readonly string[],
  stats: SanitizeStats,
): AboutLine[] {
  const rejectedFiles = model.coverage.rows.filter((r) => r.status === 'REJECTED_FILE');
  const lines: AboutLine[] = [
    { label: 'Group ID', value: model.groupId },
    { label: 'Report date', value: model.reportDate },
    { label: 'Generated at (UTC)', value: model.generatedAt.toISOString() },
    { label: 'Store', value: model.storeLocation },
    { label: 'Sheets', value: sheetNames.join(', ') },
    { label: 'Shard schema versions read', value: READABLE_SHARD_SCHEMA_VERSIONS.join(', ') },
    { label: 'Files listed under the batch prefix', value: model.shards.listed },
    { label: 'Shards expected (plan)', value: model.shards.expected ?? 'no plan manifest' },
    { label: 'Shards accepted', value: model.shards.accepted },
    { label: 'Files rejected', value: model.shards.rejected },
    { label: 'Shards missing', value: model.shards.missing },
    {
      label: 'Missing shard ids',
      value: model.coverage.missingShards
        .map((m) => `${m.shardId} (${m.accounts} accounts): ${m.reason}`)
        .join('; '),
    },
    { label: 'Shards not in the plan (used)', value: model.coverage.unexpectedShards.join(', ') },
    { label: 'Accepted shard ids', value: model.shards.acceptedIds.join(', ') },
    { label: 'Rejected files', value: rejectedFiles.map((r) => `${r.shardId}: ${r.reason}`).join('; ') },
    { label: 'Records read (valid)', value: model.records.read },
    { label: 'Invalid records left out', value: model.records.invalid },
    { label: 'Duplicates dropped', value: model.records.duplicatesDropped },
    { label: 'Evaluations after dedupe', value: model.records.unique },
    { label: 'Non-compliant evaluations', value: model.records.nonCompliant },
    { label: 'Deployed rules without results (insufficient data)', value: model.records.rulesWithoutResults },
    {
      label: 'Dedupe rule',
      value:
        'one row per (account, region, rule, resource type, resource id): newest result_recorded_time, then newest config_rule_invoked_time, then the more severe type, then the first in shard id order',
    },
    ...model.settings.map((s) => ({ ...s, label: `Setting: ${s.label}` })),
    { label: 'Text cells with XML-illegal characters removed', value: stats.illegalCharsStripped },
    { label: 'Text cells cut to 32,767 characters', value: stats.truncated },
    { label: 'Formula-looking text kept as text', value: stats.formulaLike },
    { label: 'Sheet names changed', value: stats.sheetNamesChanged },
    { label: 'Numbers Excel cannot store (left empty)', value: stats.nonFiniteNumbers ?? 0 },
    ...model.warnings.map((w) => ({ label: 'Warning', value: w })),
  ];
  return lines;
}

const NUMBER_STYLE: Record<NonNullable<AboutLine['format']>, CellStyle> = {
  integer: 'integerLeft',
  decimal: 'decimalLeft',
  percent: 'percentLeft',
};

/**
 * The value cell: numbers formatted (`7,486`, `80.0%`), left-aligned like the text values beside
 * them, so a number stands next to its label instead of 100 characters away.
 */
export function aboutValueCell(line: AboutLine): CellValue {
  const { value } = line;
  if (typeof value !== 'number') return value;
  const format = line.format ?? (Number.isInteger(value) ? 'integer' : 'decimal');
  return { value, style: NUMBER_STYLE[format] };
}

/** Writes the About sheet. */
export async function writeAboutSheet(
  writer: WorkbookWriter,
  model: ReportModel,
  sheetNames: readonly string[],
): Promise<string> {
  const lines = aboutLines(model, [...sheetNames, 'About'], writer.stats);
  const written = await writeTableSheet(
    writer,
    {
      name: 'About',
      tabColor: 'A5A5A5',
      columns: [
        { header: 'Item', width: 48, value: (l: AboutLine) => l.label },
        { header: 'Value', width: 100, style: 'textWrap', value: aboutValueCell },
      ],
    },
    lines,
  );
  return written.name;
}
