/**
 * Accepted exceptions: known, accepted non-compliant results that should not keep the report red
 * (a risk accepted until a date, with a reason and someone answerable for it). This module is the
 * file's contract (docs/contracts.md) and the pattern language (docs/report.md, "Exceptions"). Pure.
 *
 * Why a pattern language of our own rather than regular expressions: the people writing the file
 * are auditors and account owners, and resource ids are full of regex metacharacters (`.` in
 * bucket names, `/` and `+` in ARNs, `[` in some custom ids). With only `*` and `?` special, an id
 * pasted from the console is always a literal match.
 */
import { z } from 'zod';

/** Days before `expires` (inclusive) an entry is flagged "expiring". */
export const EXPIRING_WITHIN_DAYS = 14;

const ACCOUNT = /^(\d{12}|\*)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD. */
function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

const pattern = (field: string) =>
  z
    .string({ error: `${field} must be text` })
    .min(1, { error: `${field} must not be empty (use "*" for any)` })
    .max(2048, { error: `${field} is longer than 2048 characters` });

const required = (field: string) =>
  z
    .string({ error: `${field} must be text` })
    .refine((s) => s.trim() !== '', { error: `${field} must not be empty` });

/** One accepted exception, as written in the file. */
const entrySchema = z.object(
  {
    account: z
      .string({ error: 'account must be text' })
      .regex(ACCOUNT, { error: 'not a 12-digit account id or "*"' }),
    rule: pattern('rule'),
    resource: pattern('resource'),
    reason: required('reason'),
    owner: required('owner'),
    expires: z
      .string({ error: 'not a date YYYY-MM-DD' })
      .refine(isCalendarDate, { error: 'not a date YYYY-MM-DD' }),
  },
  { error: 'must be an object {account, rule, resource, reason, owner, expires}' },
);

/** The exceptions file. */
const fileSchema = z.object(
  {
    version: z.literal(1, { error: 'must be 1' }),
    exceptions: z.array(entrySchema, { error: 'must be a list of exceptions' }),
  },
  { error: 'must be an object {"version": 1, "exceptions": [...]}' },
);

/** One entry of the exceptions file. */
export type ExceptionEntry = z.output<typeof entrySchema>;

/** The exceptions file, validated. */
export type ExceptionsFile = z.output<typeof fileSchema>;

/** What parsing the file gave: the file, or one problem per bad field (`exceptions[3].expires: …`). */
export type ParsedExceptions = { ok: true; file: ExceptionsFile } | { ok: false; problems: string[] };

/** A zod issue path as people read it: `exceptions[3].expires`. */
function fieldOf(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path)
    text += typeof part === 'number' ? `[${part}]` : `${text ? '.' : ''}${String(part)}`;
  return text || '(file)';
}

/** Parses and validates the text of an exceptions file (JSON). Never throws. */
export function parseExceptions(text: string): ParsedExceptions {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`(file): not valid JSON (${(error as Error).message})`] };
  }
  const result = fileSchema.safeParse(json);
  if (result.success) return { ok: true, file: result.data };
  return { ok: false, problems: result.error.issues.map((i) => `${fieldOf(i.path)}: ${i.message}`) };
}

/**
 * Compiles a pattern: `*` matches any run of characters (also none), `?` exactly one character,
 * everything else itself; case-sensitive and anchored (the whole value must match). An empty
 * pattern matches only the empty value (the file schema refuses one).
 */
export function compilePattern(text: string): RegExp {
  let source = '';
  for (const ch of text) {
    if (ch === '*') source += '[\\s\\S]*';
    else if (ch === '?') source += '[\\s\\S]';
    else source += ch.replace(/[\\^$.|+()[\]{}/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

/** Where an entry stands on the report date. */
export type ExceptionStatus = 'active' | 'expiring' | 'expired';

/** Whole days from the report date to `expires` (0 on the day itself, negative once past). */
export function daysToExpiry(expires: string, reportDate: string): number {
  const day = 86_400_000;
  return Math.round((Date.parse(`${expires}T00:00:00Z`) - Date.parse(`${reportDate}T00:00:00Z`)) / day);
}

/**
 * An entry applies through its `expires` day (expires ≥ report date); from the next day it is
 * expired. It is "expiring" while it has {@link EXPIRING_WITHIN_DAYS} days or fewer left.
 */
export function exceptionStatus(expires: string, reportDate: string): ExceptionStatus {
  const days = daysToExpiry(expires, reportDate);
  if (days < 0) return 'expired';
  return days <= EXPIRING_WITHIN_DAYS ? 'expiring' : 'active';
}

/** An entry ready to match: patterns compiled once, its standing on the report date. */
export interface CompiledException {
  /** Index in the file (the Exceptions sheet and warnings name entries by it). */
  index: number;
  entry: ExceptionEntry;
  status: ExceptionStatus;
  daysToExpiry: number;
  rule: RegExp;
  resource: RegExp;
}

/** Compiles every entry for the report date. */
export function compileExceptions(file: ExceptionsFile, reportDate: string): CompiledException[] {
  return file.exceptions.map((entry, index) => ({
    index,
    entry,
    status: exceptionStatus(entry.expires, reportDate),
    daysToExpiry: daysToExpiry(entry.expires, reportDate),
    rule: compilePattern(entry.rule),
    resource: compilePattern(entry.resource),
  }));
}
