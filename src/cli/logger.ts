/**
 * The CLI's LoggerPort: one line per message on stderr (through the progress reporter, so bars
 * are not torn), `level: message key=value …`. Default shows warnings and errors; `--verbose`
 * adds info and debug; `--quiet` keeps only errors.
 */
import type { LoggerPort } from '../core/logger.js';

/** Lowest level shown. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Longest rendered field value; longer ones are cut (the full data is in the report). */
const MAX_VALUE = 160;

function formatValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = /[\s"=]/.test(value) || value === '' ? JSON.stringify(value) : value;
  else if (value instanceof Error) text = JSON.stringify(`${value.name}: ${value.message}`);
  else text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** Formats one log line. */
export function formatLogLine(level: LogLevel, message: string, extra: object[]): string {
  const fields = extra.flatMap((item) =>
    Object.entries(item).map(([key, value]) => `${key}=${formatValue(value)}`),
  );
  return [`${level}:`, message, ...fields].join(' ');
}

/** A logger writing lines through `write` (the progress reporter's `log`). */
export function createCliLogger(write: (line: string) => void, minLevel: LogLevel): LoggerPort {
  const at =
    (level: LogLevel) =>
    (message: string, ...extra: object[]) => {
      if (ORDER[level] >= ORDER[minLevel]) write(formatLogLine(level, message, extra));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
