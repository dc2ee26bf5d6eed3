/**
 * The HTML summary (`ConfigRule_<Date>.html`): the Summary sheet's numbers as one self-contained
 * page for people without Excel — a phone, a chat link, a printout. Everything comes from the
 * summary JSON object, so the page and the JSON can never disagree.
 *
 * One file and no requests: the style sheet is inline, the charts are inline SVG, there is no
 * script, and a Content-Security-Policy forbids loading anything anyway (a hostile account name
 * that slipped past escaping still could not fetch or run anything). The same summary always gives
 * the same bytes.
 */
import { bandOf, bandWord, percentText } from '../summaryText.js';
import { evaluationAgeSection } from './age.js';
import { complianceSection } from './compliance.js';
import { coverageSection, dataQualitySection } from './coverage.js';
import { type Html, html, trusted } from './escape.js';
import { exceptionsSection } from './exceptions.js';
import { conformancePacksSection, regionsSection, worstAccountsSection, worstRulesSection } from './lists.js';
import { STYLES } from './styles.js';
import type { HtmlSummary } from './summaryView.js';
import { bandBadge } from './tables.js';
import { organizationalUnitsSection, topOwnersSection } from './who.js';

/** Nothing may be loaded: styles inline, images only as data: URLs (none today), no script at all. */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The last part of a key: the file name people see beside this page. */
const fileName = (key: string): string => key.slice(key.lastIndexOf('/') + 1);

function setupFailure(summary: HtmlSummary): Html | '' {
  const failure = summary.setup_failure;
  if (!failure) return '';
  return html`<section class="alert" aria-labelledby="setup-failure">
<h2 id="setup-failure">Setup failure: these numbers do not describe the organization</h2>
<p class="reason">${failure.message}</p>
<p>Likely causes:</p>
<ul>${failure.likely_causes.map((cause) => html`<li class="reason">${cause}</li>`)}</ul>
</section>`;
}

function pageHeader(summary: HtmlSummary): Html {
  const group =
    summary.group_id === summary.report_date
      ? ''
      : html` <span class="meta">(group <bdi>${summary.group_id}</bdi>)</span>`;
  return html`<header class="page-header">
<h1>AWS Config compliance ${summary.report_date}${group}</h1>
<p class="meta">Report date <time datetime="${summary.report_date}">${summary.report_date}</time> · generated <time datetime="${summary.generated_at}">${summary.generated_at}</time></p>
</header>`;
}

function legend(summary: HtmlSummary): Html {
  const t = summary.thresholds;
  return html`<h2 id="legend">Legend</h2>
<ul class="legend">
<li>${bandBadge('green')} ${percentText(t.yellow_below)} or more</li>
<li>${bandBadge('yellow')} ${percentText(t.red_below)} to below ${percentText(t.yellow_below)}</li>
<li>${bandBadge('red')} below ${percentText(t.red_below)}</li>
<li>${bandBadge('none')} nothing compliant or non-compliant: never 0 %</li>
</ul>`;
}

function pageFooter(summary: HtmlSummary): Html {
  const { outputs } = summary;
  return html`<footer class="page-footer">
${legend(summary)}
<p>Every row is in the workbook <strong><bdi>${fileName(outputs.xlsx)}</bdi></strong>: Coverage, Accounts, Rules, Owners, Non-Compliant and Details. Machine-readable: <bdi>${fileName(outputs.summary_json)}</bdi>; every evaluation: <bdi>${fileName(outputs.details_csv_gz)}</bdi>.</p>
</footer>`;
}

/** Renders the HTML summary of a summary document: a complete UTF-8 HTML page. */
export function renderHtmlSummary(summary: HtmlSummary): string {
  const overall = summary.overall.compliance_ratio;
  const title = `AWS Config compliance ${summary.report_date}: ${percentText(overall)} (${bandWord(bandOf(overall, summary.thresholds))})`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${trusted(CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<link rel="icon" href="data:,">
<title>${title}</title>
<style>${trusted(STYLES)}</style>
</head>
<body>
${pageHeader(summary)}
<main>
${setupFailure(summary)}
${complianceSection(summary)}
${exceptionsSection(summary)}
${coverageSection(summary, fileName(summary.outputs.xlsx))}
${evaluationAgeSection(summary)}
${topOwnersSection(summary)}
${organizationalUnitsSection(summary)}
${worstAccountsSection(summary)}
${worstRulesSection(summary)}
${conformancePacksSection(summary)}
${regionsSection(summary)}
${dataQualitySection(summary)}
</main>
${pageFooter(summary)}
</body>
</html>
`;
  return page.value;
}
