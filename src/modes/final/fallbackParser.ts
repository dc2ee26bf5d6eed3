/**
 * Streaming reader for shard files that are valid JSON but not in the canonical line layout (for
 * example pretty-printed, or written by another tool). Built on stream-json's tokenizer: the
 * top-level members other than `records` are assembled into the header, and `records` is streamed
 * one element at a time, so a large file never sits in memory whole.
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Assembler from 'stream-json/assembler.js';
import { parser } from 'stream-json/parser.js';

/** Callbacks of the fallback reader. */
export interface FallbackHandlers {
  /** One element of the top-level `records` array. */
  onRecord(value: unknown): void;
}

/** What the fallback reader found. */
export type FallbackOutcome =
  | { ok: true; header: Record<string, unknown>; sawRecords: boolean }
  | { ok: false; reason: string };

type Token = { name: string; value?: unknown };

/** Parses a whole shard stream, calling `onRecord` per record. Never throws for bad input. */
export async function parseShardStreaming(
  stream: Readable,
  handlers: FallbackHandlers,
): Promise<FallbackOutcome> {
  const header: Record<string, unknown> = {};
  let sawRecords = false;
  let depth = 0;
  let key: string | null = null;
  // What the tokens at depth ≥ 2 (or a depth-1 value) are being assembled into.
  let mode: 'idle' | 'member' | 'records' | 'record' = 'idle';
  let asm: Assembler | null = null;
  let topLevelSeen = false;
  let failure: string | null = null;

  const consume = (token: Token): void => {
    if (failure) return;
    const name = token.name;
    const opens = name === 'startObject' || name === 'startArray';
    const closes = name === 'endObject' || name === 'endArray';
    if (depth === 0) {
      if (topLevelSeen || name !== 'startObject') {
        failure = 'not a shard file: the top-level JSON value is not an object';
        return;
      }
      topLevelSeen = true;
      depth = 1;
      return;
    }
    if (mode === 'idle') {
      // Directly inside the top-level object: a key, a member value, or the end.
      if (name === 'keyValue') {
        key = token.value as string;
        return;
      }
      if (name === 'endObject') {
        depth = 0;
        return;
      }
      if (key === 'records' && name === 'startArray') {
        sawRecords = true;
        mode = 'records';
        depth = 2;
        return;
      }
      asm = new Assembler();
      asm.consume(token as never);
      if (asm.done) {
        header[key ?? ''] = asm.current;
        asm = null;
      } else {
        mode = 'member';
        depth = 2;
      }
      return;
    }
    if (mode === 'records') {
      if (name === 'endArray') {
        mode = 'idle';
        depth = 1;
        return;
      }
      asm = new Assembler();
      asm.consume(token as never);
      if (asm.done) {
        handlers.onRecord(asm.current);
        asm = null;
      } else {
        mode = 'record';
        depth = 3;
      }
      return;
    }
    // 'member' or 'record': feed the assembler until its value closes.
    asm!.consume(token as never);
    if (opens) depth++;
    else if (closes) depth--;
    if (asm!.done) {
      if (mode === 'member') {
        header[key ?? ''] = asm!.current;
        mode = 'idle';
        depth = 1;
      } else {
        handlers.onRecord(asm!.current);
        mode = 'records';
        depth = 2;
      }
      asm = null;
    }
  };

  try {
    const tokens = parser.asStream({ packValues: true, streamValues: false });
    const sink = async (source: AsyncIterable<Token>) => {
      for await (const token of source) {
        consume(token);
        if (failure) break;
      }
    };
    await pipeline(stream, tokens, sink);
  } catch (error) {
    if (!failure) failure = `corrupt JSON: ${(error as Error).message}`;
  }
  if (failure) return { ok: false, reason: failure };
  if (!topLevelSeen) return { ok: false, reason: 'empty file' };
  if (depth !== 0)
    return { ok: false, reason: 'corrupt JSON: the file ends before the top-level object closes' };
  return { ok: true, header, sawRecords };
}
