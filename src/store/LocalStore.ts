/**
 * A Store on a local folder (the CLI's embedded default). Writes are atomic: the body goes to a
 * temporary file beside the target, then a rename replaces the target in one step. A write that
 * fails or is aborted removes its temporary file before it rejects. Keys are `/`-separated and can
 * never leave the root.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { addAbortSignal, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConfigReportError, ErrorKind } from '../core/errors.js';
import { abandonedOr } from './abort.js';
import { ObjectNotFoundError, type Store, type StoreCallOptions, type StoredObject } from './Store.js';

/** Thrown for a key that is empty, absolute, or would escape the root. */
export class UnsafeKeyError extends ConfigReportError {
  override readonly name = 'UnsafeKeyError';
  readonly kind = ErrorKind.InvalidInput;
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`unsafe key ${JSON.stringify(key)}: ${reason}`);
  }
}

/** Temporary files carry this marker; `list` never shows them. */
const TEMP_MARKER = '.configreport-tmp-';

/** A folder-backed Store. */
export class LocalStore implements Store {
  readonly root: string;
  readonly location: string;

  /** @param root the folder; created on first write. */
  constructor(root: string) {
    this.root = resolve(root);
    this.location = this.root;
  }

  async put(
    key: string,
    body: string | Uint8Array,
    _contentType?: string,
    { signal }: StoreCallOptions = {},
  ): Promise<void> {
    await this.#replace(key, signal, (temp) => writeFile(temp, body, signal ? { signal } : {}));
  }

  async putStream(
    key: string,
    body: Readable,
    _contentType?: string,
    { signal }: StoreCallOptions = {},
  ): Promise<void> {
    await this.#replace(key, signal, async (temp) => {
      const file = createWriteStream(temp);
      try {
        await pipeline(body, file, signal ? { signal } : {});
      } catch (error) {
        // The file may still be opening or closing: removing it before its descriptor is closed
        // could let a late open create it again.
        if (!file.closed) await once(file, 'close').catch(() => {});
        throw error;
      }
    });
  }

  /** Writes a temporary file beside the key's file with `write`, then renames it over the target. */
  async #replace(key: string, signal: AbortSignal | undefined, write: (temp: string) => Promise<void>) {
    const target = this.#path(key);
    signal?.throwIfAborted();
    await mkdir(dirname(target), { recursive: true });
    const temp = tempPath(target);
    try {
      await write(temp);
      // An abort that lands after the last byte must still leave the old object in place.
      signal?.throwIfAborted();
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw abandonedOr(error, signal);
    }
  }

  async getText(key: string, { signal }: StoreCallOptions = {}): Promise<string> {
    try {
      return await readFile(this.#path(key), { encoding: 'utf8', ...(signal ? { signal } : {}) });
    } catch (error) {
      throw abandonedOr(notFound(error, key), signal);
    }
  }

  async getStream(key: string, { signal }: StoreCallOptions = {}): Promise<Readable> {
    signal?.throwIfAborted();
    // Open first so a missing key fails here, not later inside the consumer's pipeline.
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(this.#path(key), 'r');
    } catch (error) {
      throw notFound(error, key);
    }
    // The stream owns the FileHandle: handing out only `handle.fd` would let the garbage collector
    // close the dropped handle under the stream (EBADF on large reads).
    const stream = handle.createReadStream({ autoClose: true });
    return signal ? addAbortSignal(signal, stream) : stream;
  }

  async exists(key: string, { signal }: StoreCallOptions = {}): Promise<boolean> {
    signal?.throwIfAborted();
    try {
      return (await stat(this.#path(key))).isFile();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async *list(prefix: string, { signal }: StoreCallOptions = {}): AsyncIterable<StoredObject> {
    if (prefix !== '') this.#path(prefix.endsWith('/') ? `${prefix}x` : prefix);
    // Start at the deepest folder the prefix names, so listing one group does not walk them all.
    const slash = prefix.lastIndexOf('/');
    const base = slash < 0 ? '' : prefix.slice(0, slash + 1);
    const found: StoredObject[] = [];
    await this.#walk(base, prefix, found, signal);
    found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    yield* found;
  }

  async #walk(folderKey: string, prefix: string, out: StoredObject[], signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(join(this.root, ...folderKey.split('/').filter(Boolean)), {
        withFileTypes: true,
      });
    } catch (error) {
      if (isNotFound(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return;
      throw error;
    }
    for (const entry of entries) {
      const key = `${folderKey}${entry.name}`;
      if (entry.isDirectory()) {
        if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`))
          await this.#walk(`${key}/`, prefix, out, signal);
      } else if (entry.isFile() && key.startsWith(prefix) && !entry.name.includes(TEMP_MARKER)) {
        const info = await stat(join(this.root, ...key.split('/')));
        out.push({ key, size: info.size, lastModified: info.mtime });
      }
    }
  }

  /** Maps a key to a path inside the root, rejecting anything that could escape it. */
  #path(key: string): string {
    if (key === '') throw new UnsafeKeyError(key, 'empty');
    if (key.startsWith('/') || /^[A-Za-z]:/.test(key)) throw new UnsafeKeyError(key, 'absolute');
    if (key.includes('\\') || key.includes('\0')) throw new UnsafeKeyError(key, 'backslash or NUL');
    const segments = key.split('/');
    if (segments.some((s) => s === '..' || s === '.' || s === '')) {
      throw new UnsafeKeyError(key, 'empty, "." or ".." segment');
    }
    if (segments.some((s) => s.includes(TEMP_MARKER))) throw new UnsafeKeyError(key, 'reserved name');
    const path = join(this.root, ...segments);
    if (!path.startsWith(this.root + sep)) throw new UnsafeKeyError(key, 'outside the root');
    return path;
  }
}

function tempPath(target: string): string {
  const slash = target.lastIndexOf(sep);
  return `${target.slice(0, slash + 1)}${TEMP_MARKER}${randomBytes(6).toString('hex')}-${target.slice(slash + 1)}`;
}

function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR';
}

function notFound(error: unknown, key: string): unknown {
  return isNotFound(error) ? new ObjectNotFoundError(key) : error;
}
