/**
 * A fixed-size Buffer that short XML strings are UTF-8-encoded straight into, handed over whole
 * when the next string might not fit. Shared by the sheet writer (256 KiB chunks to the zip entry)
 * and RowBlockEncoder (1 MiB blocks from a worker). Why not one big string per chunk: V8 builds
 * `+=` results as ropes, and flattening thousands of small pieces costs more than encoding each
 * short string into place (docs/xlsx-writer.md).
 */

/** UTF-8 needs at most 3 bytes per UTF-16 code unit. */
const MAX_UTF8_PER_UNIT = 3;

export class Utf8Chunk {
  readonly size: number;
  #buffer: Buffer;
  #used = 0;

  constructor(size: number) {
    this.size = size;
    this.#buffer = Buffer.allocUnsafe(size);
  }

  /** Bytes encoded since the last {@link take}. */
  get used(): number {
    return this.#used;
  }

  /** True when `text` surely fits in what is left. */
  fits(text: string): boolean {
    return this.#used + text.length * MAX_UTF8_PER_UNIT <= this.size;
  }

  /** True when `text` may not fit even in an empty chunk (the caller sends it on its own). */
  oversized(text: string): boolean {
    return text.length * MAX_UTF8_PER_UNIT > this.size;
  }

  /** Encodes `text` into place; call only when {@link fits} says so. */
  append(text: string): void {
    this.#used += this.#buffer.write(text, this.#used, 'utf8');
  }

  /** The bytes so far; the chunk continues empty on a fresh buffer (the returned one is the caller's). */
  take(): Buffer {
    const bytes = this.#buffer.subarray(0, this.#used);
    this.#buffer = Buffer.allocUnsafe(this.size);
    this.#used = 0;
    return bytes;
  }
}
