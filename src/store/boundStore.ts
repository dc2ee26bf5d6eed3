/**
 * A Store seen through a signal: every call of the wrapped store also obeys `signal` (the CLI's
 * interrupt, a Lambda deadline), and every write is reported to a tracker, so a caller about to exit
 * can wait until they have cleaned up after themselves (temp file removed, multipart upload aborted).
 */
import type { Readable } from 'node:stream';
import { anySignal } from './abort.js';
import type { Store, StoreCallOptions, StoredObject } from './Store.js';

/** Something that follows writes until they settle (the CLI, to wait for them before exiting). */
export interface WriteTracking {
  /** Called with every write as it starts; returns it unchanged. */
  track<T>(write: Promise<T>): Promise<T>;
}

/** `store`, with `signal` added to every call and its writes reported to `writes` (when given). */
export class BoundStore implements Store {
  readonly #inner: Store;
  readonly #signal: AbortSignal | undefined;
  readonly #writes: WriteTracking | undefined;

  constructor(inner: Store, signal: AbortSignal | undefined, writes?: WriteTracking) {
    this.#inner = inner;
    this.#signal = signal;
    this.#writes = writes;
  }

  get location(): string {
    return this.#inner.location;
  }

  put(
    key: string,
    body: string | Uint8Array,
    contentType?: string,
    options?: StoreCallOptions,
  ): Promise<void> {
    const write = this.#inner.put(key, body, contentType, this.#options(options));
    return this.#writes ? this.#writes.track(write) : write;
  }

  putStream(key: string, body: Readable, contentType?: string, options?: StoreCallOptions): Promise<void> {
    const write = this.#inner.putStream(key, body, contentType, this.#options(options));
    return this.#writes ? this.#writes.track(write) : write;
  }

  getText(key: string, options?: StoreCallOptions): Promise<string> {
    return this.#inner.getText(key, this.#options(options));
  }

  getStream(key: string, options?: StoreCallOptions): Promise<Readable> {
    return this.#inner.getStream(key, this.#options(options));
  }

  exists(key: string, options?: StoreCallOptions): Promise<boolean> {
    return this.#inner.exists(key, this.#options(options));
  }

  list(prefix: string, options?: StoreCallOptions): AsyncIterable<StoredObject> {
    return this.#inner.list(prefix, this.#options(options));
  }

  #options(options: StoreCallOptions | undefined): StoreCallOptions {
    const signal = anySignal(options?.signal, this.#signal);
    return signal ? { ...options, signal } : { ...options };
  }
}
