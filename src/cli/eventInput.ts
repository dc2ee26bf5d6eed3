/**
 * The `--event <file|->` input of the phase commands: the same JSON the Lambda receives,
 * validated by the same parseEvent. A missing `mode` means the command's own mode; a different
 * mode is a usage error (running a final event through `batch` is never what was meant).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { type BatchEvent, type FinalEvent, type PlanEvent, parseEventWithNotes } from '../core/event.js';
import { UsageError } from './exitCodes.js';

/** Reads a whole stream as text. */
async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads raw event JSON from a file, or stdin for `-`. @throws UsageError for unreadable or invalid JSON. */
export async function readEventJson(source: string, stdin: Readable, cwd: string): Promise<unknown> {
  const label = source === '-' ? 'stdin' : source;
  let text: string;
  try {
    text = source === '-' ? await readAll(stdin) : await readFile(resolve(cwd, source), 'utf8');
  } catch (error) {
    throw new UsageError(`Event file ${label} cannot be read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`Event from ${label} is not valid JSON: ${(error as Error).message}`);
  }
}

type EventFor<M> = M extends 'plan' ? PlanEvent : M extends 'batch' ? BatchEvent : FinalEvent;

/**
 * Validates a raw event for a command. Event-field overrides from explicit flags are applied
 * first, so they are validated too. Fields outside the contract and accounts listed twice with
 * different names are not errors (the seed's events may carry them) but are said through `warn`.
 * @throws InvalidEventError naming every bad field.
 */
export function eventForCommand<M extends 'plan' | 'batch' | 'final'>(
  raw: unknown,
  mode: M,
  overrides: Record<string, unknown> = {},
  warn: (message: string, fields: Record<string, unknown>) => void = () => {},
): EventFor<M> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new UsageError('Invalid event: (event): must be a JSON object', ['(event): must be a JSON object']);
  const object = raw as Record<string, unknown>;
  if (object.mode !== undefined && object.mode !== mode) {
    throw new UsageError(
      `Invalid event: mode: the event's mode is ${JSON.stringify(object.mode)} but the command is "${mode}"`,
      [`mode: expected "${mode}", got ${JSON.stringify(object.mode)}`],
    );
  }
  const { event, notes } = parseEventWithNotes({ ...object, ...overrides, mode });
  if (notes.unknownFields.length > 0)
    warn('event fields outside the contract were ignored', { fields: notes.unknownFields });
  for (const conflict of notes.conflictingAccounts)
    warn('account listed more than once with different names; the first is used', { ...conflict });
  return event as EventFor<M>;
}
