/**
 * DrawingML parts for native charts: xl/charts/chartN.xml (bar/column/pie/doughnut, with a data
 * cache) and the sheet's xl/drawings/drawingN.xml that anchors them. Element order follows the
 * CT_ChartSpace / CT_PlotArea / CT_BarChart… sequences of the schema, which Excel checks.
 */
import { absRange } from './cellRef.js';
import type { ChartDataCapture, ColumnRange } from './chartData.js';
import { escapeXmlAttr, escapeXmlText, stripIllegalXml } from './text.js';
import type { ChartSpec } from './types.js';

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';

/** Office's default series palette, used when a series brings no colour. */
const PALETTE = ['4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47', '264478', '9E480E'];
const CAT_AX = 500000001;
const VAL_AX = 500000002;

const text = (s: string): string => escapeXmlText(stripIllegalXml(s));
const solidFill = (rgb: string): string =>
  `<c:spPr><a:solidFill><a:srgbClr val="${rgb.toUpperCase()}"/></a:solidFill></c:spPr>`;

function ref(sheet: string, r: ColumnRange): string {
  return escapeXmlText(absRange(sheet, r.col, r.firstRow + 1, r.col, r.lastRow + 1));
}

function strRef(sheet: string, r: ColumnRange, data: ChartDataCapture): string {
  const values = data.values(r);
  let pts = '';
  values.forEach((v, i) => {
    if (v === null) return;
    const s = v instanceof Date ? v.toISOString() : String(v);
    pts += `<c:pt idx="${i}"><c:v>${text(s)}</c:v></c:pt>`;
  });
  return `<c:strRef><c:f>${ref(sheet, r)}</c:f><c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache></c:strRef>`;
}

/** The numbers of a range (null for anything else), as the cache holds them. */
function numbers(data: ChartDataCapture, r: ColumnRange): (number | null)[] {
  return data.values(r).map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
}

function numRef(sheet: string, r: ColumnRange, data: ChartDataCapture): string {
  const values = data.values(r);
  let pts = '';
  values.forEach((v, i) => {
    if (typeof v === 'number' && Number.isFinite(v)) pts += `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`;
  });
  return (
    `<c:numRef><c:f>${ref(sheet, r)}</c:f><c:numCache><c:formatCode>General</c:formatCode>` +
    `<c:ptCount val="${values.length}"/>${pts}</c:numCache></c:numRef>`
  );
}

function title(s: string): string {
  return (
    '<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="1"/></a:pPr>' +
    `<a:r><a:rPr lang="en-US" sz="1400" b="1"/><a:t>${text(s)}</a:t></a:r></a:p></c:rich></c:tx>` +
    '<c:overlay val="0"/></c:title>'
  );
}

const dataLabels = (percent: boolean): string =>
  '<c:dLbls><c:showLegendKey val="0"/>' +
  `<c:showVal val="${percent ? 0 : 1}"/><c:showCatName val="0"/><c:showSerName val="0"/>` +
  `<c:showPercent val="${percent ? 1 : 0}"/><c:showBubbleSize val="0"/>` +
  (percent ? '<c:showLeaderLines val="1"/>' : '') +
  '</c:dLbls>';

