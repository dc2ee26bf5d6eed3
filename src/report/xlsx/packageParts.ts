/**
 * The small package parts written at finalize, once every sheet is known: content types,
 * relationships, workbook.xml (sheets in the order added, defined names) and docProps.
 */
import { absRange, quoteSheetName } from './cellRef.js';
import { escapeXmlAttr, escapeXmlText, stripIllegalXml } from './text.js';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument';

/** What finalize knows about one written sheet. */
export interface SheetEntry {
  /** 1-based part number: xl/worksheets/sheet{n}.xml. */
  n: number;
  name: string;
  /** Drawing part number when the sheet has charts. */
  drawing?: { n: number; charts: number[] };
  /** Autofilter range (0-based columns, 1-based rows) for `_xlnm._FilterDatabase`. */
  filter?: { lastCol: number; lastRow: number };
  /** Row 1 repeats on every printed page (`_xlnm.Print_Titles`). */
  printTitles?: boolean;
  /** What prints (`_xlnm.Print_Area`, from A1): 0-based last column, 1-based last row. */
  printArea?: { lastCol: number; lastRow: number };
}

/** [Content_Types].xml. */
export function contentTypesXml(sheets: readonly SheetEntry[]): string {
  const overrides: string[] = [
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>`,
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>`,
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>',
    `<Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/>`,
  ];
  for (const s of sheets) {
    overrides.push(
      `<Override PartName="/xl/worksheets/sheet${s.n}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`,
    );
    if (s.drawing) {
      overrides.push(
        `<Override PartName="/xl/drawings/drawing${s.drawing.n}.xml" ContentType="${CT}.drawing+xml"/>`,
      );
      for (const c of s.drawing.charts) {
        overrides.push(
          `<Override PartName="/xl/charts/chart${c}.xml" ContentType="${CT}.drawingml.chart+xml"/>`,
        );
      }
    }
  }
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `${overrides.join('')}</Types>`
  );
}

function rels(items: readonly { id: string; type: string; target: string }[]): string {
  return (
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
    items.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join('') +
    '</Relationships>'
  );
}

/** _rels/.rels. */
export function rootRelsXml(): string {
  return rels([
    { id: 'rId1', type: `${REL}/officeDocument`, target: 'xl/workbook.xml' },
    {
      id: 'rId2',
      type: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
      target: 'docProps/core.xml',
    },
    { id: 'rId3', type: `${REL}/extended-properties`, target: 'docProps/app.xml' },
  ]);
}

/** xl/_rels/workbook.xml.rels: sheet i is rId{i}, styles come last. */
export function workbookRelsXml(sheets: readonly SheetEntry[]): string {
  return rels([
    ...sheets.map((s, i) => ({
      id: `rId${i + 1}`,
      type: `${REL}/worksheet`,
      target: `worksheets/sheet${s.n}.xml`,
    })),
    { id: `rId${sheets.length + 1}`, type: `${REL}/styles`, target: 'styles.xml' },
  ]);
}

/** xl/worksheets/_rels/sheetN.xml.rels for a sheet with a drawing (relationship rId1). */
export function sheetRelsXml(drawingN: number): string {
  return rels([{ id: 'rId1', type: `${REL}/drawing`, target: `../drawings/drawing${drawingN}.xml` }]);
}

/** xl/drawings/_rels/drawingN.xml.rels: chart i of the drawing is rId{i+1}. */
export function drawingRelsXml(charts: readonly number[]): string {
  return rels(
    charts.map((c, i) => ({ id: `rId${i + 1}`, type: `${REL}/chart`, target: `../charts/chart${c}.xml` })),
  );
}

/**
 * xl/workbook.xml. Each autofiltered sheet gets the hidden, sheet-local `_xlnm._FilterDatabase`
 * name: Excel writes it, and LibreOffice drops the filter without it. A table's print area is
 * `_xlnm.Print_Area`, and a header row repeated on printed pages `_xlnm.Print_Titles`
 * (`'Sheet'!$1:$1`): that is how both programs store them.
 */
export function workbookXml(sheets: readonly SheetEntry[]): string {
  const names = sheets
    .map(
      (s, i) =>
        (s.filter
          ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">` +
            `${escapeXmlText(absRange(s.name, 0, 1, s.filter.lastCol, s.filter.lastRow))}</definedName>`
          : '') +
        (s.printArea
          ? `<definedName name="_xlnm.Print_Area" localSheetId="${i}">` +
            `${escapeXmlText(absRange(s.name, 0, 1, s.printArea.lastCol, s.printArea.lastRow))}</definedName>`
          : '') +
        (s.printTitles
          ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">` +
            `${escapeXmlText(`${quoteSheetName(s.name)}!$1:$1`)}</definedName>`
          : ''),
    )
    .join('');
  return (
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}">` +
    '<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>' +
    sheets
      .map((s, i) => `<sheet name="${escapeXmlAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('') +
    `</sheets>${names ? `<definedNames>${names}</definedNames>` : ''}<calcPr calcId="191029"/></workbook>`
  );
}

/** Workbook metadata for docProps. */
export interface DocProperties {
  title?: string;
  creator?: string;
  created?: Date;
}

const prop = (s: string): string => escapeXmlText(stripIllegalXml(s));

/** docProps/core.xml. Without `created` no dates are written, so the bytes do not depend on the clock. */
export function corePropsXml(p: DocProperties): string {
  const when =
    p.created && !Number.isNaN(p.created.getTime()) ? p.created.toISOString().replace(/\.\d{3}Z$/, 'Z') : '';
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    (p.title ? `<dc:title>${prop(p.title)}</dc:title>` : '') +
    (p.creator ? `<dc:creator>${prop(p.creator)}</dc:creator>` : '') +
    (when
      ? `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>`
      : '') +
    '</cp:coreProperties>'
  );
}

/** docProps/app.xml. */
export function appPropsXml(sheets: readonly SheetEntry[]): string {
  return (
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<Application>configreport</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
    '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>' +
    `<vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">` +
    sheets.map((s) => `<vt:lpstr>${escapeXmlText(s.name)}</vt:lpstr>`).join('') +
    '</vt:vector></TitlesOfParts></Properties>'
  );
}
