/**
 * The HTML summary's one inline style sheet: system fonts (nothing to download), a single column on
 * a phone, cards side by side on a wide screen, tables that scroll sideways instead of squeezing,
 * and a print layout (no scroll regions, header rows repeated, colours kept). Text colours have at
 * least 4.5:1 contrast on their background (WCAG AA).
 */
import { BAND_COLORS } from './charts.js';

/** The style sheet (a constant: the page's bytes depend only on the summary). */
export const STYLES = `
:root { color-scheme: light; --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--fg); background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.page-header, main, .page-footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 1.25rem 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 0; }
p { margin: .4rem 0; }
.meta, .note, .empty, figcaption { color: var(--muted); }
bdi { overflow-wrap: break-word; }
.reason { overflow-wrap: anywhere; }
td.wide { min-width: 16rem; }
.alert { margin: 1rem 0; padding: .75rem 1rem; border: 2px solid ${BAND_COLORS.red}; border-radius: .4rem;
  background: #fde8e6; color: #7a1d14; }
.alert h2 { margin-top: 0; border-bottom: 0; color: #7a1d14; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .75rem; }
.kpi { border: 1px solid var(--line); border-left: .5rem solid var(--band); border-radius: .4rem;
  padding: .75rem 1rem; }
.kpi-red { --band: ${BAND_COLORS.red}; }
.kpi-yellow { --band: ${BAND_COLORS.yellow}; }
.kpi-green { --band: ${BAND_COLORS.green}; }
.kpi-none { --band: ${BAND_COLORS.none}; }
.kpi-ratio { font-size: 2.25rem; font-weight: 700; line-height: 1.2; margin: .25rem 0; }
.kpi-counts { color: var(--muted); font-size: .9rem; }
.kpi-ratio, table, .kpi-counts { font-variant-numeric: tabular-nums; }
.band { display: inline-block; padding: 0 .45em; border: 1px solid transparent; border-radius: .3em;
  font-size: .85em; font-weight: 600; line-height: 1.5; white-space: nowrap; }
.band-red { background: ${BAND_COLORS.red}; color: #fff; }
.band-yellow { background: #ffe08a; color: #3d2e00; border-color: ${BAND_COLORS.yellow}; }
.band-green { background: ${BAND_COLORS.green}; color: #fff; }
.band-none { background: #e5e7eb; color: #1f2937; }
.table-wrap { overflow-x: auto; margin: .5rem 0 1rem; border: 1px solid var(--line); border-radius: .4rem; }
.table-wrap:focus { outline: 2px solid #0969da; outline-offset: 2px; }
table { width: 100%; border-collapse: collapse; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: .5rem .75rem; }
th, td { padding: .4rem .75rem; text-align: left; vertical-align: top; border-top: 1px solid var(--line); }
thead th { background: var(--panel); white-space: nowrap; }
th[scope="row"] { font-weight: 600; }
.num { text-align: right; white-space: nowrap; }
.chart { margin: .5rem 0 1rem; }
.chart-svg { display: block; width: 100%; height: auto; max-width: 36rem; }
.chart-svg text { font: 13px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--fg); }
.chart-svg .tick { font-size: 11px; fill: var(--muted); }
.chart-svg .bar-value { font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; padding: 0; list-style: none; }
.page-footer { margin-top: 2rem; padding-bottom: 2rem; border-top: 1px solid var(--line); }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  h1 { font-size: 1.35rem; }
  .kpi-ratio { font-size: 1.9rem; }
  th, td { padding: .35rem .5rem; }
  .kpi { padding: .6rem .75rem; }
}
@media print {
  @page { margin: 12mm; }
  body { font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .page-header, main, .page-footer { max-width: none; padding: 0; }
  .table-wrap { overflow: visible; border: 0; }
  .table-wrap:focus { outline: 0; }
  thead { display: table-header-group; }
  h2, h3 { break-after: avoid; }
  .kpi, figure, tr, .alert { break-inside: avoid; }
  .kpis { grid-template-columns: repeat(4, 1fr); }
}
`;
