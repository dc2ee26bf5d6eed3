/**
 * Reads an accounts file for `--accounts-file`: the plan's input when Organizations is not used.
 * Three shapes are accepted, detected from the content:
 * - JSON: an array of `{account_id, account_name, environment?, tags?}` (the event's account shape),
 *   or an object `{ "accounts": [...] }`;
 * - JSON from `aws organizations list-accounts` (`{ "Accounts": [{Id, Name, State}] }`): ACTIVE
 *   accounts are collected, the others are carried into the manifest as skipped;
 * - CSV with a header row: `account_id`, `account_name`, optional `environment`, and `tag:<Key>`
 *   columns for account tags. Blank lines and lines starting with `#` are ignored. Errors name the
 *   line of the file (`line 4: account_id: …`), counting every line, comments and blanks included.
 *
 * CSV is read by csv-parse (RFC 4180: quoted commas, doubled quotes, quoted line breaks, a BOM),
 * which also tells the line each record ends on; `csvRecords` turns that into the line it starts on.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { SkippedAccount } from '../app/types.js';
import type { EventAccount } from '../core/event.js';
import { planEventSchema } from '../core/event.js';
import { UsageError } from './exitCodes.js';

/** The accounts a file lists, and those it lists as not collectable. */
export interface AccountsFileContent {
  accounts: EventAccount[];
  skipped: SkippedAccount[];
}

const accountsSchema = planEventSchema.shape.accounts.unwrap();

/** Reads and validates an accounts file. @throws UsageError naming the file and each bad entry. */
export async function readAccountsFile(path: string): Promise<AccountsFileContent> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Accounts file ${path} cannot be read: ${(error as Error).message}`);
  }
  return parseAccountsText(text, path);
}

/** Parses accounts file content (`label` names it in errors). */
export function parseAccountsText(text: string, label: string): AccountsFileContent {
  const unmarked = text.replace(/^\uFEFF/, '');
  const trimmed = unmarked.trim();
  if (trimmed === '') throw new UsageError(`Accounts file ${label} is empty`);
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return fromJson(trimmed, label);
  // Untrimmed, so the line numbers in errors are the file's own.
  const { rows, lines } = fromCsv(unmarked, label);
  return validate(rows, [], label, (index) => `line ${lines[index]}`);
}

function fromJson(text: string, label: string): AccountsFileContent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`Accounts file ${label} is not valid JSON: ${(error as Error).message}`);
  }
  if (Array.isArray(json)) return validate(json, [], label);
  const object = json as Record<string, unknown>;
  if (Array.isArray(object.accounts)) return validate(object.accounts, [], label);
  if (Array.isArray(object.Accounts)) {
    const accounts: unknown[] = [];
    const skipped: SkippedAccount[] = [];
    for (const entry of object.Accounts as Record<string, unknown>[]) {
      const state = String(entry.State ?? entry.Status ?? 'ACTIVE');
      const account = { account_id: entry.Id, account_name: entry.Name ?? '' };
      if (state === 'ACTIVE') accounts.push(account);
      else skipped.push({ account_id: String(entry.Id), account_name: String(entry.Name ?? ''), state });
    }
    return validate(accounts, skipped, label);
  }
  throw new UsageError(
    `Accounts file ${label} must hold an array of accounts, {"accounts": [...]}, or list-accounts output`,
  );
}

/** How an entry is named in errors: `[3]` (JSON), or `line 5` (CSV, by `entryName`). */
function issuePlace(path: readonly PropertyKey[], entryName?: (index: number) => string): string {
  const [first, ...rest] = path;
  if (entryName !== undefined && typeof first === 'number') {
    const field = rest.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    return `${entryName(first)}${field ? `: ${field.replace(/^\./, '')}` : ''}`;
  }
  const where = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return where.replace(/^\./, '') || '(list)';
}

function validate(
  raw: unknown[],
  skipped: SkippedAccount[],
  label: string,
  entryName?: (index: number) => string,
): AccountsFileContent {
  const parsed = accountsSchema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues
      .slice(0, 20)
      .map((issue) => `${issuePlace(issue.path, entryName)}: ${issue.message}`);
    throw new UsageError(`Accounts file ${label} is invalid: ${details.join('; ')}`, details);
  }
  return { accounts: parsed.data, skipped };
}

/** One CSV record and the line of the file it starts on (1-based). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * Reads CSV text into records, each with the line it starts on. Blank lines and lines starting with
 * `#` are skipped; cells are trimmed.
 * @throws UsageError naming the line of a CSV syntax error (an unclosed quote, say).
 */
export function csvRecords(text: string, label = 'CSV'): CsvRecord[] {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it was read; csv-parse's types do not follow the option.
    // Line endings made LF first: csv-parse counts a CRLF inside a quoted cell as two lines.
    parsed = parse(text.replace(/\r\n?/g, '\n'), {
      info: true,
      bom: true,
      comment: '#',
      comment_no_infix: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    const where = line === undefined ? '' : `line ${line}: `;
    throw new UsageError(`Accounts file ${label} is invalid: ${where}${(error as Error).message}`);
  }
  // `info.lines` is the line a record ends on; quoted line breaks inside it move its start up.
  return parsed.map(({ record, info }) => ({
    line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
    cells: record,
  }));
}

/** Splits one CSV line (RFC 4180 quoting). */
export function splitCsvLine(line: string): string[] {
  return csvRecords(line)[0]?.cells ?? [''];
}

const ID_HEADERS = ['account_id', 'accountid', 'id', 'account'];
const NAME_HEADERS = ['account_name', 'accountname', 'name'];

/** The CSV's accounts (not yet validated) and the line each one is on. */
function fromCsv(text: string, label: string): { rows: unknown[]; lines: number[] } {
  const [headerRecord, ...records] = csvRecords(text, label);
  const rawHeader = headerRecord?.cells ?? [];
  const header = rawHeader.map((h) => h.toLowerCase().replace(/\s+/g, '_'));
  const idColumn = header.findIndex((h) => ID_HEADERS.includes(h));
  const nameColumn = header.findIndex((h) => NAME_HEADERS.includes(h));
  if (idColumn < 0 || nameColumn < 0) {
    throw new UsageError(
      `Accounts file ${label}: the CSV header must name account_id and account_name columns (line ${headerRecord?.line ?? 1}: ${rawHeader.join(',')})`,
    );
  }
  const envColumn = header.indexOf('environment');
  const tagColumns = rawHeader
    .map((h, i) => ({ key: h.replace(/^tag:/i, ''), i, isTag: /^tag:/i.test(h) }))
    .filter((c) => c.isTag && c.key !== '');
  const rows = records.map(({ cells }) => {
    const account: Record<string, unknown> = {
      account_id: cells[idColumn] ?? '',
      account_name: cells[nameColumn] ?? '',
    };
    const environment = envColumn >= 0 ? cells[envColumn] : undefined;
    if (environment) account.environment = environment;
    const tags = Object.fromEntries(
      tagColumns.filter((c) => (cells[c.i] ?? '') !== '').map((c) => [c.key, cells[c.i] ?? '']),
    );
    if (Object.keys(tags).length > 0) account.tags = tags;
    return account;
  });
  return { rows, lines: records.map((r) => r.line) };
}
