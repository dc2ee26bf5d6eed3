/**
 * The zip container, on yazl: entries are written one after another, each deflated while it
 * streams, and the whole chain — our entry stream → yazl's CRC/deflate transforms → yazl's output
 * → the caller's Writable — is piped, so a slow consumer stops the producer. Any failure along
 * the chain is recorded once and rejects every pending and future wait, so a broken upload can
 * never leave `addRow` hanging.
 */
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { installNativeCrc32 } from './nativeCrc32.js';

installNativeCrc32();

/** Bytes one entry stream buffers before `write` asks the producer to wait. */
const ENTRY_HIGH_WATER_MARK = 256 * 1024;

/** Settings of the zip container. */
export interface ZipSinkOptions {
  /** zlib level 0–9 for every entry. */
  compressionLevel: number;
  /** Modification time stamped on every entry (DOS time: local wall-clock fields are stored). */
  mtime: Date;
}

/** An entry being streamed: write returns false when the caller should `await drained()`. */
export interface ZipEntryStream {
  write(chunk: Buffer): boolean;
  /** Resolves when the entry can take more data; rejects if the zip chain failed. */
  drained(): Promise<void>;
  end(chunk?: Buffer): void;
  /** The zip chain's first error, if it failed. */
  readonly failure: Error | undefined;
}

/** A streaming zip writer bound to one output. */
export class ZipSink {
  readonly #zip = new ZipFile();
  readonly #options: ZipSinkOptions;
  readonly #done: Promise<void>;
  readonly #waiters = new Set<(error: Error) => void>();
  #failure: Error | undefined;

  constructor(output: Writable, options: ZipSinkOptions) {
    this.#options = options;
    this.#zip.on('error', (error: Error) => this.#fail(error));
    // yazl writes to its output directly; after a failed pipeline that write errors again, and an
    // 'error' without a listener would crash the process.
    (this.#zip.outputStream as PassThrough).on('error', (error: Error) => this.#fail(error));
    // Rejection is recorded here, not left unhandled; `end` rethrows it.
    this.#done = pipeline(this.#zip.outputStream, output).then(
      () => undefined,
      (error: unknown) => this.#fail(error instanceof Error ? error : new Error(String(error))),
    );
  }

  /** The first error of the chain, if any. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  #fail(error: Error): void {
    if (this.#failure) return;
    this.#failure = error;
    for (const reject of this.#waiters) reject(error);
    this.#waiters.clear();
  }

  #entryOptions() {
    // forceDosTimestamp drops the extra Unix-time field, whose value would depend on the time zone.
    return {
      mtime: this.#options.mtime,
      forceDosTimestamp: true,
      compressionLevel: this.#options.compressionLevel,
    };
  }

  /** Starts an entry fed by the returned stream; later entries follow it in the zip. */
  openEntry(path: string): ZipEntryStream {
    const source = new PassThrough({ highWaterMark: ENTRY_HIGH_WATER_MARK });
    this.#zip.addReadStream(source, path, this.#entryOptions());
    const sink = this;
    return {
      write(chunk) {
        sink.#throwIfFailed();
        return source.write(chunk);
      },
      drained: () => this.#drained(source),
      end(chunk) {
        sink.#throwIfFailed();
        if (chunk === undefined) source.end();
        else source.end(chunk);
      },
      get failure() {
        return sink.#failure;
      },
    };
  }

  #throwIfFailed(): void {
    if (this.#failure) throw this.#failure;
  }

  #drained(source: PassThrough): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (!source.writableNeedDrain) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onDrain = (): void => {
        this.#waiters.delete(onError);
        resolve();
      };
      const onError = (error: Error): void => {
        source.off('drain', onDrain);
        reject(error);
      };
      this.#waiters.add(onError);
      source.once('drain', onDrain);
    });
  }

  /** Adds a small part held in memory (deflated by yazl off the main thread). */
  addText(path: string, xml: string): void {
    if (this.#failure) throw this.#failure;
    this.#zip.addBuffer(Buffer.from(xml, 'utf8'), path, this.#entryOptions());
  }

  /** Writes the central directory and resolves once the output has flushed every byte. */
  async end(): Promise<void> {
    if (this.#failure) throw this.#failure;
    this.#zip.end();
    await this.#done;
    if (this.#failure) throw this.#failure;
  }
}
