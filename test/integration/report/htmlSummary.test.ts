/**
 * The HTML summary of the demo org, opened from disk in a real headless Chromium: the demo runs
 * the whole pipeline against the simulator (plan, batch, final), then the page must load without
 * a console error or any request but its own file, draw its charts, show the summary JSON's numbers
 * (formatted here independently) and fit a phone. Screenshots and a PDF go to test-artifacts/
 * (docs/img/html-summary.png is a copy of desktop-top.png).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SummaryJson } from '../../../src/report/summaryJson.js';
import { CHROMIUM_MISSING, hasChromium, launchChromium, type TestBrowser } from '../../helpers/chromium.js';
import { runCli } from '../../helpers/runCli.js';

const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/html-summary/', import.meta.url));
const GROUP = '2026-11-28';

// The page's formatting, written down independently: rounded down to 0.1 %, en-US thousands.
const pct = (r: number | null) => (r === null ? 'n/a' : `${(Math.floor(r * 1000) / 10).toFixed(1)}%`);
const num = (n: number) => n.toLocaleString('en-US');

let dir: string;
let summary: SummaryJson;
let pageUrl: string;
let browser: TestBrowser;
let page: Page;
const requests: string[] = [];
const consoleErrors: string[] = [];

const band = (r: number | null) =>
  r === null
    ? 'No data'
    : r < summary.thresholds.red_below
      ? 'Red'
      : r < summary.thresholds.yellow_below
        ? 'Yellow'
        : 'Green';

/** Text content of every cell of the table with this caption, row by row (header row first). */
async function tableRows(caption: string): Promise<string[][]> {
  const table = page.locator('table', { has: page.locator('caption', { hasText: caption }) });
  return table
    .locator('tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())),
    );
}

// Said on stderr too: a skipped test's title alone is easy to miss in a long run.
if (!hasChromium) console.warn(CHROMIUM_MISSING);
describe.skipIf(hasChromium)('the HTML summary in a browser', () => {
  it.skip(CHROMIUM_MISSING, () => {});
});

