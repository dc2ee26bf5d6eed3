/**
 * Test helpers for the xlsx writer: write a workbook into memory, unzip it with a tiny independent
 * central-directory reader (node:zlib only, no code shared with the writer), and open it with
 * ExcelJS's reader.
 */
import { Writable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import {
  createWorkbookWriter,
  type WorkbookWriter,
  type WorkbookWriterOptions,
} from '../../../../src/report/xlsx/index.js';

/** A Writable that keeps every byte. */
export class MemorySink extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    done();
  }
  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** Runs `build` against a fresh writer, finalizes it and returns the file plus the writer. */
export async function writeWorkbook(
  build: (wb: WorkbookWriter) => Promise<void>,
  options?: WorkbookWriterOptions,
): Promise<{ file: Buffer; wb: WorkbookWriter }> {
  const sink = new MemorySink();
  const wb = createWorkbookWriter(sink, options);
  await build(wb);
  await wb.finalize();
  return { file: sink.bytes, wb };
}

/** One zip entry as stored. */
export interface ZipEntryInfo {
  name: string;
  method: number;
  dosTime: number;
  dosDate: number;
  data: Buffer;
}

/** Reads every entry via the end-of-central-directory record (no zip64: test files are small). */
export function unzipEntries(file: Buffer): ZipEntryInfo[] {
  let eocd = -1;
  for (let i = file.length - 22; i >= 0; i--) {
    if (file.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end-of-central-directory record');
  const count = file.readUInt16LE(eocd + 10);
  let p = file.readUInt32LE(eocd + 16);
  const out: ZipEntryInfo[] = [];
  for (let i = 0; i < count; i++) {
    if (file.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory record at ${p}`);
    const method = file.readUInt16LE(p + 10);
    const dosTime = file.readUInt16LE(p + 12);
    const dosDate = file.readUInt16LE(p + 14);
    const compressed = file.readUInt32LE(p + 20);
    const nameLen = file.readUInt16LE(p + 28);
    const extraLen = file.readUInt16LE(p + 30);
    const commentLen = file.readUInt16LE(p + 32);
    const local = file.readUInt32LE(p + 42);
    const name = file.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataStart = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    const raw = file.subarray(dataStart, dataStart + compressed);
    out.push({ name, method, dosTime, dosDate, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Part name → XML text. */
export function unzip(file: Buffer): Map<string, string> {
  return new Map(unzipEntries(file).map((e) => [e.name, e.data.toString('utf8')]));
}

/**
 * Runs `build` with `process.env.TZ` set to `zone` (Node applies a new TZ at once), then restores it.
 * The CI machine runs in UTC, where a writer that mixes up local and UTC fields looks right.
 */
export async function inTimeZone<T>(zone: string, build: () => Promise<T>): Promise<T> {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await build();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

/** Opens the file with ExcelJS's (independent) reader. */
export async function readWithExcelJS(file: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  return book;
}

/** The part text or a failed assertion naming the missing part. */
export function part(parts: Map<string, string>, name: string): string {
  const xml = parts.get(name);
  if (xml === undefined) throw new Error(`part ${name} missing; have ${[...parts.keys()].join(', ')}`);
  return xml;
}

/**
 * Well-formedness check with saxes (the strict XML parser ExcelJS uses): throws on malformed
 * markup or characters XML forbids. Returns the element names in document order.
 */
export function parseXml(xml: string): string[] {
  const parser = new SaxesParser();
  const elements: string[] = [];
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    elements.push(tag.name);
  });
  parser.write(xml).close();
  if (failure) throw failure;
  return elements;
}
