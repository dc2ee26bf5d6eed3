/** A minimal in-memory Store for unit tests (the edge of the unit: no disk, no network). */
import { Readable } from 'node:stream';
import { ObjectNotFoundError, type Store, type StoredObject } from '../../src/store/Store.js';

/** A Store in memory; `writes` lists every put, in order. */
export class MemoryStore implements Store {
  readonly location = 'memory://';
  readonly objects = new Map<string, string>();
  readonly writes: string[] = [];

  async put(key: string, body: string | Uint8Array): Promise<void> {
    this.writes.push(key);
    this.objects.set(key, typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
  }

  async putStream(key: string, body: Readable): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
    await this.put(key, Buffer.concat(chunks).toString('utf8'));
  }

  async getText(key: string): Promise<string> {
    const value = this.objects.get(key);
    if (value === undefined) throw new ObjectNotFoundError(key);
    return value;
  }

  async getStream(key: string): Promise<Readable> {
    return Readable.from([await this.getText(key)]);
  }

  async exists(key: string): Promise<boolean> {
    return this.objects.has(key);
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    for (const key of [...this.objects.keys()].sort()) {
      if (key.startsWith(prefix))
        yield { key, size: this.objects.get(key)!.length, lastModified: new Date(0) };
    }
  }
}
