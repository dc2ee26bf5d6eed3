/**
 * A Store on an S3 bucket (SDK v3). `put` is one PutObject; `putStream` is a lib-storage multipart
 * Upload (the object appears only when the upload completes, so it is atomic too); `list` reads
 * every ListObjectsV2 page.
 */
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { AwsClientSettings } from '../aws/clientConfig.js';
import { ObjectNotFoundError, type Store, type StoredObject } from './Store.js';

/** Multipart part size: 8 MiB keeps memory small (queueSize parts in flight) and stays far below 10,000 parts. */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 4;

/** Builds the S3 client for the report bucket from the shared client settings. */
export function createS3Client(settings: AwsClientSettings): S3Client {
  const endpoint = settings.endpoints.s3;
  return new S3Client({
    region: settings.region,
    maxAttempts: settings.maxAttempts,
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    // An endpoint override means a local S3-compatible server: buckets go in the path, not the host.
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
  });
}

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

  async put(key: string, body: string | Uint8Array, contentType?: string): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: key,
        Body: body,
        ...(contentType ? { ContentType: contentType } : {}),
      }),
    );
  }

  async putStream(key: string, body: Readable, contentType?: string): Promise<void> {
    const upload = new Upload({
      client: this.#client,
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
    await upload.done();
  }

  async getText(key: string): Promise<string> {
    const body = await this.#get(key);
    return body.transformToString('utf8');
  }

  async getStream(key: string): Promise<Readable> {
    const body = await this.#get(key);
    return body instanceof Readable ? body : Readable.fromWeb(body.transformToWebStream() as never);
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    let token: string | undefined;
    do {
      const page = await this.#client.send(
        new ListObjectsV2Command({
          Bucket: this.#bucket,
          Prefix: prefix,
          ...(this.#listPageSize ? { MaxKeys: this.#listPageSize } : {}),
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const item of page.Contents ?? []) {
        if (item.Key === undefined) continue;
        yield { key: item.Key, size: item.Size ?? 0, lastModified: item.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async #get(key: string) {
    try {
      const output = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      if (!output.Body) throw new ObjectNotFoundError(key);
      return output.Body;
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(key);
      throw error;
    }
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
