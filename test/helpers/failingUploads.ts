/**
 * A LocalStore that records every upload and makes chosen ones fail: the publishing tests use it
 * to stop a run at a given key and check what readers still see.
 */
import type { Readable } from 'node:stream';
import { LocalStore } from '../../src/store/LocalStore.js';

/** A LocalStore whose uploads to `failKey`, or to keys ending in `failSuffix`, fail (mid-body for streams). */
export class FailingUploads extends LocalStore {
  failSuffix: string | null = null;
  failKey: string | null = null;
  /** Keys uploaded successfully, in the order the uploads started. */
  readonly uploads: string[] = [];
  #fails(key: string): boolean {
    return key === this.failKey || (this.failSuffix !== null && key.endsWith(this.failSuffix));
  }
  override async put(key: string, body: string | Uint8Array): Promise<void> {
    if (this.#fails(key)) throw new Error(`simulated put failure on ${key}`);
    this.uploads.push(key);
    return super.put(key, body);
  }
  override async putStream(key: string, body: Readable): Promise<void> {
    if (!this.#fails(key)) {
      this.uploads.push(key);
      return super.putStream(key, body);
    }
    for await (const _chunk of body) throw new Error(`simulated upload failure on ${key}`);
    throw new Error(`simulated upload failure on ${key}`);
  }
}