describe.skipIf(!hasChromium)('the HTML summary of the demo org in headless Chromium', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'html-summary-'));
    const out = join(dir, 'demo');
    const demo = await runCli(['demo', '--json', '--out', out, '--group-id', GROUP], { env: {}, cwd: dir });
    expect(demo.code, demo.stderr).toBe(0);
    const files = JSON.parse(demo.stdout).report as { html: string; summary_json: string };
    summary = JSON.parse(await readFile(files.summary_json, 'utf8')) as SummaryJson;
    pageUrl = pathToFileURL(files.html).href;

    browser = await launchChromium();
    const { context } = browser;
    // Anything but the page itself is recorded and refused before it reaches a network.
    context.on('request', (request) => requests.push(request.url()));
    await context.route('**/*', (route) =>
      route.request().url() === pageUrl ? route.continue() : route.abort('blockedbyclient'),
    );
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(pageUrl, { waitUntil: 'load' });
    await mkdir(ARTIFACTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('loads without a console error and without a single request but its own file', async () => {
    await page.reload({ waitUntil: 'load' });
    expect(consoleErrors).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
    expect(new Set(requests)).toEqual(new Set([pageUrl]));
    expect(await page.locator('script, link[rel="stylesheet"], img, iframe').count()).toBe(0);
  });

  it('draws both charts as SVG with a visible size, one bar per entry', async () => {
    const charts = page.locator('svg.chart-svg');
    expect(await charts.count()).toBe(2);
    for (const chart of await charts.all()) {
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      expect(box?.height).toBeGreaterThan(50);
    }
    const cards = summary.environments.filter((e) => e.environment !== 'Unclassified' || e.accounts > 0);
    expect(await charts.nth(0).locator('g.bar').count()).toBe(1 + cards.length);
    expect(await charts.nth(1).locator('g.bar').count()).toBe(summary.worst_accounts.length);
    const widest = await charts
      .nth(0)
      .locator('g.bar rect')
      .evaluateAll((rects) => Math.max(...rects.map((r) => r.getBoundingClientRect().width)));
    expect(widest).toBeGreaterThan(100);
  });

  it('shows the headline numbers of the summary JSON: overall, Prod, Non-Prod, with bands in words', async () => {
    const scopes = [
      { scope: 'Overall', counts: summary.overall },
      ...['Prod', 'Non-Prod'].map((name) => ({
        scope: name,
        counts: summary.environments.find((e) => e.environment === name)!,
      })),
    ];
    for (const { scope, counts } of scopes) {
      const card = page.locator(`article[data-scope="${scope}"]`);
      const ratio = card.locator('data.ratio');
      expect(await ratio.textContent()).toBe(pct(counts.compliance_ratio));
      expect(Number(await ratio.getAttribute('value'))).toBe(counts.compliance_ratio);
      expect(await card.locator('.band').textContent()).toBe(band(counts.compliance_ratio));
      expect(await card.locator('[data-count="compliant"]').textContent()).toBe(num(counts.compliant));
      expect(await card.locator('[data-count="non_compliant"]').textContent()).toBe(
        num(counts.non_compliant),
      );
    }
    expect(await page.title()).toBe(
      `AWS Config compliance ${GROUP}: ${pct(summary.overall.compliance_ratio)} (${band(summary.overall.compliance_ratio)})`,
    );
    const byEnvironment = await tableRows('Compliance by environment');
    expect(byEnvironment.slice(1)).toEqual(
      [
        {
          environment: 'Overall',
          accounts: sum(summary.environments.map((e) => e.accounts)),
          ...summary.overall,
        },
        ...summary.environments,
      ].map((e) => [
        e.environment,
        num(e.accounts),
        num(e.compliant),
        num(e.non_compliant),
        num(e.not_applicable),
        num(e.insufficient_data),
        `${pct(e.compliance_ratio)} ${band(e.compliance_ratio)}`,
      ]),
    );
  });

  it('shows the coverage problems, the worst accounts and (logical) rules, and the regions of the summary JSON', async () => {
    const problems =
      summary.coverage.problems.filter((p) => p.status !== 'OK' && p.status !== 'SKIPPED').length +
      summary.coverage.missing_shards.length;
    expect(problems).toBeGreaterThan(0); // the demo denies two roles and turns Config off in one account
    expect(await page.locator('[data-kpi="coverage-problems"]').getAttribute('value')).toBe(String(problems));
    const listed = await tableRows('Coverage problems');
    expect(listed.slice(1).map((r) => [r[0], r[2], r[3]])).toEqual(
      summary.coverage.problems
        .filter((p) => p.status !== 'SKIPPED')
        .map((p) => [p.status, p.account_id, p.region]),
    );
    expect((await tableRows('Worst accounts')).slice(1)).toEqual(
      summary.worst_accounts.map((a) => [
        a.account_name || a.account_id,
        a.account_id,
        a.environment,
        num(a.non_compliant),
        num(a.compliant),
        `${pct(a.compliance_ratio)} ${band(a.compliance_ratio)}`,
      ]),
    );
    expect(summary.worst_rules.length).toBeGreaterThan(0);
    expect((await tableRows('Worst rules')).slice(1)).toEqual(
      summary.worst_rules.map((r) => [
        r.rule_name,
        r.created_by,
        num(r.instances),
        num(r.accounts),
        num(r.non_compliant),
        num(r.compliant),
        num(r.not_applicable),
        num(r.insufficient_data),
        `${pct(r.compliance_ratio)} ${band(r.compliance_ratio)}`,
      ]),
    );
    expect((await tableRows('Compliance by region')).slice(1).map((r) => [r[0], r[1], r[2]])).toEqual(
      summary.regions.map((r) => [r.region, num(r.non_compliant), num(r.compliant)]),
    );
  });

  it('shows who must act: top owners with the untagged row, and compliance by OU', async () => {
    const all = summary.overall.non_compliant;
    const share = (n: number) => pct(all === 0 ? null : n / all);
    const { owners } = summary;
    expect(summary.top_owners.length).toBeGreaterThan(0); // the demo tags most resources with an owner
    expect((await tableRows('Top owners by non-compliant')).slice(1)).toEqual([
      ...summary.top_owners.map((o) => [
        o.owner,
        num(o.accounts),
        num(o.non_compliant),
        num(o.non_compliant_resources),
        num(o.compliant),
        share(o.non_compliant),
        `${pct(o.compliance_ratio)} ${band(o.compliance_ratio)}`,
      ]),
      [
        `Untagged (no ${owners.tag_key})`,
        '',
        num(owners.untagged_non_compliant),
        num(owners.untagged_non_compliant_resources),
        '',
        pct(owners.untagged_non_compliant_share),
        '',
      ],
    ]);
    expect(await page.locator('[data-kpi="non-compliant"]').textContent()).toBe(num(all));
    expect(await page.locator('[data-kpi="non-compliant-resources"]').textContent()).toBe(
      num(summary.records.non_compliant_resources),
    );
    expect(summary.organizational_units.length).toBeGreaterThan(0); // the demo org has OUs
    expect((await tableRows('Compliance by OU')).slice(1)).toEqual(
      summary.organizational_units
        .slice(0, 10)
        .map((u) => [
          u.ou_path,
          num(u.accounts),
          num(u.non_compliant),
          num(u.non_compliant_resources),
          num(u.compliant),
          share(u.non_compliant),
          `${pct(u.compliance_ratio)} ${band(u.compliance_ratio)}`,
        ]),
    );
  });

  it('shows the evaluation age and the conformance packs of the summary JSON', async () => {
    const { stale } = summary;
    expect((await tableRows('Evaluation age')).slice(1)).toEqual([
      [`Evaluations older than ${stale.threshold_days} days (stale)`, num(stale.evaluations)],
      ['Stale share of evaluations', pct(stale.share)],
      ['Stale non-compliant evaluations', num(stale.non_compliant)],
      ['Oldest evaluation (days)', stale.oldest_days === null ? 'n/a' : num(stale.oldest_days)],
    ]);
    expect(summary.conformance_packs.length).toBeGreaterThan(0); // the demo deploys two packs
    expect((await tableRows('Conformance packs')).slice(1)).toEqual(
      summary.conformance_packs
        .slice(0, 10)
        .map((p) => [
          p.pack_name,
          num(p.accounts),
          num(p.non_compliant_account_regions),
          `${pct(p.compliance_score)} ${band(p.compliance_score)}`,
        ]),
    );
  });

  it('is accessible: landmarks, headings and named tables and charts for assistive technology', async () => {
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const tree = await page.locator('body').ariaSnapshot();
    expect(tree).toContain('heading "AWS Config compliance 2026-11-28" [level=1]');
    for (const h2 of [
      'Compliance',
      'Coverage',
      'Evaluation age',
      'Top owners',
      'Compliance by OU',
      'Worst accounts',
      'Worst rules',
      'Conformance packs',
      'By region',
      'Data quality',
    ])
      expect(tree).toContain(`heading "${h2}" [level=2]`);
    expect(tree).toMatch(/table "Compliance by environment"/);
    expect(tree).toMatch(/img "Compliance % by environment /);
    expect(tree).toMatch(/main:/);
    // Text on every band badge, body text and muted text: at least 4.5:1 (WCAG AA).
    const ratios = await page.locator('.band, .meta, th, td').evaluateAll(contrastRatios);
    expect(ratios.length).toBeGreaterThan(50);
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(4.5);
  });

  it('fits a phone: no sideways scrolling of the page, readable text; screenshots and a PDF', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, 'desktop.png'), fullPage: true });
    await page.screenshot({ path: join(ARTIFACTS, 'desktop-top.png') });

    await page.setViewportSize({ width: 390, height: 844 });
    const width = await page.evaluate(
      () => (globalThis as unknown as InPage).document.documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(390);
    const sizes = await page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as unknown as InPage;
      return {
        body: Number.parseFloat(getComputedStyle(document.body).fontSize),
        ratio: Number.parseFloat(getComputedStyle(document.querySelector('.kpi-ratio')!).fontSize),
      };
    });
    expect(sizes.body).toBeGreaterThanOrEqual(15);
    expect(sizes.ratio).toBeGreaterThanOrEqual(24);
    for (const chart of await page.locator('svg.chart-svg').all())
      expect((await chart.boundingBox())?.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, 'phone.png'), fullPage: true });

    await page.emulateMedia({ media: 'print' });
    expect(
      await page
        .locator('.table-wrap')
        .first()
        .evaluate((el) => (globalThis as unknown as InPage).getComputedStyle(el).overflowX),
    ).toBe('visible');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await writeFile(join(ARTIFACTS, 'print.pdf'), pdf);
    await page.emulateMedia({ media: 'screen' });
    expect(consoleErrors).toEqual([]);
  });
});

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** The browser globals the in-page functions use (the project compiles without the DOM library). */
interface InPageElement {
  textContent: string | null;
  parentElement: InPageElement | null;
}
interface InPage {
  document: {
    body: InPageElement;
    documentElement: { scrollWidth: number };
    querySelector(selector: string): InPageElement | null;
  };
  getComputedStyle(element: unknown): {
    fontSize: string;
    color: string;
    backgroundColor: string;
    overflowX: string;
  };
}

/** In the page: the contrast ratio of each element's text colour on its effective background. */
function contrastRatios(elements: unknown[]): number[] {
  const { getComputedStyle } = globalThis as unknown as InPage;
  const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = ([r, g, b]: number[]) => {
    const f = (c: number) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
  };
  const background = (el: InPageElement | null): number[] => {
    for (let node = el; node; node = node.parentElement) {
      const [r, g, b, a] = rgb(getComputedStyle(node).backgroundColor);
      if (a === undefined || a > 0) return [r!, g!, b!];
    }
    return [255, 255, 255];
  };
  return (elements as InPageElement[])
    .filter((el) => (el.textContent ?? '').trim() !== '')
    .map((el) => {
      const l1 = luminance(rgb(getComputedStyle(el).color));
      const l2 = luminance(background(el));
      return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    });
}
