/**
 * A string dictionary: maps each distinct string to a small integer and back. Final mode keeps one
 * per dimension (accounts, regions, rules, owners) so a million winners cost a few numbers each.
 */
export class Interner {
  readonly #ids = new Map<string, number>();
  readonly #values: string[] = [];

  /** The id of `value`, assigning the next one on first sight. */
  id(value: string): number {
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.#values.length;
      this.#ids.set(value, id);
      this.#values.push(value);
    }
    return id;
  }

  /** The id of `value` if it was seen, else undefined. */
  peek(value: string): number | undefined {
    return this.#ids.get(value);
  }

  /** The string behind an id. */
  value(id: number): string {
    const value = this.#values[id];
    if (value === undefined) throw new RangeError(`unknown id ${id}`);
    return value;
  }

  /** Number of distinct strings. */
  get size(): number {
    return this.#values.length;
  }

  /** All strings in id order. */
  values(): readonly string[] {
    return this.#values;
  }
}
