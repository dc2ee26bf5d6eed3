/**
 * The fixed style table (xl/styles.xml). Every {@link CellStyle} has two `cellXfs` entries: the
 * plain one and a `quotePrefix` twin used for formula-looking text, so protecting a cell never
 * loses its look. Conditional-format fills live in `dxfs`.
 */
import type { TextFont } from './rowHeight.js';
import type { CellStyle } from './types.js';

interface StyleDef {
  numFmt: number;
  font: number;
  fill: number;
  border: number;
  wrap?: boolean;
  /** Horizontal alignment when not the default (text left, numbers right). */
  align?: 'left';
}

// Custom number formats (ids from 164 are free). Integer and decimal duplicate built-ins 3 and 4
// on purpose: readers then see the format code itself instead of relying on a built-in table.
const NUM_FMTS: readonly [number, string][] = [
  [164, '#,##0'],
  [165, '#,##0.00'],
  [166, '0.0%'],
  [167, 'yyyy-mm-dd hh:mm:ss'],
  [168, 'yyyy-mm-dd'],
];

// Fonts: 0 default, 1 bold, 2 title, 3 muted, 4 good, 5 warn, 6 bad. FONT_METRICS says how big
// each is, for row heights; keep the two in step.
const FONT_METRICS: readonly TextFont[] = [
  { sizePt: 11 },
  { sizePt: 11, bold: true },
  { sizePt: 16, bold: true },
  { sizePt: 10 },
  { sizePt: 11 },
  { sizePt: 11 },
  { sizePt: 11 },
];
const FONTS = [
  '<font><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font>',
  '<font><b/><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font>',
  '<font><b/><sz val="16"/><color rgb="FF1F3864"/><name val="Calibri"/><family val="2"/></font>',
  '<font><i/><sz val="10"/><color rgb="FF7F7F7F"/><name val="Calibri"/><family val="2"/></font>',
  '<font><sz val="11"/><color rgb="FF006100"/><name val="Calibri"/><family val="2"/></font>',
  '<font><sz val="11"/><color rgb="FF9C5700"/><name val="Calibri"/><family val="2"/></font>',
  '<font><sz val="11"/><color rgb="FF9C0006"/><name val="Calibri"/><family val="2"/></font>',
];

