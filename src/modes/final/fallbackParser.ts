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

/**
 * Folds the tokenizer's tokens, one at a time, into the header's members and the records. `depth`
 * is the nesting inside the file; `mode` says what the tokens at depth ≥ 2 (or a depth-1 value)
 * are being assembled into.
 */
class TokenFolder {
  readonly header: Record<string, unknown> = {};
  sawRecords = false;
  topLevelSeen = false;
  depth = 0;
  failure: string | null = null;
  #key: string | null = null;
  #mode: 'idle' | 'member' | 'records' | 'record' = 'idle';
  #asm: Assembler | null = null;

  constructor(readonly onRecord: (value: unknown) => void) {}

  consume(token: Token): void {
    if (this.failure) return;
    if (this.depth === 0) this.#topLevel(token.name);
    else if (this.#mode === 'idle') this.#member(token);
    else if (this.#mode === 'records') this.#record(token);
    else this.#assemble(token);
  }

  /** Outside everything: only one object may start here. */
  #topLevel(name: string): void {
    if (this.topLevelSeen || name !== 'startObject') {
      this.failure = 'not a shard file: the top-level JSON value is not an object';
      return;
    }
    this.topLevelSeen = true;
    this.depth = 1;
  }

  /** Directly inside the top-level object: a key, a member value, or the end. */
  #member(token: Token): void {
    const name = token.name;
    if (name === 'keyValue') {
      this.#key = token.value as string;
    } else if (name === 'endObject') {
      this.depth = 0;
    } else if (this.#key === 'records' && name === 'startArray') {
      this.sawRecords = true;
      this.#mode = 'records';
      this.depth = 2;
    } else {
      const asm = new Assembler();
      asm.consume(token as never);
      if (asm.done) this.header[this.#key ?? ''] = asm.current;
      else this.#start(asm, 'member', 2);
    }
  }

  /** Directly inside `records`: a record, or the array's end. */
  #record(token: Token): void {
    if (token.name === 'endArray') {
      this.#mode = 'idle';
      this.depth = 1;
      return;
    }
    const asm = new Assembler();
    asm.consume(token as never);
    if (asm.done) this.onRecord(asm.current);
    else this.#start(asm, 'record', 3);
  }

  #start(asm: Assembler, mode: 'member' | 'record', depth: number): void {
    this.#asm = asm;
    this.#mode = mode;
    this.depth = depth;
  }

  /** Inside a member value or a record: feeds the assembler until the value closes. */
  #assemble(token: Token): void {
    const asm = this.#asm!;
    asm.consume(token as never);
    const name = token.name;
    if (name === 'startObject' || name === 'startArray') this.depth++;
    else if (name === 'endObject' || name === 'endArray') this.depth--;
    if (!asm.done) return;
    if (this.#mode === 'member') {
      this.header[this.#key ?? ''] = asm.current;
      this.#mode = 'idle';
      this.depth = 1;
    } else {
      this.onRecord(asm.current);
      this.#mode = 'records';
      this.depth = 2;
    }
    this.#asm = null;
  }
}

/** Parses a whole shard stream, calling `onRecord` per record. Never throws for bad input. */
export async function parseShardStreaming(
  stream: Readable,
  handlers: FallbackHandlers,
): Promise<FallbackOutcome> {
  const folder = new TokenFolder((value) => handlers.onRecord(value));
  try {
    const tokens = parser.asStream({ packValues: true, streamValues: false });
    const sink = async (source: AsyncIterable<Token>) => {
      for await (const token of source) {
        folder.consume(token);
        if (folder.failure) break;
      }
    };
    await pipeline(stream, tokens, sink);
  } catch (error) {
    if (!folder.failure) folder.failure = `corrupt JSON: ${(error as Error).message}`;
  }
  if (folder.failure) return { ok: false, reason: folder.failure };
  if (!folder.topLevelSeen) return { ok: false, reason: 'empty file' };
  if (folder.depth !== 0)
    return { ok: false, reason: 'corrupt JSON: the file ends before the top-level object closes' };
  return { ok: true, header: folder.header, sawRecords: folder.sawRecords };
}
