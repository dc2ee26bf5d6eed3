/**
 * Bounded concurrent uploads: at most `limit` in flight, and the producer waits for a free place
 * before it starts the next, so thousands of extracts never mean thousands of open requests (or
 * file handles). The first failure is kept and reported; no new upload starts after it.
 */
export class UploadQueue {
  readonly #limit: number;
  readonly #active = new Set<Promise<void>>();
  #failed = false;
  #error: unknown;

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`upload limit ${limit} must be ≥ 1`);
    this.#limit = limit;
  }

  /** Starts `task` once fewer than `limit` run; rejects (without starting it) after a failure. */
  async add(task: () => Promise<void>): Promise<void> {
    while (this.#active.size >= this.#limit) await Promise.race(this.#active);
    if (this.#failed) throw this.#error;
    const running: Promise<void> = task().then(
      () => {
        this.#active.delete(running);
      },
      (error: unknown) => {
        this.#active.delete(running);
        if (!this.#failed) {
          this.#failed = true;
          this.#error = error;
        }
      },
    );
    this.#active.add(running);
  }

  /** Waits for every started upload; rejects with the first failure. */
  async drain(): Promise<void> {
    while (this.#active.size > 0) await Promise.race(this.#active);
    if (this.#failed) throw this.#error;
  }

  /** Waits for every started upload and forgets any failure (after an error elsewhere). */
  async settle(): Promise<void> {
    while (this.#active.size > 0) await Promise.race(this.#active);
  }
}
