import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalStore, UnsafeKeyError } from '../../../src/store/LocalStore.js';
import { ObjectNotFoundError } from '../../../src/store/Store.js';

async function text(stream: Readable): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += String(chunk);
  return out;
}

describe('LocalStore', () => {
  let root: string;
  let store: LocalStore;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'local-store-'));
    store = new LocalStore(join(root, 'data'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('writes, overwrites and reads back, creating folders as needed', async () => {
    await store.put('batches/g/01.json', 'first');
    await store.put('batches/g/01.json', new TextEncoder().encode('second'));
    expect(await store.getText('batches/g/01.json')).toBe('second');
    expect(await text(await store.getStream('batches/g/01.json'))).toBe('second');
    expect(await store.exists('batches/g/01.json')).toBe(true);
    expect(await store.exists('batches/g/02.json')).toBe(false);
    expect(await store.exists('batches/g')).toBe(false);
  });

  it('streams a body into place and leaves no temporary file behind', async () => {
    await store.putStream('reports/r.xlsx', Readable.from(['a', 'b', 'c']));
    expect(await store.getText('reports/r.xlsx')).toBe('abc');
    expect(await readdir(join(root, 'data', 'reports'))).toEqual(['r.xlsx']);
  });

  it('keeps the old object when a streamed write fails half way', async () => {
    await store.put('k.json', 'old');
    const broken = new Readable({
      read() {
        this.push('partial');
        this.destroy(new Error('source broke'));
      },
    });
    await expect(store.putStream('k.json', broken)).rejects.toThrow('source broke');
    expect(await store.getText('k.json')).toBe('old');
    expect(await readdir(join(root, 'data'))).toEqual(['k.json']);
  });

  it('removes its temp file when a streamed write is aborted half way, and keeps the old object', async () => {
    await store.put('reports/r.xlsx', 'old');
    const controller = new AbortController();
    const reason = new Error('interrupted');
    // A body that has sent part of the report and would finish as soon as the abort comes: only
    // a store that honours the signal stops it.
    const body = new Readable({ read() {} });
    body.push('partial workbook');
    controller.signal.addEventListener('abort', () => {
      body.push(' rest');
      body.push(null);
    });
    const write = store.putStream('reports/r.xlsx', body, undefined, { signal: controller.signal }).then(
      () => 'completed',
      (error: unknown) => error,
    );
    const folder = join(root, 'data', 'reports');
    await expect
      .poll(async () => (await readdir(folder)).some((n) => n.includes('.configreport-tmp-')))
      .toBe(true);
    controller.abort(reason);
    expect(await write).toBe(reason);
    expect(await readdir(folder)).toEqual(['r.xlsx']);
    expect(await store.getText('reports/r.xlsx')).toBe('old');
  });

  it('writes nothing and reads nothing once the signal has fired', async () => {
    const reason = new Error('too late');
    const signal = AbortSignal.abort(reason);
    await expect(store.put('k.json', 'x', undefined, { signal })).rejects.toBe(reason);
    await expect(store.putStream('k.json', Readable.from(['x']), undefined, { signal })).rejects.toBe(reason);
    expect(await readdir(root)).toEqual([]);
    await store.put('k.json', 'x');
    await expect(store.getText('k.json', { signal })).rejects.toBe(reason);
    await expect(store.getStream('k.json', { signal })).rejects.toBe(reason);
  });

  it('reports a missing key as ObjectNotFoundError', async () => {
    await expect(store.getText('nope.json')).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(store.getStream('nope.json')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('lists every object under a prefix in key order, with sizes', async () => {
    for (const key of [
      'batches/g/10.json',
      'batches/g/02.json',
      'batches/g2/01.json',
      'plans/g/manifest.json',
    ]) {
      await store.put(key, key);
    }
    const listed = [];
    for await (const item of store.list('batches/g/')) listed.push(item);
    expect(listed.map((o) => o.key)).toEqual(['batches/g/02.json', 'batches/g/10.json']);
    expect(listed[0]!.size).toBe('batches/g/02.json'.length);
    const partial = [];
    for await (const item of store.list('batches/g')) partial.push(item.key);
    expect(partial).toEqual(['batches/g/02.json', 'batches/g/10.json', 'batches/g2/01.json']);
    const none = [];
    for await (const item of store.list('missing/')) none.push(item);
    expect(none).toEqual([]);
  });

  it.each(['../escape.json', 'a/../../escape.json', '/etc/passwd', 'a//b', './a', 'a\\..\\b', '', 'C:/x'])(
    'rejects the unsafe key %j without touching the disk',
    async (key) => {
      await expect(store.put(key, 'x')).rejects.toBeInstanceOf(UnsafeKeyError);
      await expect(store.getText(key)).rejects.toBeInstanceOf(UnsafeKeyError);
    },
  );
});
