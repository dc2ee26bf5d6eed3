/**
 * s3rver's filesystem store with S3's atomicity. The stock store streams a PUT straight into the
 * object's file (truncating it first) and writes its size, MD5 and metadata in separate steps, so
 * concurrent PUTs to one key interleave into a corrupt object and a GET racing a PUT reads a torn
 * one (a Content-Length the body never reaches). Real S3 never shows either.
 *
 * Here a PUT streams into a temp file beside the object, then commits under a per-key lock:
 * rename over the object (atomic on one filesystem), then MD5 and metadata. Readers take the same
 * lock while they read the metadata and open the file; an open file keeps reading the inode it
 * opened, so a later rename never tears a read in progress.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The object s3rver's controllers hand to `putObject`. */
interface StoreObject {
  bucket: string;
  key: string;
  content: Buffer | Readable;
  metadata: Record<string, unknown>;
}

/** The parts of s3rver's FilesystemStore (untyped CommonJS) this module uses or overrides. */
interface FilesystemStore {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  getMetadata(bucket: string, key: string): Promise<Record<string, unknown>>;
  putMetadata(bucket: string, key: string, metadata: Record<string, unknown>, md5?: string): Promise<void>;
  getObject(bucket: string, key: string, options?: object): Promise<unknown>;
  putObject(object: StoreObject): Promise<{ size: number; md5: string }>;
  copyObject(
    srcBucket: string,
    srcKey: string,
    destBucket: string,
    destKey: string,
    replacementMetadata?: Record<string, unknown>,
  ): Promise<Record<string, unknown>>;
  deleteObject(bucket: string, key: string): Promise<void>;
}

const BaseStore = createRequire(import.meta.url)('s3rver/lib/stores/filesystem.js') as new (
  rootDirectory: string,
) => FilesystemStore;

/**
 * Per-key mutual exclusion for async sections. Re-entrant within one async call chain (the stock
 * store's `getObject` calls `getMetadata`, both locked here).
 */
export class KeyLocks {
  readonly #tails = new Map<string, Promise<void>>();
  readonly #held = new AsyncLocalStorage<ReadonlySet<string>>();

  /** Runs `section` while holding `key`'s lock. */
  async run<T>(key: string, section: () => Promise<T>): Promise<T> {
    const held = this.#held.getStore();
    if (held?.has(key)) return section();
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const tail = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
    this.#tails.set(key, tail);
    await previous;
    try {
      return await this.#held.run(new Set([...(held ?? []), key]), section);
    } finally {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}

/** Streams `content` into `path`; resolves with its size and MD5 once it is all written. */
async function writeWithMd5(
  content: Buffer | Readable,
  path: string,
): Promise<{ size: number; md5: string }> {
  const hash = createHash('md5');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
  await pipeline(source, tap, createWriteStream(path));
  return { size, md5: hash.digest('hex') };
}

/** FilesystemStore whose PUTs are atomic per key (see the module comment). */
export class AtomicFilesystemStore extends BaseStore {
  readonly #locks = new KeyLocks();

  #lock<T>(bucket: string, key: string, section: () => Promise<T>): Promise<T> {
    return this.#locks.run(`${bucket}/${key}`, section);
  }

  override async putObject(object: StoreObject): Promise<{ size: number; md5: string }> {
    const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
    await mkdir(dirname(objectPath), { recursive: true });
    // Beside the object (one filesystem, so rename is atomic); the suffix keeps it out of listings,
    // which only take files ending in `._S3rver_object`.
    const temp = `${objectPath}.sim-tmp-${randomUUID()}`;
    try {
      const written = await writeWithMd5(object.content, temp);
      await this.#lock(object.bucket, object.key, async () => {
        await rename(temp, objectPath);
        await this.putMetadata(object.bucket, object.key, object.metadata, written.md5);
      });
      return written;
    } finally {
      await rm(temp, { force: true });
    }
  }

  override getMetadata(bucket: string, key: string): Promise<Record<string, unknown>> {
    return this.#lock(bucket, key, () => super.getMetadata(bucket, key));
  }

  /** Reads metadata and opens the file under the lock: the stream then reads that one version. */
  override getObject(bucket: string, key: string, options?: object): Promise<unknown> {
    return this.#lock(bucket, key, () => super.getObject(bucket, key, options));
  }

  override copyObject(
    srcBucket: string,
    srcKey: string,
    destBucket: string,
    destKey: string,
    replacementMetadata?: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    return this.#lock(destBucket, destKey, () =>
      super.copyObject(srcBucket, srcKey, destBucket, destKey, replacementMetadata),
    );
  }

  override deleteObject(bucket: string, key: string): Promise<void> {
    return this.#lock(bucket, key, () => super.deleteObject(bucket, key));
  }
}
