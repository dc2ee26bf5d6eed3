/**
 * Helpers for the final-mode integration tests: a LocalStore in a temp folder, shard and plan
 * writers, one runFinal call, and independent readers for what it wrote (ExcelJS's reader for the
 * workbook, a small zip reader for raw parts, gunzip for the CSV).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { FinalEvent } from '../../../src/core/event.js';
import { batchKey, planKey } from '../../../src/core/keys.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { PlanManifest, ShardFile } from '../../../src/core/model.js';
import { encodeShardToString } from '../../../src/core/shardCodec.js';
import type { FinalSettings } from '../../../src/modes/final/settings.js';
import { type FinalResult, runFinal } from '../../../src/modes/final.js';
import { LocalStore } from '../../../src/store/LocalStore.js';
import { testSettings } from '../../helpers/settings.js';

/** A temp folder with a LocalStore in it. */
export async function tempStore(): Promise<{ store: LocalStore; dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'final-it-'));
  return {
    store: new LocalStore(join(dir, 'store')),
    dir,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Writes a shard in the canonical layout under its seed key (or `name` for a copy under another name). */
export async function putShard(store: LocalStore, shard: ShardFile, prefix = ''): Promise<void> {
  await store.put(batchKey(prefix, shard.group_id, shard.shard_id), encodeShardToString(shard));
}

/** Writes a plan manifest. */
export async function putPlan(store: LocalStore, plan: PlanManifest, prefix = ''): Promise<void> {
  await store.put(planKey(prefix, plan.group_id), JSON.stringify(plan));
}

/** Runs final mode with a fixed clock. */
export async function run(
  store: LocalStore,
  dir: string,
  event: Omit<FinalEvent, 'mode'>,
  overrides: Partial<FinalSettings> = {},
  prefix = '',
): Promise<FinalResult> {
  return runFinal(
    { mode: 'final', ...event },
    {
      store,
      prefix,
      logger: silentLogger,
      clock: () => new Date('2024-05-02T06:00:00.000Z'),
      // In-process by default: a worker costs a second or so to start from source; the worker path
      // is compared byte for byte with this one in shapes.test.ts.
      settings: { ...testSettings().final, workers: 0, ...overrides },
      tempDir: dir,
    },
  );
}

/** Opens a stored workbook with ExcelJS's reader. */
export async function openWorkbook(store: LocalStore, key: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(store.root, key));
  return wb;
}

/** A sheet's rows as plain arrays of cell values (column A first). */
export function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: true }, (row) => {
    const values = row.values as unknown[];
    rows.push(Array.from({ length: width }, (_, i) => values[i + 1] ?? null));
  });
  return rows;
}

/** Rows of a table sheet as objects keyed by the header row. */
export function tableOf(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  const [header, ...rows] = rowsOf(ws);
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [String(h), row[i] ?? null])));
}

/** The parts of a zip file (a small central-directory reader; no code shared with the writer). */
export function unzip(file: Buffer): Map<string, Buffer> {
  let eocd = file.length - 22;
  while (eocd >= 0 && file.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const parts = new Map<string, Buffer>();
  let p = file.readUInt32LE(eocd + 16);
  for (let i = file.readUInt16LE(eocd + 10); i > 0; i--) {
    const method = file.readUInt16LE(p + 10);
    const size = file.readUInt32LE(p + 20);
    const nameLength = file.readUInt16LE(p + 28);
    const next = p + 46 + nameLength + file.readUInt16LE(p + 30) + file.readUInt16LE(p + 32);
    const name = file.toString('utf8', p + 46, p + 46 + nameLength);
    const local = file.readUInt32LE(p + 42);
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    const raw = file.subarray(start, start + size);
    parts.set(name, method === 8 ? inflateRawSync(raw) : raw);
    p = next;
  }
  return parts;
}

/** The stored file's bytes. */
export function readStored(store: LocalStore, key: string): Promise<Buffer> {
  return readFile(join(store.root, key));
}

/** The details CSV's rows (BOM removed; a simple split is enough for the test data, which has no quotes). */
export async function csvRows(store: LocalStore, key: string): Promise<string[]> {
  const text = gunzipSync(await readStored(store, key)).toString('utf8');
  return text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((line) => line !== '');
}
