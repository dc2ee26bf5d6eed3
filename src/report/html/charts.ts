/**
 * Inline SVG bar charts of compliance ratios: no script, no font or image to fetch, readable on a
 * phone (labels above the bars, so the chart stays legible when it is scaled down) and in print.
 * Each bar is coloured by its band and also says the band in words; the thresholds are dashed lines.
 */
import { type Band, bandOf, bandWord, percentText, type ThresholdsView } from '../summaryText.js';
import { clip, type Html, html } from './escape.js';

/** Bar and marker colours by band; each has at least 3:1 contrast on white (graphics, WCAG 1.4.11). */
export const BAND_COLORS: Record<Band, string> = {
  red: '#b3261e',
  yellow: '#b07d00',
  green: '#1e7b34',
  none: '#6b7280',
};

/** One bar: its label and ratio (null: no data, drawn as an empty track). */
export interface ChartBar {
  label: string;
  ratio: number | null;
}

/** What a chart shows and how assistive technology names it. */
export interface ChartSpec {
  /** Unique in the page: the id of the chart's title and description. */
  id: string;
  title: string;
  bars: readonly ChartBar[];
  thresholds: ThresholdsView;
}

// Geometry in viewBox units: 400 wide, so one unit is about one CSS pixel on a phone.
const WIDTH = 400;
const PAD_X = 4;
const TRACK = WIDTH - 2 * PAD_X;
const ROW = 40;
const LABEL_Y = 14;
const BAR_Y = 20;
const BAR_H = 14;
const AXIS_H = 34;
const LABEL_CHARS = 40;

const x = (ratio: number): number => Math.round((PAD_X + ratio * TRACK) * 10) / 10;

function bar(b: ChartBar, index: number, thresholds: ThresholdsView): Html {
  const top = index * ROW;
  const band = bandOf(b.ratio, thresholds);
  const value = `${percentText(b.ratio)} · ${bandWord(band)}`;
  const width = b.ratio === null ? 0 : Math.max(x(b.ratio) - PAD_X, b.ratio > 0 ? 1 : 0);
  return html`<g class="bar" data-band="${band}"><title>${b.label}: ${percentText(b.ratio)} (${bandWord(band)})</title>
<text x="${PAD_X}" y="${top + LABEL_Y}" class="bar-label">${clip(b.label, LABEL_CHARS)}</text>
<text x="${WIDTH - PAD_X}" y="${top + LABEL_Y}" text-anchor="end" class="bar-value">${value}</text>
<rect x="${PAD_X}" y="${top + BAR_Y}" width="${TRACK}" height="${BAR_H}" rx="2" fill="#e9ecef"/>
<rect x="${PAD_X}" y="${top + BAR_Y}" width="${Math.round(width * 10) / 10}" height="${BAR_H}" rx="2" fill="${BAND_COLORS[band]}"/>
${thresholdMarks(top, thresholds)}
</g>`;
}

/** Darker than the bars, so a mark stays visible over a bar of its own colour. */
const THRESHOLD_STROKE = { red_below: '#5c0f0a', yellow_below: '#4d3700' } as const;

/** The thresholds as dashed marks across one bar (not across the labels above it). */
function thresholdMarks(top: number, thresholds: ThresholdsView): Html {
  return html`${(['red_below', 'yellow_below'] as const).map((key) => {
    const at = x(thresholds[key]);
    return html`<line x1="${at}" y1="${top + BAR_Y - 3}" x2="${at}" y2="${top + BAR_Y + BAR_H + 3}" stroke="${THRESHOLD_STROKE[key]}" stroke-width="1.5" stroke-dasharray="3 2"/>`;
  })}`;
}

/** A 0 / 50 / 100 % axis under the bars, and where the thresholds are. */
function axis(height: number, thresholds: ThresholdsView): Html {
  const ticks = [0, 0.5, 1].map(
    (t, i) =>
      html`<text x="${x(t)}" y="${height + 14}" text-anchor="${['start', 'middle', 'end'][i]!}" class="tick">${percentText(t).replace('.0', '')}</text>`,
  );
  const marks = `dashed: red below ${percentText(thresholds.red_below)}, yellow below ${percentText(thresholds.yellow_below)}`;
  return html`<g class="axis" aria-hidden="true">${ticks}<text x="${x(0.5)}" y="${height + 28}" text-anchor="middle" class="tick">${marks}</text></g>`;
}

/**
 * A horizontal bar chart of ratios (0–100 %), one bar per entry, in the given order. The chart is
 * an image with a title and a text description for screen readers; the table beside it has the
 * same numbers.
 */
export function ratioBarChart(spec: ChartSpec): Html {
  const { id, title, bars, thresholds } = spec;
  const height = bars.length * ROW;
  const described = bars.map(
    (b) => `${b.label} ${percentText(b.ratio)} ${bandWord(bandOf(b.ratio, thresholds))}`,
  );
  return html`<figure class="chart">
<svg class="chart-svg" viewBox="0 0 ${WIDTH} ${height + AXIS_H}" width="${WIDTH}" height="${height + AXIS_H}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${title}</title>
<desc id="${id}-desc">${described.join('; ')}. Dashed lines: red below ${percentText(thresholds.red_below)}, yellow below ${percentText(thresholds.yellow_below)}.</desc>
${bars.map((b, i) => bar(b, i, thresholds))}${axis(height, thresholds)}
</svg>
<figcaption>${title}</figcaption>
</figure>`;
}
