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
 * The CSV reader is our own RFC 4180 tokenizer (quoted commas, doubled quotes, quoted line breaks):
 * no CSV parser is a dependency. `csvRecords` is the one seam: csv-parse (`parse(text, {info: true,
 * bom: true, comment: '#', skip_empty_lines: true, relax_column_count: true, trim: true})`) gives the
 * same records with `info.lines`, if the project ever takes it on.
 */
import { readFile } from 'node:fs/promises';
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

/** A comment line's start: optional blanks, then `#` (sticky: tested at one position). */
const COMMENT = /[ \t]*#/y;

/**
 * Reads CSV text into records (RFC 4180: quoted commas, doubled quotes, line breaks inside quotes),
 * each with the line it starts on. Blank lines and lines starting with `#` are skipped; cells are
 * trimmed.
 */
export function csvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let atRecordStart = true;
  const endRecord = () => {
    cells.push(cell);
    const blank = cells.length === 1 && cells[0]!.trim() === '';
    if (!blank) records.push({ line: start, cells: cells.map((value) => value.trim()) });
    cells = [];
    cell = '';
    atRecordStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (atRecordStart) {
      atRecordStart = false;
      start = line;
      COMMENT.lastIndex = i;
      if (COMMENT.test(text)) {
        // A comment line: skip to its end (the newline is handled by the loop).
        while (i + 1 < text.length && text[i + 1] !== '\n') i++;
        cell = '';
        continue;
      }
    }
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n') {
      endRecord();
      line++;
    } else if (char !== '\r' || text[i + 1] !== '\n') cell += char;
  }
  endRecord();
  return records;
}

/** Splits one CSV line (RFC 4180 quoting). */
export function splitCsvLine(line: string): string[] {
  return csvRecords(line)[0]?.cells ?? [''];
}

const ID_HEADERS = ['account_id', 'accountid', 'id', 'account'];
const NAME_HEADERS = ['account_name', 'accountname', 'name'];

/** The CSV's accounts (not yet validated) and the line each one is on. */
function fromCsv(text: string, label: string): { rows: unknown[]; lines: number[] } {
  const [headerRecord, ...records] = csvRecords(text);
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
