/**
 * One base class for the errors configreport raises on purpose, with guards that work across
 * realms and bundles (by a marker, never by `constructor.name` or message text), and the one place
 * that turns any thrown value into a name and a single-line message.
 */

/** What kind of failure an error is: entry points map kinds to exit codes or Lambda outcomes. */
export const ErrorKind = {
  /** The input (event, setting, flag, file) does not fit: nothing was called or written. */
  InvalidInput: 'invalid-input',
  /** The run failed (an object could not be read or written, a plan does not match…). */
  Failed: 'failed',
  /** The run was stopped by a deadline or a signal. */
  Interrupted: 'interrupted',
} as const;
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

const MARKER: unique symbol = Symbol.for('configreport.error');

/** Options of every configreport error. */
export interface ConfigReportErrorOptions {
  cause?: unknown;
  /** Extra lines (one per bad field, for example) shown under the message. */
  details?: readonly string[];
}

/** The base of every error configreport raises on purpose. Subclasses set `name` and `kind`. */
export abstract class ConfigReportError extends Error {
  abstract readonly kind: ErrorKind;
  readonly details: readonly string[];
  readonly [MARKER] = true;

  constructor(message: string, options: ConfigReportErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.details = options.details ?? [];
  }
}

/** True for any configreport error, also one from another realm or bundle copy. */
export function isConfigReportError(error: unknown): error is ConfigReportError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
}

/**
 * The guard of one error class: by the marker and the name, so it also recognises an error from
 * another realm or bundle copy (where `instanceof` fails).
 *
 * @example
 * export const isNoShardsError = guardFor<NoShardsError>('NoShardsError');
 */
export function guardFor<T extends ConfigReportError>(name: T['name']): (error: unknown) => error is T {
  return (error: unknown): error is T => isConfigReportError(error) && error.name === name;
}

/** True for an error whose kind is `kind`. */
export function isErrorOfKind(error: unknown, kind: ErrorKind): error is ConfigReportError {
  return isConfigReportError(error) && error.kind === kind;
}

/** True for bad input (event, setting, flag, file): the caller should fix it, not retry. */
export function isInvalidInputError(error: unknown): error is ConfigReportError {
  return isErrorOfKind(error, ErrorKind.InvalidInput);
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
}

/** The error's name (`ThrottlingException`, `AccessDenied`, …), or `Error` for non-errors. */
export function errorName(error: unknown): string {
  const name = typeof error === 'object' && error !== null ? (error as ErrorLike).name : undefined;
  return typeof name === 'string' && name !== '' ? name : 'Error';
}

/** The error's message, single-line and capped so a hostile service message cannot bloat a file. */
export function errorMessage(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as ErrorLike).message : undefined;
  const text = typeof message === 'string' ? message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 1000);
}
