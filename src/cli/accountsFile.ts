/**
 * Reads an accounts file for `--accounts-file`: the plan's input when Organizations is not used.
 * Three shapes are accepted, detected from the content:
 * - JSON: an array of `{account_id, account_name, environment?, tags?}` (the event's account shape),
 *   or an object `{ "accounts": [...] }`;
 * - JSON from `aws organizations list-accounts` (`{ "Accounts": [{Id, Name, State}] }`): ACTIVE
 *   accounts are collected, the others are carried into the manifest as skipped;
 * - CSV with a header row: `account_id`, `account_name`, optional `environment`, and `tag:<Key>`
 *   columns for account tags. Blank lines and lines starting with `#` are ignored.
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
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw new UsageError(`Accounts file ${label} is empty`);
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return fromJson(trimmed, label);
  return validate(fromCsv(trimmed, label), [], label);
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

function validate(raw: unknown[], skipped: SkippedAccount[], label: string): AccountsFileContent {
  const parsed = accountsSchema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 20).map((issue) => {
      const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
      return `${where.replace(/^\./, '') || '(list)'}: ${issue.message}`;
    });
    throw new UsageError(`Accounts file ${label} is invalid: ${details.join('; ')}`, details);
  }
  return { accounts: parsed.data, skipped };
}

/** Splits one CSV line (RFC 4180 quoting). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells.map((value) => value.trim());
}

const ID_HEADERS = ['account_id', 'accountid', 'id', 'account'];
const NAME_HEADERS = ['account_name', 'accountname', 'name'];

function fromCsv(text: string, label: string): unknown[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.toLowerCase().replace(/\s+/g, '_'));
  const idColumn = header.findIndex((h) => ID_HEADERS.includes(h));
  const nameColumn = header.findIndex((h) => NAME_HEADERS.includes(h));
  if (idColumn < 0 || nameColumn < 0) {
    throw new UsageError(
      `Accounts file ${label}: the CSV header must name account_id and account_name columns (got ${lines[0] ?? ''})`,
    );
  }
  const envColumn = header.indexOf('environment');
  const rawHeader = splitCsvLine(lines[0] ?? '');
  const tagColumns = rawHeader
    .map((h, i) => ({ key: h.replace(/^tag:/i, ''), i, isTag: /^tag:/i.test(h) }))
    .filter((c) => c.isTag && c.key !== '');
  return lines.slice(1).map((line) => {
    const cells = splitCsvLine(line);
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
}
