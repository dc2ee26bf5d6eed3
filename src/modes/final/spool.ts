/**
 * The spool: a temp file holding the body of every accepted record, so the reduce phase keeps only
 * compact winners in memory and can still emit full rows later, in sorted order. Writes are
 * buffered; reads are planned over the whole output order so runs of neighbouring records become
 * one read (sequential input costs few syscalls, random input still works).
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { ConfigReportError, ErrorKind } from '../../core/errors.js';

const WRITE_BUFFER = 1 << 20;
const READ_SPAN = 8 << 20;
const READ_GAP = 64 << 10;
/**
 * A read may fetch up to this many times the bytes it needs (plus READ_GAP): sorted output visits
 * an account's records back and forth within the few hundred KiB they were spooled in, so one
 * read of that span (a memcpy from the page cache) replaces one system call per two records.
 */
const READ_DENSITY = 8;
/** Stop looking further ahead after this many slots that did not extend the planned read. */
const PLAN_PATIENCE = 64;

/** A spool file does not hold what the winner table says it does (changed or cut short on disk). */
export class SpoolError extends ConfigReportError {
  override readonly name = 'SpoolError';
  readonly kind = ErrorKind.Failed;
}

/** Appends byte strings to a file and returns where each landed. */
export class SpoolWriter {
  readonly #fd: number;
  readonly #buffer = Buffer.allocUnsafe(WRITE_BUFFER);
  #used = 0;
  #flushed = 0;
  #closed = false;

  constructor(readonly path: string) {
    this.#fd = openSync(path, 'w', 0o600);
  }

  /** Bytes appended so far. */
  get size(): number {
    return this.#flushed + this.#used;
  }

  /** Appends bytes (a Buffer, or a string encoded as UTF-8); returns their offset and length. */
  append(bytes: Buffer | string): { offset: number; length: number } {
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    const offset = this.size;
    if (data.length > WRITE_BUFFER - this.#used) {
      this.#flush();
      if (data.length > WRITE_BUFFER) {
        this.#writeAll(data);
        this.#flushed += data.length;
        return { offset, length: data.length };
      }
    }
    data.copy(this.#buffer, this.#used);
    this.#used += data.length;
    return { offset, length: data.length };
  }

  /** Appends a string as UTF-8 without an intermediate Buffer; returns its offset and byte length. */
  appendText(text: string): { offset: number; length: number } {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes, so this much room always suffices.
    const worst = text.length * 3;
    if (worst > WRITE_BUFFER) return this.append(text);
    if (worst > WRITE_BUFFER - this.#used) this.#flush();
    const offset = this.size;
    const length = this.#buffer.write(text, this.#used, 'utf8');
    this.#used += length;
    return { offset, length };
  }

  /** Flushes and closes the file (it stays on disk for the reader). */
  close(): void {
    if (this.#closed) return;
    this.#flush();
    closeSync(this.#fd);
    this.#closed = true;
  }

  #flush(): void {
    if (this.#used === 0) return;
    this.#writeAll(this.#buffer.subarray(0, this.#used));
    this.#flushed += this.#used;
    this.#used = 0;
  }

  #writeAll(data: Buffer): void {
    let done = 0;
    while (done < data.length) done += writeSync(this.#fd, data, done, data.length - done, null);
  }
}

/**
 * Reads spooled records back from one or more spool files (file number = index in `paths`). Files are
 * opened and the read buffer allocated on first read, so a reader that ends up unused (final mode
 * hands the big sheets to worker threads that read the spool themselves) costs nothing.
 */
export class SpoolReader {
  readonly #fds: (number | undefined)[];
  #buffer = Buffer.alloc(0);
  #reads = 0;

  constructor(readonly paths: readonly string[]) {
    this.#fds = paths.map(() => undefined);
  }

  /** System calls made to read so far (for tests and benchmarks). */
  get reads(): number {
    return this.#reads;
  }

  /**
   * Yields `[slot, text]` for every slot in `order`, reading `lengths[slot]` bytes at
   * `offsets[slot]` of file `files[slot]`. The next slots of one file whose bytes lie within
   * READ_SPAN — in any order — are read at once while that reads at most READ_DENSITY times the
   * bytes they need (plus READ_GAP).
   */
  *read(
    order: ArrayLike<number>,
    files: ArrayLike<number>,
    offsets: ArrayLike<number>,
    lengths: ArrayLike<number>,
  ): Generator<[slot: number, text: string]> {
    let i = 0;
    while (i < order.length) {
      const first = order[i]!;
      const file = files[first]!;
      let lo = offsets[first]!;
      let hi = lo + lengths[first]!;
      let need = hi - lo;
      // The planned read: slots i..end-1, bytes [start, stop).
      let end = i + 1;
      let start = lo;
      let stop = hi;
      for (let j = i + 1; j < order.length && j - end < PLAN_PATIENCE; j++) {
        const slot = order[j]!;
        if (files[slot] !== file) break;
        const offset = offsets[slot]!;
        const next = offset + lengths[slot]!;
        const newLo = Math.min(offset, lo);
        const newHi = Math.max(next, hi);
        if (newHi - newLo > READ_SPAN) break;
        lo = newLo;
        hi = newHi;
        need += next - offset;
        if (hi - lo <= need * READ_DENSITY + READ_GAP) {
          end = j + 1;
          start = lo;
          stop = hi;
        }
      }
      const span = stop - start;
      if (span > this.#buffer.length) this.#buffer = Buffer.allocUnsafe(Math.max(span, READ_SPAN));
      this.#readAll(file, start, span);
      for (let k = i; k < end; k++) {
        const slot = order[k]!;
        const from = offsets[slot]! - start;
        yield [slot, this.#buffer.toString('utf8', from, from + lengths[slot]!)];
      }
      i = end;
    }
  }

  /** Closes the files opened so far. */
  close(): void {
    for (const fd of this.#fds) if (fd !== undefined) closeSync(fd);
    this.#fds.fill(undefined);
  }

  #readAll(file: number, position: number, length: number): void {
    const path = this.paths[file];
    if (path === undefined) throw new RangeError(`no spool file ${file}`);
    let fd = this.#fds[file];
    if (fd === undefined) {
      fd = openSync(path, 'r');
      this.#fds[file] = fd;
    }
    let done = 0;
    while (done < length) {
      const n = readSync(fd, this.#buffer, done, length - done, position + done);
      this.#reads++;
      if (n === 0) throw new SpoolError(`spool ${this.paths[file]} is shorter than expected`);
      done += n;
    }
  }
}

/** Removes a spool file, ignoring one that is already gone. */
export function removeSpool(path: string): void {
  rmSync(path, { force: true });
}
