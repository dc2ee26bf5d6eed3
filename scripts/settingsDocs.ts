/**
 * Renders the settings reference of docs/configuration.md from the settings table
 * (src/app/settings/table.ts), so the docs cannot drift from what the code reads.
 *
 *   npx tsx scripts/settingsDocs.ts            print the reference
 *   npx tsx scripts/settingsDocs.ts --write    replace it in docs/configuration.md
 *   npx tsx scripts/settingsDocs.ts --check    exit 1 when docs/configuration.md is out of date
 *
 * (`npm run docs:settings -- --write`). test/unit/app/settingsDocs.test.ts fails when the docs differ
 * from what this renders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { Section, SettingRow } from '../src/app/settings/row.js';
import { SETTINGS } from '../src/app/settings/table.js';

/** The file the reference lives in. */
export const DOC_PATH = fileURLToPath(new URL('../docs/configuration.md', import.meta.url));
/** Markers around the generated text; everything between them is replaced. */
export const START_MARKER = '<!-- settings:start -->';
export const END_MARKER = '<!-- settings:end -->';

/**
 * One table per section, in this order; a row sits in the section of its first target. A `Record`
 * over `Section`, so a new section is a compile error here until it has a title.
 */
const SECTIONS: Record<Section, { title: string; intro: string }> = {
  store: {
    title: 'Storage',
    intro: 'Where plans, shards and reports go: an S3 bucket, or for the CLI a local folder (same keys).',
  },
  aws: {
    title: 'Hub AWS clients',
    intro:
      'The region and retry budget of every client the hub builds (STS, S3, Organizations, Config). ' +
      "Endpoints and credentials come from the SDK's own variables (below).",
  },
  run: {
    title: 'CLI run',
    intro:
      'What one command line runs. The Lambda function validates these variables like every other but ' +
      'does not use them: its event carries the group id and ExternalId, and it runs one phase at a time.',
  },
  plan: {
    title: 'Plan mode: which accounts, in which shards',
    intro: "The event's `role_name`, `regions`, `shard_size` and `organizations_role_arn` win over these.",
  },
  batch: {
    title: 'Batch mode: collecting one shard',
    intro: "The event's `tag_prefix` wins over `CONFIGREPORT_TAG_PREFIX`.",
  },
  pacing: {
    title: 'Pacing of AWS Config calls (batch mode)',
    intro: 'One token bucket per account-region; see [performance.md](performance.md) for the measurements.',
  },
  final: {
    title: 'Final mode: the report',
    intro: 'What the thresholds, tags and rules do: [report.md](report.md).',
  },
};

const HEADER = [
  'Variable',
  'Flag',
  'File key',
  'Kind',
  'Default',
  'Range / rule',
  'Goes to',
  'Description',
] as const;

/** The JSON Schema fields `shapeOf` reads (zod's public `toJSONSchema` output). */
interface JsonShape {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

const code = (text: string) => `\`${text}\``;

function range(min: number | undefined, max: number | undefined): string | undefined {
  if (min !== undefined && max !== undefined) return `${min}–${max}`;
  if (min !== undefined) return `at least ${min}`;
  if (max !== undefined) return `at most ${max}`;
  return undefined;
}

function orList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** What the schema's shape says: ranges, lengths, choices (patterns and refinements are not shown). */
function shapeOf(schema: z.ZodType): string | undefined {
  // The input side: what a user writes, before transforms (a list before its duplicates are dropped).
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonShape;
  switch (json.type) {
    case 'integer': {
      const bounds = range(json.minimum, json.maximum);
      return bounds === undefined ? 'whole number' : `whole number ${bounds}`;
    }
    case 'number':
      return range(json.minimum, json.maximum) ?? 'number';
    case 'boolean':
      return '`true` or `false`';
    case 'string': {
      if (json.enum !== undefined) return orList(json.enum.map((value) => code(String(value))));
      if (json.minLength === 1 && json.maxLength === undefined) return 'not empty';
      const bounds = range(json.minLength, json.maxLength);
      return bounds === undefined ? undefined : `${bounds} characters`;
    }
    case 'array': {
      const bounds = range(json.minItems, json.maxItems);
      return bounds === undefined ? undefined : `${bounds} entries`;
    }
    default:
      return undefined;
  }
}

function formatValue(value: unknown): string {
  if (value === '') return '`""`';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : code(value.join(','));
  if (typeof value === 'object' && value !== null) return code(JSON.stringify(value));
  return code(String(value));
}

/**
 * The default in words: the row's `defaultText`, else its constant `fallback`, else "none"; with
 * what the Lambda function requires.
 * @throws Error when the default is computed and the row has no `defaultText` (the docs cannot run it).
 */
export function describeDefault(name: string, row: SettingRow): string {
  let text: string;
  if (row.defaultText !== undefined) text = row.defaultText;
  else if (typeof row.fallback === 'function')
    throw new Error(`setting ${name}: its default is computed; give its row a defaultText`);
  else text = row.fallback === undefined ? 'none' : formatValue(row.fallback);
  return row.requiredInLambda ? `Lambda: **required**; CLI: ${text}` : text;
}

/**
 * The rule in words: the schema's shape, then the row's `rule` text.
 * @throws Error when neither says anything (a pattern or refinement needs a `rule` text to be documented).
 */
export function describeRule(name: string, row: SettingRow): string {
  const parts = [shapeOf(row.schema), row.rule].filter((part) => part !== undefined);
  if (parts.length === 0)
    throw new Error(`setting ${name}: its schema shows no range or choice; give its row a rule text`);
  return parts.join('; ');
}

/** The description without the "(default …)" that `--help` shows: the Default column has it. */
function describe(row: SettingRow): string {
  return row.description.replace(/\s*\(default[^)]*\)$/, '');
}

