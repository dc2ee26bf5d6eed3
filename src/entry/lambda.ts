/**
 * Lambda entry point (in progress: the batch-mode work replaces this file).
 */
import { parseEvent } from '../core/event.js';

/** Validates the event and dispatches on mode. */
export async function handler(event: unknown): Promise<unknown> {
  const parsed = parseEvent(event);
  throw new Error(`mode ${parsed.mode} is not wired yet`);
}
