/**
 * The CLI's local-folder store: src/store/LocalStore.ts with `getStream` reading through a stream
 * that owns its file. Workaround: LocalStore.getStream hands `handle.fd` to createReadStream and
 * drops the FileHandle, which the garbage collector then closes under the stream (EBADF during
 * final mode on larger groups). Remove once LocalStore.getStream uses `handle.createReadStream()`.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { LocalStore } from '../store/LocalStore.js';
import { ObjectNotFoundError } from '../store/Store.js';

/** LocalStore whose read streams keep their file open until they end. */
export class CliLocalStore extends LocalStore {
  override async getStream(key: string): Promise<Readable> {
    // exists() runs LocalStore's key checks (it throws UnsafeKeyError for keys that could escape).
    if (!(await this.exists(key))) throw new ObjectNotFoundError(key);
    const path = join(this.root, ...key.split('/'));
    // Open first so a file that vanished fails here rather than inside the consumer's pipeline.
    const handle = await open(path, 'r').catch(() => {
      throw new ObjectNotFoundError(key);
    });
    return handle.createReadStream({ autoClose: true }) as unknown as Readable;
  }
}
