/**
 * A set of fixed-width tuples of unsigned 32-bit numbers in flat typed arrays (open addressing,
 * linear probing). Final mode uses it to count distinct resources without one object per record:
 * a `Set<string>` or `Set<number>` of a million entries costs an object (or a heap number) each.
 *
 * Memory: `capacity × (4 × width + 1)` bytes, allocated once; the capacity is the next power of two
 * of 1.5 × the most entries expected, so the table stays between 1/3 and 2/3 full.
 */

/** Fixed-capacity set of `width`-word tuples. */
export class TupleSet {
  readonly #width: number;
  readonly #mask: number;
  readonly #words: Uint32Array;
  readonly #used: Uint8Array;
  #size = 0;
  readonly #limit: number;

  /**
   * @param width words per tuple (1 or more).
   * @param maxEntries the most distinct tuples that will be added (adding more throws).
   */
  constructor(width: number, maxEntries: number) {
    if (!Number.isInteger(width) || width < 1) throw new RangeError(`width must be >= 1, got ${width}`);
    let capacity = 8;
    while (capacity < maxEntries * 1.5) capacity *= 2;
    this.#width = width;
    this.#mask = capacity - 1;
    this.#words = new Uint32Array(capacity * width);
    this.#used = new Uint8Array(capacity);
    this.#limit = Math.max(maxEntries, 0);
  }

  /** Distinct tuples added so far. */
  get size(): number {
    return this.#size;
  }

  /** Adds the tuple (its first `width` numbers, each taken as uint32); true when it was new. */
  add(tuple: ArrayLike<number>): boolean {
    const width = this.#width;
    let h = 0x811c9dc5;
    for (let i = 0; i < width; i++) h = Math.imul(h ^ (tuple[i]! >>> 0), 0x01000193);
    h ^= h >>> 15;
    let slot = (Math.imul(h, 0x2c1b3c6d) >>> 0) & this.#mask;
    const words = this.#words;
    for (;;) {
      if (this.#used[slot] === 0) break;
      const base = slot * width;
      let same = true;
      for (let i = 0; i < width; i++) {
        if (words[base + i] !== tuple[i]! >>> 0) {
          same = false;
          break;
        }
      }
      if (same) return false;
      slot = (slot + 1) & this.#mask;
    }
    if (this.#size >= this.#limit) throw new RangeError(`TupleSet is full (${this.#limit} entries)`);
    this.#used[slot] = 1;
    const base = slot * width;
    for (let i = 0; i < width; i++) words[base + i] = tuple[i]! >>> 0;
    this.#size++;
    return true;
  }
}
