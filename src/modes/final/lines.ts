/**
 * Splits bytes into lines without decoding the whole input: each line is handed over as a Buffer
 * (a view into the chunk when it does not straddle chunks). Lines end at `\n`; a trailing `\r` is
 * dropped. `LineSplitter` is push-based (a worker feeds it chunks from messages); `forEachLine`
 * drives it from a stream.
 */
import type { Readable } from 'node:stream';

/** How splitting ended. */
export type LinesOutcome = 'done' | 'stopped' | 'too-long';

/** Push-based splitter: `push` chunks, then `end`; `onLine` returning false stops it. */
export class LineSplitter {
  #pending: Buffer[] = [];
  #pendingLength = 0;
  #lineNo = 0;
  #state: 'open' | LinesOutcome = 'open';

  constructor(
    readonly maxLineBytes: number,
    readonly onLine: (line: Buffer, lineNo: number) => boolean | undefined,
  ) {}

  /** 'open' while more input is wanted, else how it ended. */
  get state(): 'open' | LinesOutcome {
    return this.#state;
  }

  /** Feeds a chunk. The chunk may be reused by the caller afterwards: partial lines are copied. */
  push(buf: Buffer): void {
    if (this.#state !== 'open') return;
    let start = 0;
    for (;;) {
      const newline = buf.indexOf(10, start);
      if (newline === -1) break;
      let line: Buffer;
      if (this.#pendingLength > 0) {
        this.#pending.push(buf.subarray(start, newline));
        line = Buffer.concat(this.#pending, this.#pendingLength + newline - start);
        this.#pending = [];
        this.#pendingLength = 0;
      } else {
        line = buf.subarray(start, newline);
      }
      if (line.length > this.maxLineBytes) {
        this.#state = 'too-long';
        return;
      }
      if (!this.#emit(line)) return;
      start = newline + 1;
    }
    if (start < buf.length) {
      this.#pending.push(Buffer.from(buf.subarray(start)));
      this.#pendingLength += buf.length - start;
      if (this.#pendingLength > this.maxLineBytes) this.#state = 'too-long';
    }
  }

  /** Ends the input: a last line without `\n` is still a line. */
  end(): LinesOutcome {
    if (this.#state === 'open') {
      if (this.#pendingLength > 0) this.#emit(Buffer.concat(this.#pending, this.#pendingLength));
      if (this.#state === 'open') this.#state = 'done';
    }
    this.#pending = [];
    return this.#state as LinesOutcome;
  }

  #emit(line: Buffer): boolean {
    const end = line.length > 0 && line[line.length - 1] === 13 ? line.length - 1 : line.length;
    this.#lineNo++;
    if (this.onLine(end === line.length ? line : line.subarray(0, end), this.#lineNo) === false) {
      this.#state = 'stopped';
      return false;
    }
    return true;
  }
}

/**
 * Calls `onLine` for each line of a stream, in order (1-based numbers). Stops early when `onLine`
 * returns false, and reports `too-long` when a line exceeds `maxLineBytes` (without buffering it
 * further). Leaving early destroys the stream.
 */
export async function forEachLine(
  stream: Readable,
  maxLineBytes: number,
  onLine: (line: Buffer, lineNo: number) => boolean | undefined,
): Promise<LinesOutcome> {
  const splitter = new LineSplitter(maxLineBytes, onLine);
  for await (const chunk of stream) {
    splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    if (splitter.state !== 'open') {
      stream.destroy();
      return splitter.state;
    }
  }
  return splitter.end();
}
