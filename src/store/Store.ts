/**
 * Where shard files, plan manifests and reports live: an S3 bucket or a local folder.
 * Keys are always `/`-separated and already carry REPORT_PREFIX (see src/core/keys.ts).
 */

import type { Readable } from 'node:stream';
import { ConfigReportError, ErrorKind, guardFor } from '../core/errors.js';

/** One listed object. */
export interface StoredObject {
  key: string;
  size: number;
  lastModified: Date;
}

/** Thrown by `get*` when the key does not exist. */
export class ObjectNotFoundError extends ConfigReportError {
  override readonly name = 'ObjectNotFoundError';
  readonly kind = ErrorKind.Failed;
  constructor(readonly key: string) {
    super(`No object at ${key}`);
  }
}

/** True for an {@link ObjectNotFoundError}, also across bundles. */
export const isObjectNotFoundError = guardFor<ObjectNotFoundError>('ObjectNotFoundError');

/** Options of every store call. */
export interface StoreCallOptions {
  /**
   * Abandons the call: it rejects with `signal.reason` (whatever the adapter saw underneath) and a
   * write leaves nothing behind — no temp file, no open multipart upload — before it rejects.
   * Used for the Lambda deadline and for Ctrl-C / SIGTERM.
   */
  signal?: AbortSignal;
}

/** The storage port. Implementations: S3Store (src/store/S3Store.ts), LocalStore (src/store/LocalStore.ts). */
export interface Store {
  /** A human-readable location, for logs and the About sheet (for example `s3://bucket/` or a path). */
  readonly location: string;
  /** One atomic write: readers see the old object or the whole new one, never a part. Overwrites. */
  put(
    key: string,
    body: string | Uint8Array,
    contentType?: string,
    options?: StoreCallOptions,
  ): Promise<void>;
  /** Streams a body of unknown length into the key (multipart on S3, temp file + rename locally). */
  putStream(key: string, body: Readable, contentType?: string, options?: StoreCallOptions): Promise<void>;
  /** Reads a whole object as text. */
  getText(key: string, options?: StoreCallOptions): Promise<string>;
  /** Streams an object; an abort also ends the returned stream with the signal's reason. */
  getStream(key: string, options?: StoreCallOptions): Promise<Readable>;
  /** True when the key exists. */
  exists(key: string, options?: StoreCallOptions): Promise<boolean>;
  /** Every object under the prefix, all pages, in key order. */
  list(prefix: string, options?: StoreCallOptions): AsyncIterable<StoredObject>;
}