function pieSeries(spec: ChartSpec, sheet: string, data: ChartDataCapture): string {
  return spec.series
    .map((s, i) => {
      const points = (s.pointColors ?? [])
        .map((rgb, p) => `<c:dPt><c:idx val="${p}"/><c:bubble3D val="0"/>${solidFill(rgb)}</c:dPt>`)
        .join('');
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${text(s.name)}</c:v></c:tx>` +
        points +
        dataLabels(true) +
        `<c:cat>${strRef(sheet, spec.categories, data)}</c:cat><c:val>${numRef(sheet, s.values, data)}</c:val></c:ser>`
      );
    })
    .join('');
}

function barSeries(spec: ChartSpec, sheet: string, data: ChartDataCapture): string {
  return spec.series
    .map((s, i) => {
      const points = (s.pointColors ?? [])
        .map(
          (rgb, p) =>
            `<c:dPt><c:idx val="${p}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>${solidFill(rgb)}</c:dPt>`,
        )
        .join('');
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${text(s.name)}</c:v></c:tx>` +
        solidFill(s.color ?? PALETTE[i % PALETTE.length]!) +
        '<c:invertIfNegative val="0"/>' +
        points +
        `<c:cat>${strRef(sheet, spec.categories, data)}</c:cat><c:val>${numRef(sheet, s.values, data)}</c:val></c:ser>`
      );
    })
    .join('');
}

/** A percent value axis: bounds and the step between gridlines. */
export interface PercentAxis {
  min: number;
  max: number;
  majorUnit: number;
}

/** Rounds to whole tenths; the epsilon keeps 0.7 from becoming 0.6999… before floor/ceil. */
const tenths = (x: number, round: (n: number) => number): number =>
  round(Math.round(x * 10 * 1e6) / 1e6) / 10;

/**
 * The value axis fitted to percent data (0..1): min = 10 % below the lowest value, rounded down to
 * a 10 % step; max = the highest rounded up to a 10 % step; both within 0..1 and at least 10 %
 * apart. Gridlines every 5 % on a span of 30 % or less, else every 10 %. Without data: 0..1.
 */
export function fitPercentAxis(values: readonly (number | null)[]): PercentAxis {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return { min: 0, max: 1, majorUnit: 0.1 };
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  let min = Math.min(Math.max(tenths(lo - 0.1, Math.floor), 0), 0.9);
  let max = Math.min(Math.max(tenths(hi, Math.ceil), 0), 1);
  if (max - min < 0.1) {
    if (max < 1) max = tenths(min + 0.1, Math.round);
    else min = 0.9;
  }
  min = Math.round(min * 10) / 10;
  return { min, max, majorUnit: max - min <= 0.3 + 1e-9 ? 0.05 : 0.1 };
}

function axes(spec: ChartSpec, data: ChartDataCapture): string {
  const horizontal = spec.type === 'bar';
  // Horizontal bars list categories bottom-up by default; reversing the axis keeps sheet order,
  // and crossing at "max" keeps the value axis at the bottom.
  const catOrientation = horizontal ? 'maxMin' : 'minMax';
  const fitted =
    spec.percentAxis && spec.fitAxis
      ? fitPercentAxis(spec.series.flatMap((s) => numbers(data, s.values)))
      : null;
  const scale = fitted
    ? `<c:max val="${fitted.max}"/><c:min val="${fitted.min}"/>`
    : spec.percentAxis
      ? '<c:max val="1"/><c:min val="0"/>'
      : '';
  const unit = fitted ? `<c:majorUnit val="${fitted.majorUnit}"/>` : '';
  const valFmt = spec.percentAxis ? '0%' : 'General';
  return (
    `<c:catAx><c:axId val="${CAT_AX}"/><c:scaling><c:orientation val="${catOrientation}"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontal ? 'l' : 'b'}"/><c:numFmt formatCode="General" sourceLinked="0"/>` +
    '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    `<c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>` +
    '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    `<c:valAx><c:axId val="${VAL_AX}"/><c:scaling><c:orientation val="minMax"/>${scale}</c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontal ? 'b' : 'l'}"/><c:majorGridlines/>` +
    `<c:numFmt formatCode="${valFmt}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="${CAT_AX}"/><c:crosses val="${horizontal ? 'max' : 'autoZero'}"/>` +
    `<c:crossBetween val="between"/>${unit}</c:valAx>`
  );
}

function plot(spec: ChartSpec, sheet: string, data: ChartDataCapture): string {
  switch (spec.type) {
    case 'pie':
      return `<c:pieChart><c:varyColors val="1"/>${pieSeries(spec, sheet, data)}<c:firstSliceAng val="0"/></c:pieChart>`;
    case 'doughnut':
      return (
        `<c:doughnutChart><c:varyColors val="1"/>${pieSeries(spec, sheet, data)}` +
        '<c:firstSliceAng val="0"/><c:holeSize val="55"/></c:doughnutChart>'
      );
    case 'bar':
    case 'column':
      return (
        `<c:barChart><c:barDir val="${spec.type === 'bar' ? 'bar' : 'col'}"/><c:grouping val="clustered"/>` +
        `<c:varyColors val="0"/>${barSeries(spec, sheet, data)}<c:gapWidth val="80"/>` +
        `<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/></c:barChart>${axes(spec, data)}`
      );
    default:
      throw new TypeError(`unknown chart type ${JSON.stringify((spec as { type: unknown }).type)}`);
  }
}

/** The chart part for one spec, reading its ranges from `sheet` (the sheet's final name). */
export function chartXml(spec: ChartSpec, sheet: string, data: ChartDataCapture): string {
  const legend = spec.type === 'pie' || spec.type === 'doughnut' || spec.series.length > 1;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    '<c:roundedCorners val="0"/><c:chart>' +
    `${title(spec.title)}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot(spec, sheet, data)}</c:plotArea>` +
    (legend ? '<c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend>' : '') +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
  );
}

/** The drawing part of a sheet: one two-cell anchor per chart, chart i ↔ relationship `rId{i+1}`. */
export function drawingXml(charts: readonly ChartSpec[]): string {
  const anchors = charts
    .map((c, i) => {
      const a = c.anchor;
      const name = escapeXmlAttr(stripIllegalXml(c.title || `Chart ${i + 1}`));
      return (
        '<xdr:twoCellAnchor editAs="oneCell">' +
        `<xdr:from><xdr:col>${a.fromCol}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.fromRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
        `<xdr:to><xdr:col>${a.toCol}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.toRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${name}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
        `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="rId${i + 1}"/></a:graphicData></a:graphic>` +
        '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>'
      );
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${anchors}</xdr:wsDr>`
  );
}
