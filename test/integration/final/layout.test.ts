/**
 * The workbook as people see it: a simulated org with faults is collected by batch mode and
 * reduced by final mode (the real pipeline, like the demo), then
 * - its XML is read back: every wrapped cell's row is tall enough for its lines, every sheet
 *   carries its real `<dimension>`, the long tables repeat their header row and print at 100 %;
 * - when LibreOffice and pdftotext are installed, it is printed to PDF (one conversion) and no
 *   line of text may be printed over another, every unscaled page must start with a header row,
 *   and the Details sheet must print at full size.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index.js';
import type { RunningSimulator } from '../../../simulator/types.js';
import { rowHeightPt, wrappedLineCount } from '../../../src/report/xlsx/rowHeight.js';
import {
  overprintedWords,
  type PdfWord,
  pdfWords,
  unformattedNumbers,
  wrappedCells,
} from '../../helpers/layoutCheck.js';
import { batchEvent, collect, memberAccounts } from '../batch/helpers.js';
import { readStored, run, tempStore, unzip } from './helpers.js';

const has = (cmd: string) => spawnSync('which', [cmd]).status === 0;
const soffice = ['soffice', 'libreoffice'].find(has);
const canPrint = soffice !== undefined && has('pdftotext');

let sim: RunningSimulator;
let env: Awaited<ReturnType<typeof tempStore>>;
let xlsxPath: string;
let parts: Map<string, Buffer>;
let sheets: { name: string; xml: string }[];

beforeAll(async () => {
  sim = await startSimulator({
    accounts: 7,
    seed: 41,
    regions: ['us-east-1', 'eu-west-1'],
    resourcesPerRegion: 5,
    rulesPerRegion: 8,
    s3: false,
  });
  const members = memberAccounts(sim);
  // The faults the demo has: a denied role (long AccessDenied reasons) and Config off in a region.
  sim.denyRole(members[1]!.account_id, true);
  sim.setConfigEnabled(members[2]!.account_id, 'eu-west-1', false);
  env = await tempStore();
  const half = Math.ceil(members.length / 2);
  await collect(sim, env.store, batchEvent(sim, { accounts: members.slice(0, half), shard_id: 'a' }));
  await collect(sim, env.store, batchEvent(sim, { accounts: members.slice(half), shard_id: 'b' }));
  const result = await run(env.store, env.dir, { group_id: '2026-01-01' });
  const file = await readStored(env.store, result.keys.xlsx);
  xlsxPath = join(env.dir, 'report.xlsx');
  await writeFile(xlsxPath, file);
  parts = unzip(file);
  const workbook = parts.get('xl/workbook.xml')!.toString();
  sheets = [...workbook.matchAll(/<sheet name="([^"]+)" sheetId="(\d+)"/g)].map((m) => ({
    name: m[1]!.replace(/&amp;/g, '&'),
    xml: parts.get(`xl/worksheets/sheet${m[2]}.xml`)!.toString(),
  }));
}, 120_000);
afterAll(async () => {
  await sim?.stop();
  await env?.cleanup();
});

describe('the report workbook, read back', () => {
  it('gives every row with wrapped text at least the height its lines need', () => {
    const styles = parts.get('xl/styles.xml')!.toString();
    let checked = 0;
    const multiLine = new Set<string>();
    for (const sheet of sheets) {
      for (const cell of wrappedCells(sheet.xml, styles)) {
        checked++;
        const lines = wrappedLineCount(cell.text, cell.width, cell.font);
        if (lines > 1) multiLine.add(sheet.name);
        expect(cell.rowHeight, `${sheet.name}!${cell.ref}: ${lines} lines`).toBeGreaterThanOrEqual(
          rowHeightPt(lines, cell.font),
        );
      }
    }
    expect(checked).toBeGreaterThan(50);
    // Wrapped text that needs more than one line really occurs where it used to overprint.
    for (const name of ['Summary', 'Coverage', 'Accounts', 'About']) expect(multiLine).toContain(name);
  });

  it('formats every number: counts with thousands separators, ratios as percentages, dates', () => {
    const styles = parts.get('xl/styles.xml')!.toString();
    for (const { name, xml } of sheets) expect(unformattedNumbers(xml, styles), name).toEqual([]);
  });

  it("fits the charts' value axes to the data instead of 0–100 %", () => {
    const charts = [...parts].filter(([key]) => key.startsWith('xl/charts/'));
    expect(charts).toHaveLength(2);
    for (const [key, xml] of charts) {
      const text = xml.toString();
      const values = [...text.matchAll(/<c:pt idx="\d+"><c:v>([\d.]+)<\/c:v>/g)]
        .map((m) => Number(m[1]))
        .filter((v) => !Number.isNaN(v));
      const min = Number(/<c:min val="([\d.]+)"/.exec(text)![1]);
      const max = Number(/<c:max val="([\d.]+)"/.exec(text)![1]);
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      expect(min, key).toBeLessThanOrEqual(lo);
      expect(lo - min, key).toBeLessThanOrEqual(0.2 + 1e-9);
      expect(max, key).toBeGreaterThanOrEqual(hi);
      expect(max - hi, key).toBeLessThan(0.1 + 1e-9);
    }
  });

  it('writes each sheet its real dimension up front', () => {
    for (const { name, xml } of sheets) {
      const dimension = /<dimension ref="A1(?::([A-Z]+)(\d+))?"\/>/.exec(xml);
      expect(dimension, name).not.toBeNull();
      expect(xml.indexOf('<dimension'), name).toBeLessThan(xml.indexOf('<sheetData'));
      const rows = [...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
      const cols = [...xml.matchAll(/<c r="([A-Z]+)\d+"/g)].map((m) => m[1]!);
      const widest = cols.reduce(
        (a, b) => (b.length > a.length || (b.length === a.length && b > a) ? b : a),
        'A',
      );
      expect(Number(dimension![2] ?? 1), name).toBe(Math.max(...rows));
      const last = dimension![1] ?? 'A';
      expect(last.length > widest.length || (last.length === widest.length && last >= widest), name).toBe(
        true,
      );
    }
  });

  it('repeats the header row of the long tables on every printed page, at 100 %', () => {
    const workbook = parts.get('xl/workbook.xml')!.toString();
    for (const name of ['Non-Compliant', 'Details']) {
      const index = sheets.findIndex((s) => s.name === name);
      expect(workbook).toContain(
        `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">'${name}'!$1:$1</definedName>`,
      );
      expect(sheets[index]!.xml).not.toContain('fitToPage');
    }
    expect(sheets[0]!.xml).toContain('fitToPage="1"');
  });
});

describe.skipIf(!canPrint)('the report workbook, printed by LibreOffice', () => {
  let words: PdfWord[];
  beforeAll(() => {
    // One conversion, with a private profile so parallel runs do not share LibreOffice's lock.
    execFileSync(
      soffice!,
      [
        `-env:UserInstallation=file://${env.dir}/lo-profile`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        env.dir,
        xlsxPath,
      ],
      { stdio: 'ignore', timeout: 240_000 },
    );
    words = pdfWords(join(env.dir, 'report.pdf'));
  }, 300_000);

  it('prints no line of text over another', () => {
    expect(words.length).toBeGreaterThan(1000);
    const hits = overprintedWords(words).map(
      ([a, b]) =>
        `page ${a.page}: "${a.text}" (y ${a.yMin.toFixed(1)}) over "${b.text}" (y ${b.yMin.toFixed(1)})`,
    );
    expect(hits).toEqual([]);
  });

  it('starts every full-size page with a header row, and prints Details at full size', () => {
    const headerWords = new Set(
      sheets.flatMap(({ xml }) => {
        const first = /<row r="1"[^>]*>(.*?)<\/row>/.exec(xml)?.[1] ?? '';
        return [...first.matchAll(/<t[^>]*>(.*?)<\/t>/g)].flatMap((m) => m[1]!.split(/\s+/));
      }),
    );
    const pages = new Map<number, PdfWord[]>();
    for (const w of words) {
      const page = pages.get(w.page);
      if (page) page.push(w);
      else pages.set(w.page, [w]);
    }
    const height = (w: PdfWord) => w.yMax - w.yMin;
    // 11 pt text at 100 % gives boxes of about 14 pt; a sheet scaled to one page wide, far less.
    const fullSize = [...pages.values()].filter((page) => Math.min(...page.map(height)) >= 10);
    expect(fullSize.length).toBeGreaterThan(3);
    for (const page of fullSize) {
      const top = page.reduce((a, b) => (b.yMin < a.yMin ? b : a));
      expect(headerWords, `page ${top.page} starts with "${top.text}"`).toContain(top.text);
    }
    // "invoked" is a word of Details' header alone ("Rule invoked (UTC)").
    const details = words.filter((w) => w.text === 'invoked');
    expect(details.length).toBeGreaterThan(0);
    for (const w of details) expect(height(w), `page ${w.page}`).toBeGreaterThanOrEqual(10);
  });
});
