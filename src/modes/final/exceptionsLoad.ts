/**
 * Reads the accepted exceptions file before anything else happens: a local path through the file
 * system, or `store:<key>` through the Store port (the same bucket or folder the report goes to, so
 * a Lambda needs no other permission). A missing or invalid file stops the run
 * ({@link InvalidExceptionsError}) unless `ignoreInvalidExceptions` says to report without it.
 */
import { readFile } from 'node:fs/promises';
import { type CompiledException, compileExceptions, parseExceptions } from '../../core/exceptions.js';
import { isObjectNotFoundError, type Store } from '../../store/Store.js';
import { InvalidExceptionsError } from './errors.js';
import type { FinalSettings } from './settings.js';

/** The prefix of a location that names a key in the report store. */
export const STORE_LOCATION_PREFIX = 'store:';

/** What the run knows about its exceptions file. */
export interface LoadedExceptions {
  /** The location as configured. */
  source: string;
  /** The entries, compiled for the report date (empty when the file was ignored). */
  entries: CompiledException[];
  /** Why the file was ignored (`REPORT_IGNORE_INVALID_EXCEPTIONS`); absent when it was used. */
  ignored?: string;
}

/** The text at `location`, or undefined when there is no such file or key. */
async function readLocation(location: string, store: Store): Promise<string | undefined> {
  if (location.startsWith(STORE_LOCATION_PREFIX)) {
    try {
      return await store.getText(location.slice(STORE_LOCATION_PREFIX.length));
    } catch (error) {
      if (isObjectNotFoundError(error)) return undefined;
      throw error;
    }
  }
  try {
    return await readFile(location, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/**
 * Loads the exceptions the settings name (undefined when none is configured). Throws
 * {@link InvalidExceptionsError} for a missing or invalid file, unless ignoring is on: then the
 * problem goes to `warnings` and the result has no entries.
 */
export async function loadExceptions(
  settings: Pick<FinalSettings, 'exceptions' | 'ignoreInvalidExceptions'>,
  store: Store,
  reportDate: string,
  warnings: string[],
): Promise<LoadedExceptions | undefined> {
  const source = settings.exceptions;
  if (source === undefined) return undefined;
  const text = await readLocation(source, store);
  const parsed = text === undefined ? undefined : parseExceptions(text);
  if (parsed?.ok) return { source, entries: compileExceptions(parsed.file, reportDate) };
  const problems = parsed ? parsed.problems : ['(file): no such file or key'];
  const message = `Invalid exceptions file ${source}: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? `; … (${problems.length} problems)` : ''}`;
  if (!settings.ignoreInvalidExceptions)
    throw new InvalidExceptionsError(
      `${message}. Nothing was written (fix the file, or set REPORT_IGNORE_INVALID_EXCEPTIONS / --ignore-invalid-exceptions to report without it).`,
      { details: problems },
    );
  const ignored = `${message}; the report applies no exception`;
  warnings.push(ignored);
  return { source, entries: [], ignored };
}