function cells(name: string, row: SettingRow): string[] {
  return [
    row.env.map(code).join(', else '),
    row.flag === undefined
      ? '—'
      : [row.flag, row.negation]
          .filter((f) => f !== undefined)
          .map(code)
          .join(' / '),
    code(row.file),
    row.kind,
    describeDefault(name, row),
    describeRule(name, row),
    row.to.map(code).join(', '),
    describe(row),
  ];
}

/** A Markdown table with padded columns (as prettier would format it, so formatting it is a no-op). */
function table(header: readonly string[], rows: readonly string[][]): string {
  const escaped = rows.map((row) => row.map((cell) => cell.replaceAll('|', '\\|')));
  const widths = header.map((title, i) => Math.max(3, title.length, ...escaped.map((row) => row[i]!.length)));
  const line = (row: readonly string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...escaped.map(line)].join('\n');
}

/** The generated reference: one table per section, every row of the settings table exactly once. */
export function renderSettingsReference(): string {
  const bySection = new Map<Section, string[][]>();
  for (const [name, row] of Object.entries(SETTINGS) as [string, SettingRow][]) {
    const section = row.to[0]!.split('.')[0] as Section;
    bySection.set(section, [...(bySection.get(section) ?? []), cells(name, row)]);
  }
  const parts = [
    '<!-- Generated from src/app/settings/table.ts by `npm run docs:settings -- --write`: edit the rows, not this text. -->',
  ];
  for (const [section, { title, intro }] of Object.entries(SECTIONS) as [
    Section,
    (typeof SECTIONS)[Section],
  ][]) {
    const rows = bySection.get(section);
    if (rows === undefined) continue;
    parts.push(`### ${title}`, intro, table(HEADER, rows));
  }
  return parts.join('\n\n');
}

function markers(doc: string): { start: number; end: number } {
  const start = doc.indexOf(START_MARKER);
  const end = doc.indexOf(END_MARKER);
  if (start < 0 || end < start)
    throw new Error(`docs/configuration.md needs ${START_MARKER} … ${END_MARKER} around the reference`);
  return { start: start + START_MARKER.length, end };
}

/** The generated text currently between the markers of `doc`. */
export function extractGenerated(doc: string): string {
  const { start, end } = markers(doc);
  return doc.slice(start, end).trim();
}

/** `doc` with the text between the markers replaced by `generated`. */
export function replaceGenerated(doc: string, generated: string): string {
  const { start, end } = markers(doc);
  return `${doc.slice(0, start)}\n\n${generated}\n\n${doc.slice(end)}`;
}

function main(args: readonly string[]): number {
  const rendered = renderSettingsReference();
  if (args.includes('--write')) {
    const doc = readFileSync(DOC_PATH, 'utf8');
    const next = replaceGenerated(doc, rendered);
    if (next !== doc) writeFileSync(DOC_PATH, next);
    process.stdout.write(`${next === doc ? 'up to date' : 'updated'}: ${DOC_PATH}\n`);
    return 0;
  }
  if (args.includes('--check')) {
    if (extractGenerated(readFileSync(DOC_PATH, 'utf8')) === rendered) return 0;
    process.stderr.write(`${DOC_PATH} is out of date: run npm run docs:settings -- --write\n`);
    return 1;
  }
  process.stdout.write(`${rendered}\n`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  process.exitCode = main(process.argv.slice(2));