const solid = (rgb: string): string =>
  `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;

// Fills 0 and 1 must be none and gray125: Excel reserves them whatever the file says.
const FILLS = [
  '<fill><patternFill patternType="none"/></fill>',
  '<fill><patternFill patternType="gray125"/></fill>',
  solid('DDEBF7'), // 2 header
  solid('C6EFCE'), // 3 good
  solid('FFEB9C'), // 4 warn
  solid('FFC7CE'), // 5 bad
];

const BORDERS = [
  '<border><left/><right/><top/><bottom/><diagonal/></border>',
  '<border><left style="thin"><color rgb="FFB4C6E7"/></left><right style="thin"><color rgb="FFB4C6E7"/></right>' +
    '<top style="thin"><color rgb="FFB4C6E7"/></top><bottom style="thin"><color rgb="FF8EA9DB"/></bottom><diagonal/></border>',
];

const STYLE_DEFS: Record<CellStyle, StyleDef> = {
  text: { numFmt: 0, font: 0, fill: 0, border: 0 },
  textWrap: { numFmt: 0, font: 0, fill: 0, border: 0, wrap: true },
  integer: { numFmt: 164, font: 0, fill: 0, border: 0 },
  decimal: { numFmt: 165, font: 0, fill: 0, border: 0 },
  percent: { numFmt: 166, font: 0, fill: 0, border: 0 },
  datetime: { numFmt: 167, font: 0, fill: 0, border: 0 },
  date: { numFmt: 168, font: 0, fill: 0, border: 0 },
  header: { numFmt: 0, font: 1, fill: 2, border: 1, wrap: true },
  title: { numFmt: 0, font: 2, fill: 0, border: 0 },
  subtitle: { numFmt: 0, font: 1, fill: 0, border: 0 },
  muted: { numFmt: 0, font: 3, fill: 0, border: 0 },
  good: { numFmt: 0, font: 4, fill: 3, border: 0 },
  warn: { numFmt: 0, font: 5, fill: 4, border: 0 },
  bad: { numFmt: 0, font: 6, fill: 5, border: 0 },
  // Added after the original table so earlier styles keep their cellXfs indices.
  integerLeft: { numFmt: 164, font: 0, fill: 0, border: 0, align: 'left' },
  decimalLeft: { numFmt: 165, font: 0, fill: 0, border: 0, align: 'left' },
  percentLeft: { numFmt: 166, font: 0, fill: 0, border: 0, align: 'left' },
  note: { numFmt: 0, font: 3, fill: 0, border: 0, wrap: true },
  alert: { numFmt: 0, font: 6, fill: 5, border: 0, wrap: true },
};

/** Every style name, in cellXfs order. */
export const STYLE_NAMES = Object.keys(STYLE_DEFS) as CellStyle[];

const PLAIN_INDEX = new Map<CellStyle, number>(STYLE_NAMES.map((name, i) => [name, 1 + 2 * i]));

/** cellXfs index of a style (index 0 is Excel's default "General" and is never handed out). */
export function styleIndex(style: CellStyle, quotePrefix = false): number {
  const plain = PLAIN_INDEX.get(style);
  if (plain === undefined) throw new TypeError(`unknown cell style ${JSON.stringify(style)}`);
  return quotePrefix ? plain + 1 : plain;
}

function styleDef(style: CellStyle): StyleDef {
  if (!Object.hasOwn(STYLE_DEFS, style)) throw new TypeError(`unknown cell style ${JSON.stringify(style)}`);
  return STYLE_DEFS[style];
}

/** True for styles that wrap their text (their cells make the row taller). */
export function wrapsText(style: CellStyle): boolean {
  return styleDef(style).wrap === true;
}

/** The font of a style, for row heights. */
export function fontOf(style: CellStyle): TextFont {
  return FONT_METRICS[styleDef(style).font]!;
}

/** True for styles whose number format shows a date. */
export function isDateStyle(style: CellStyle): boolean {
  return style === 'date' || style === 'datetime';
}

/** dxf ids for conditional formats (red/yellow/green, neutral grey). */
export const DXF = { bad: 0, warn: 1, good: 2, neutral: 3 } as const;

// In a dxf the fill colour is the *background* colour of the pattern (bgColor), unlike cellXfs
// fills; with fgColor Excel shows no fill at all.
const dxf = (font: string, fill: string): string =>
  `<dxf><font><color rgb="FF${font}"/></font><fill><patternFill><bgColor rgb="FF${fill}"/></patternFill></fill></dxf>`;
const DXFS = [
  dxf('9C0006', 'FFC7CE'),
  dxf('9C5700', 'FFEB9C'),
  dxf('006100', 'C6EFCE'),
  dxf('3F3F3F', 'EDEDED'),
];

// Every cell is top-aligned: in a row made taller by wrapped text, the other cells then line up
// with its first line instead of sitting at the bottom.
function xf(def: StyleDef, quotePrefix: boolean): string {
  const attrs =
    `numFmtId="${def.numFmt}" fontId="${def.font}" fillId="${def.fill}" borderId="${def.border}" xfId="0"` +
    (def.numFmt ? ' applyNumberFormat="1"' : '') +
    (def.font ? ' applyFont="1"' : '') +
    (def.fill ? ' applyFill="1"' : '') +
    (def.border ? ' applyBorder="1"' : '') +
    ' applyAlignment="1"' +
    (quotePrefix ? ' quotePrefix="1"' : '');
  const align = def.align ? ` horizontal="${def.align}"` : '';
  return `<xf ${attrs}><alignment${align} vertical="top"${def.wrap ? ' wrapText="1"' : ''}/></xf>`;
}

/** The complete xl/styles.xml. */
export function stylesXml(): string {
  // Index 0 is what unstyled cells use (text columns without a style): top-aligned like the rest.
  const xfs = [
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf>',
  ];
  for (const name of STYLE_NAMES) {
    xfs.push(xf(STYLE_DEFS[name], false), xf(STYLE_DEFS[name], true));
  }
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<numFmts count="${NUM_FMTS.length}">` +
    NUM_FMTS.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code}"/>`).join('') +
    '</numFmts>' +
    `<fonts count="${FONTS.length}">${FONTS.join('')}</fonts>` +
    `<fills count="${FILLS.length}">${FILLS.join('')}</fills>` +
    `<borders count="${BORDERS.length}">${BORDERS.join('')}</borders>` +
    // The Normal style is top-aligned too: LibreOffice takes unstyled cells' alignment from it.
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" applyAlignment="1">' +
    '<alignment vertical="top"/></xf></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    `<dxfs count="${DXFS.length}">${DXFS.join('')}</dxfs>` +
    '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
    '</styleSheet>'
  );
}
