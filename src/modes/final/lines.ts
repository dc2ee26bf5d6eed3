/**
 * Splits a byte stream into lines without decoding the whole stream: each line is handed over as a
 * Buffer (a view into the chunk when it does not straddle chunks), so callers can both parse it and
 * copy its exact bytes elsewhere. Lines end at `\n`; a trailing `\r` is dropped.
 */
import type { Readable } from 'node:stream';

/** How `forEachLine` ended. */
export type LinesOutcome = 'done' | 'stopped' | 'too-long';

/**
 * Calls `onLine` for each line, in order (1-based numbers). Stops early when `onLine` returns
 * false, and reports `too-long` when a line exceeds `maxLineBytes` (without buffering it further).
 * Leaving early destroys the stream.
 */
export async function forEachLine(
  stream: Readable,
  maxLineBytes: number,
  onLine: (line: Buffer, lineNo: number) => boolean | undefined,
): Promise<LinesOutcome> {
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let lineNo = 0;
  const emit = (line: Buffer): boolean => {
    const end = line.length > 0 && line[line.length - 1] === 13 ? line.length - 1 : line.length;
    lineNo++;
    return onLine(end === line.length ? line : line.subarray(0, end), lineNo) !== false;
  };
  for await (const chunk of stream) {
    const buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let start = 0;
    for (;;) {
      const newline = buf.indexOf(10, start);
      if (newline === -1) break;
      let line: Buffer;
      if (pendingLength > 0) {
        pending.push(buf.subarray(start, newline));
        line = Buffer.concat(pending, pendingLength + newline - start);
        pending = [];
        pendingLength = 0;
      } else {
        line = buf.subarray(start, newline);
      }
      if (line.length > maxLineBytes) {
        stream.destroy();
        return 'too-long';
      }
      if (!emit(line)) {
        stream.destroy();
        return 'stopped';
      }
      start = newline + 1;
    }
    if (start < buf.length) {
      // Copy: the chunk may be a pooled buffer that the stream reuses.
      pending.push(Buffer.from(buf.subarray(start)));
      pendingLength += buf.length - start;
      if (pendingLength > maxLineBytes) {
        stream.destroy();
        return 'too-long';
      }
    }
  }
  if (pendingLength > 0 && !emit(Buffer.concat(pending, pendingLength))) return 'stopped';
  return 'done';
}
