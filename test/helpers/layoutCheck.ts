/**
 * Readers for layout tests, independent of the writer: the wrapped cells of a worksheet part (from
 * its XML and styles.xml, with a few regular expressions rather than the writer's code) and the
 * word boxes of a PDF (`pdftotext -bbox`), to find text printed over other text.
 */
import { execFileSync } from 'node:child_process';

/** A cell whose style wraps text, with what its row's height must hold. */
export interface WrappedCell {
  ref: string;
  row: number;
  text: string;
  /** Width in characters: the column's, or the merged range's. */
  width: number;
  font: { sizePt: number; bold: boolean };
  /** The row's height in points (15, Excel's default, when the row has none). */
  rowHeight: number;
}

const DEFAULT_WIDTH = 8.43;
const DEFAULT_ROW_PT = 15;

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&');

/** 0-based column of a letter reference (`B7` → 1). */
function columnOf(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)![0];
  return [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
}

/** For each cellXfs index: whether it wraps, and its font. */
export function wrapStyles(stylesXml: string): Map<number, { sizePt: number; bold: boolean }> {
  const fonts = [
    ...(/<fonts[^>]*>(.*?)<\/fonts>/.exec(stylesXml)?.[1] ?? '').matchAll(/<font>(.*?)<\/font>/g),
  ].map((m) => ({
    sizePt: Number(/<sz val="([\d.]+)"/.exec(m[1]!)?.[1] ?? 11),
    bold: m[1]!.includes('<b/>'),
  }));
  const xfs = [
    ...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '').matchAll(
      /<xf [^>]*?(?:\/>|>.*?<\/xf>)/g,
    ),
  ];
  const wrapping = new Map<number, { sizePt: number; bold: boolean }>();
  xfs.forEach((m, i) => {
    if (!m[0].includes('wrapText="1"')) return;
    wrapping.set(i, fonts[Number(/fontId="(\d+)"/.exec(m[0])![1])]!);
  });
  return wrapping;
}

/** References of number cells shown in the General format (`7486`, `0.8`) rather than a chosen one. */
export function unformattedNumbers(sheetXml: string, stylesXml: string): string[] {
  const xfs = [
    ...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '').matchAll(
      /<xf [^>]*?(?:\/>|>.*?<\/xf>)/g,
    ),
  ].map((m) => Number(/numFmtId="(\d+)"/.exec(m[0])![1]));
  const refs: string[] = [];
  // A number cell has no t attribute (or t="n") and a <v>.
  for (const c of sheetXml.matchAll(/<c r="([A-Z]+\d+)"( s="(\d+)")?( t="n")?><v>/g)) {
    if (xfs[Number(c[3] ?? 0)] === 0) refs.push(c[1]!);
  }
  return refs;
}

/** Every text cell of a worksheet whose style wraps. */
export function wrappedCells(sheetXml: string, stylesXml: string): WrappedCell[] {
  const wrapping = wrapStyles(stylesXml);
  const widths = new Map<number, number>();
  for (const m of sheetXml.matchAll(/<col min="(\d+)" max="(\d+)" width="([\d.]+)"/g)) {
    for (let c = Number(m[1]); c <= Number(m[2]); c++) widths.set(c - 1, Number(m[3]));
  }
  const widthOf = (col: number) => widths.get(col) ?? DEFAULT_WIDTH;
  const merged = new Map<string, number>();
  for (const m of sheetXml.matchAll(/<mergeCell ref="([A-Z]+\d+):([A-Z]+\d+)"\/>/g)) {
    let width = 0;
    for (let c = columnOf(m[1]!); c <= columnOf(m[2]!); c++) width += widthOf(c);
    merged.set(m[1]!, width);
  }
  const cells: WrappedCell[] = [];
  for (const row of sheetXml.matchAll(/<row r="(\d+)"([^>]*)>(.*?)<\/row>/g)) {
    const rowHeight = Number(/ht="([\d.]+)"/.exec(row[2]!)?.[1] ?? DEFAULT_ROW_PT);
    for (const c of row[3]!.matchAll(/<c r="([A-Z]+\d+)" s="(\d+)" t="inlineStr"><is><t[^>]*>(.*?)<\/t>/g)) {
      const font = wrapping.get(Number(c[2]));
      if (!font) continue;
      const ref = c[1]!;
      const width = merged.get(ref) ?? widthOf(columnOf(ref));
      cells.push({ ref, row: Number(row[1]), text: decode(c[3]!), width, font, rowHeight });
    }
  }
  return cells;
}

/** One word as `pdftotext -bbox` places it on a page (points, y down). */
export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word of a PDF with its box. */
export function pdfWords(pdf: string): PdfWord[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const words: PdfWord[] = [];
  html
    .split('<page ')
    .slice(1)
    .forEach((page, i) => {
      for (const m of page.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      )) {
        words.push({
          page: i + 1,
          text: decode(m[5]!),
          xMin: Number(m[1]),
          yMin: Number(m[2]),
          xMax: Number(m[3]),
          yMax: Number(m[4]),
        });
      }
    });
  return words;
}

/**
 * Pairs of words on different lines whose boxes overlap: text printed over text (a wrapped cell
 * running into the row below). Words on the same line are skipped: a cell's text that does not
 * fit is clipped at the next filled cell, but the PDF's text layer keeps the whole word.
 */
export function overprintedWords(words: readonly PdfWord[]): [PdfWord, PdfWord][] {
  const hits: [PdfWord, PdfWord][] = [];
  const byPage = new Map<number, PdfWord[]>();
  for (const w of words) {
    const list = byPage.get(w.page);
    if (list) list.push(w);
    else byPage.set(w.page, [w]);
  }
  for (const page of byPage.values()) {
    const sorted = [...page].sort((a, b) => a.yMin - b.yMin);
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i]!;
      for (let j = i + 1; j < sorted.length && sorted[j]!.yMin < a.yMax; j++) {
        const b = sorted[j]!;
        if (Math.abs(a.yMin - b.yMin) < 0.3) continue;
        const height = Math.min(a.yMax - a.yMin, b.yMax - b.yMin);
        const overlapY = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
        const overlapX = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
        if (overlapY > 0.4 * height && overlapX > 0.5) hits.push([a, b]);
      }
    }
  }
  return hits;
}
