/**
 * A Store on an S3 bucket (SDK v3). `put` is one PutObject; `putStream` is a lib-storage multipart
 * Upload (the object appears only when the upload completes, so it is atomic too); `list` reads
 * every ListObjectsV2 page. Every call takes an abort signal (see `StoreCallOptions`).
 */
import { addAbortSignal, Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { abandonedOr } from './abort.js';
import { ObjectNotFoundError, type Store, type StoreCallOptions, type StoredObject } from './Store.js';

/** Multipart part size: 8 MiB keeps memory small (queueSize parts in flight) and stays far below 10,000 parts. */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 4;
/**
 * How long the AbortMultipartUpload of an abandoned upload may take. It runs after the caller's
 * signal fired, so it gets its own bound: within the 5 s the Lambda deadline and the CLI's
 * interrupt leave for clean-up (the bucket's lifecycle rule removes what is still left after 7 days).
 */
const ABORT_UPLOAD_TIMEOUT_MS = 3000;

/** The report bucket's client (src/aws/s3Client.ts), under the name the store's callers know. */
export { createBucketClient as createS3Client } from '../aws/s3Client.js';

/** Options of an S3Store. */
export interface S3StoreOptions {
  /** ListObjectsV2 page size (1–1000; default: the service's 1000). Small values exercise paging. */
  listPageSize?: number;
}

/** A bucket-backed Store. */
export class S3Store implements Store {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #listPageSize: number | undefined;
  readonly location: string;

  constructor(client: S3Client, bucket: string, options: S3StoreOptions = {}) {
    this.#client = client;
    this.#bucket = bucket;
    this.#listPageSize = options.listPageSize;
    this.location = `s3://${bucket}/`;
  }

  async put(
    key: string,
    body: string | Uint8Array,
    contentType?: string,
    { signal }: StoreCallOptions = {},
  ): Promise<void> {
    const command = new PutObjectCommand({
      Bucket: this.#bucket,
      Key: key,
      Body: body,
      ...(contentType ? { ContentType: contentType } : {}),
    });
    await underSignal(signal, (options) => this.#client.send(command, options));
  }

  /**
   * On abort, the in-flight requests are cancelled and the body is ended, so lib-storage's own
   * failure path sends AbortMultipartUpload; the call rejects only after that clean-up.
   */
  async putStream(
    key: string,
    body: Readable,
    contentType?: string,
    { signal }: StoreCallOptions = {},
  ): Promise<void> {
    signal?.throwIfAborted();
    const upload = new Upload({
      client: signal ? abortingClient(this.#client, signal) : this.#client,
      params: {
        Bucket: this.#bucket,
        Key: key,
        Body: body,
        ...(contentType ? { ContentType: contentType } : {}),
      },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      // A failed upload must not leave orphaned parts that cost money and never become an object.
      leavePartsOnError: false,
    });
    // Not `upload.abort()`: its `done()` rejects at once while AbortMultipartUpload is sent later in
    // the background, so a process exiting on the rejection would leave the upload open. Ending the
    // body instead also frees an uploader waiting for the next part.
    const endBody = () => body.destroy(signal?.reason);
    signal?.addEventListener('abort', endBody, { once: true });
    try {
      await upload.done();
    } catch (error) {
      throw abandonedOr(error, signal);
    } finally {
      signal?.removeEventListener('abort', endBody);
    }
  }

  async getText(key: string, options: StoreCallOptions = {}): Promise<string> {
    const body = await this.#get(key, options.signal);
    try {
      return await body.transformToString('utf8');
    } catch (error) {
      throw abandonedOr(error, options.signal);
    }
  }

  async getStream(key: string, { signal }: StoreCallOptions = {}): Promise<Readable> {
    const body = await this.#get(key, signal);
    const stream = body instanceof Readable ? body : Readable.fromWeb(body.transformToWebStream() as never);
    return signal ? addAbortSignal(signal, stream) : stream;
  }

  async exists(key: string, { signal }: StoreCallOptions = {}): Promise<boolean> {
    try {
      const command = new HeadObjectCommand({ Bucket: this.#bucket, Key: key });
      await underSignal(signal, (options) => this.#client.send(command, options));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async *list(prefix: string, { signal }: StoreCallOptions = {}): AsyncIterable<StoredObject> {
    let token: string | undefined;
    do {
      const command = new ListObjectsV2Command({
        Bucket: this.#bucket,
        Prefix: prefix,
        ...(this.#listPageSize ? { MaxKeys: this.#listPageSize } : {}),
        ...(token ? { ContinuationToken: token } : {}),
      });
      const page = await underSignal(signal, (options) => this.#client.send(command, options));
      for (const item of page.Contents ?? []) {
        if (item.Key === undefined) continue;
        yield { key: item.Key, size: item.Size ?? 0, lastModified: item.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async #get(key: string, signal: AbortSignal | undefined) {
    try {
      const command = new GetObjectCommand({ Bucket: this.#bucket, Key: key });
      const output = await underSignal(signal, (options) => this.#client.send(command, options));
      if (!output.Body) throw new ObjectNotFoundError(key);
      return output.Body;
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(key);
      throw error;
    }
  }
}

type Sendable = Parameters<S3Client['send']>[0];

/** Runs one SDK call under a signal; an abandoned call rejects with the signal's reason. */
async function underSignal<T>(
  signal: AbortSignal | undefined,
  call: (options: { abortSignal?: AbortSignal }) => Promise<T>,
): Promise<T> {
  signal?.throwIfAborted();
  try {
    return await call(signal ? { abortSignal: signal } : {});
  } catch (error) {
    throw abandonedOr(error, signal);
  }
}

/**
 * The client as lib-storage sees it: every request carries the signal, except the
 * AbortMultipartUpload that cleans up after it fired, which gets a bounded time of its own.
 */
function abortingClient(client: S3Client, signal: AbortSignal): S3Client {
  return new Proxy(client, {
    get(target, property) {
      if (property !== 'send') return Reflect.get(target, property, target);
      return (command: Sendable, options?: object) =>
        target.send(command as never, {
          ...options,
          abortSignal:
            command instanceof AbortMultipartUploadCommand
              ? AbortSignal.timeout(ABORT_UPLOAD_TIMEOUT_MS)
              : signal,
        });
    },
  });
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
