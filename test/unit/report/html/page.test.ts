import { describe, expect, it } from 'vitest';
import { renderHtmlSummary } from '../../../../src/report/html/page.js';
import type { SummaryJson } from '../../../../src/report/summaryJson.js';
import {
  counts,
  FORGED_NAME,
  RTL_NAME,
  SCRIPT_NAME,
  sampleSummary,
} from '../../../helpers/summaryFixture.js';

/** The markup of the section labelled by `id` (sections are never nested). */
function section(page: string, id: string): string {
  const match = new RegExp(`<section[^>]*aria-labelledby="${id}"[^>]*>([\\s\\S]*?)</section>`).exec(page);
  if (!match) throw new Error(`no section ${id}`);
  return match[1]!;
}

/** The text of every `<tr>` of a fragment, tags removed and whitespace collapsed. */
function rows(fragment: string): string[] {
  return [...fragment.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** A card's text: scope, ratio, band, counts. */
function card(page: string, scope: string): string {
  const match = new RegExp(`<article[^>]*data-scope="${scope}"[^>]*>([\\s\\S]*?)</article>`).exec(page);
  return match
    ? match[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
    : '';
}

describe('the HTML summary page', () => {
  const page = renderHtmlSummary(sampleSummary());

  it('is one self-contained document: no script, no external resource, a policy that forbids loading', () => {
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page).not.toMatch(/<script|<iframe|<object|<embed|<img|@import|url\(|\son[a-z]+=/i);
    // The only URL is the SVG namespace (a name, never fetched); the only link is the empty data: icon.
    expect([...page.matchAll(/[a-z]+:\/\/[^\s"'<>]+/gi)].map((m) => m[0])).toEqual(
      Array(2).fill('http://www.w3.org/2000/svg'),
    );
    expect([...page.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1])).toEqual(['data:,']);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;`);
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toMatch(/@media print \{/);
  });

  it('is accessible: one h1, no skipped heading level, captioned tables, scoped headers', () => {
    const levels = [...page.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    levels.forEach((level, i) => {
      if (i > 0) expect(level).toBeLessThanOrEqual(levels[i - 1]! + 1);
    });
    const tables = [...page.matchAll(/<table>\s*(<[a-z]+)/g)].map((m) => m[1]);
    expect(tables.length).toBeGreaterThanOrEqual(7);
    expect(new Set(tables)).toEqual(new Set(['<caption']));
    expect(page.match(/<th(?![^>]*scope="(?:col|row)")[\s>]/g)).toBeNull();
    for (const svg of page.match(/<svg[^>]*>/g) ?? []) expect(svg).toMatch(/role="img" aria-labelledby="/);
  });

  it('shows the ratios with their band in words, rounded down so a ratio never reads as its threshold', () => {
    expect(card(page, 'Overall')).toBe(
      'Overall 95.2% Green 95.0% or more 19,999 compliant · 1,001 non-compliant · 5 accounts',
    );
    expect(card(page, 'Prod')).toBe(
      'Prod 100.0% Green 95.0% or more 1,000 compliant · 0 non-compliant · 2 accounts',
    );
    expect(card(page, 'Non-Prod')).toBe(
      'Non-Prod 94.9% Yellow 80.0% to below 95.0% 18,999 compliant · 1,001 non-compliant · 3 accounts',
    );
    // No unclassified account: no card, but a row of the table (no data, never 0 %).
    expect(card(page, 'Unclassified')).toBe('');
    expect(rows(section(page, 'compliance'))).toContain('Unclassified 0 0 0 0 0 n/a No data');
    expect(page).toContain('<title>AWS Config compliance 2024-05-01: 95.2% (Green)</title>');
  });

  it('counts coverage problems as the CLI does and lists each with its reason', () => {
    const coverage = section(page, 'coverage');
    expect(coverage).toContain('<data data-kpi="coverage-problems" value="3">3</data> coverage problems');
    expect(rows(coverage)).toEqual([
      'Status Account-regions',
      'OK 4',
      'ASSUME_ROLE_DENIED 1',
      'MISSING 1',
      'SKIPPED 1',
      'Status Account Account ID Region Reason',
      'ASSUME_ROLE_DENIED prod-api-01 555555555555 us-east-1 AccessDenied: not authorized to perform sts:AssumeRole',
      'MISSING log-archive 666666666666 us-east-1 shard 03 never arrived',
      'Shard Accounts Reason',
      '03 1 shard 03 never arrived',
      'Status Account Account ID Region Reason',
      'SKIPPED old-account 777777777777 account state SUSPENDED: not collected',
    ]);
  });

  it('escapes hostile names everywhere and isolates their direction', () => {
    expect(page).not.toContain(SCRIPT_NAME);
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page).toContain(`<bdi>${RTL_NAME}</bdi>`);
    expect(rows(section(page, 'worst-accounts'))[2]).toBe(
      `${FORGED_NAME.replace('\n', ' ')} 222222222222 Non-Prod 8 2 20.0% Red`,
    );
  });

  it('is deterministic: the same summary gives the same bytes', () => {
    expect(renderHtmlSummary(structuredClone(sampleSummary()))).toBe(page);
  });

  it('leads with a setup failure, and says when no shard was accepted', () => {
    const summary = sampleSummary();
    summary.setup_failure = {
      reason: 'no-account-region-read',
      message: 'Setup failure: no account-region was read.',
      account_regions: 2,
      read: 0,
      denied: 2,
      denied_share: 1,
      config_not_enabled: 0,
      config_not_enabled_share: 0,
      threshold: 0.5,
      likely_causes: ['the role name differs <here>'],
    };
    summary.shards.accepted = 0;
    const failed = renderHtmlSummary(summary);
    expect(failed.indexOf('id="setup-failure"')).toBeLessThan(failed.indexOf('id="compliance"'));
    expect(failed).toContain('<li class="reason">the role name differs &lt;here&gt;</li>');
    expect(section(failed, 'coverage')).toContain('No shard was accepted for this group');
  });

  it('shows at most 100 problems and says how many more are in the workbook', () => {
    const summary = sampleSummary();
    const problem = summary.coverage.problems[0]!;
    summary.coverage.problems = Array.from({ length: 150 }, (_, i) => ({ ...problem, region: `r-${i}` }));
    const coverage = section(renderHtmlSummary(summary), 'coverage');
    expect(rows(coverage).filter((r) => r.startsWith('ASSUME_ROLE_DENIED prod-api-01'))).toHaveLength(100);
    expect(coverage).toContain('… and 50 more in the Coverage sheet of ConfigRule_2024-05-01.xlsx.');
  });
});

describe('who must act, as on the Summary sheet', () => {
  /** 1,001 non-compliant overall: a team with 600 (two accounts), one with 300; 7 untagged. */
  const withOwners = (): SummaryJson => ({
    ...sampleSummary(),
    top_owners: [
      { owner: 'team-<b>', accounts: 2, non_compliant_resources: 450, ...counts(400, 600) },
      { owner: RTL_NAME, accounts: 1, non_compliant_resources: 30, ...counts(0, 300) },
    ],
  });

  it('lists the top owners with their distinct resources and share, then the untagged row', () => {
    const owners = section(renderHtmlSummary(withOwners()), 'top-owners');
    expect(rows(owners)).toEqual([
      'Owner Accounts Non-compliant Non-compliant resources Compliant Share of non-compliant Compliance %',
      // 600 / 1,001 = 59.94 %: rounded down like every percentage.
      'team-&lt;b&gt; 2 600 450 400 59.9% 40.0% Red',
      `${RTL_NAME} 1 300 30 0 29.9% 0.0% Red`,
      // 7 untagged non-compliant evaluations on 5 resources: 7 / 1,001 = 0.69 %.
      'Untagged (no mox.owner ) 7 5 0.6%',
    ]);
    expect(owners).toContain(`<bdi>${RTL_NAME}</bdi>`);
    expect(owners).toContain('Top owners by non-compliant (mox.owner, top 2)');
    expect(owners).toMatch(
      /<data data-kpi="non-compliant" value="1001">1,001<\/data> non-compliant evaluations/,
    );
    expect(owners).toMatch(
      /<data data-kpi="non-compliant-resources" value="900">900<\/data> distinct resources/,
    );
  });

  it('says so when no tagged resource has a non-compliant evaluation, and still shows the untagged row', () => {
    const owners = section(renderHtmlSummary(sampleSummary()), 'top-owners');
    expect(owners).toContain('No resource tagged <bdi>mox.owner</bdi> has a non-compliant evaluation.');
    expect(rows(owners).at(-1)).toBe('Untagged (no mox.owner ) 7 5 0.6%');
  });

  it('has a "Compliance by OU" table only when accounts have OU paths: the first 10, and how many more', () => {
    expect(renderHtmlSummary(sampleSummary())).not.toContain('id="organizational-units"');
    const summary = sampleSummary();
    summary.organizational_units = Array.from({ length: 12 }, (_, i) => ({
      ou_path: `Root/OU-${String(i).padStart(2, '0')}`,
      accounts: 1,
      non_compliant_resources: 12 - i,
      ...counts(10, 12 - i),
    }));
    const ous = section(renderHtmlSummary(summary), 'organizational-units');
    const listed = rows(ous);
    expect(listed[0]).toBe(
      'OU path Accounts Non-compliant Non-compliant resources Compliant Share of non-compliant Compliance %',
    );
    // Root/OU-00: 12 non-compliant of 1,001 (1.19 %), 10 compliant of 22 (45.45 %).
    expect(listed[1]).toBe('Root/OU-00 1 12 12 10 1.1% 45.4% Red');
    expect(listed.slice(1).map((r) => r.split(' ')[0])).toEqual(
      Array.from({ length: 10 }, (_, i) => `Root/OU-${String(i).padStart(2, '0')}`),
    );
    expect(ous).toContain('Compliance by OU (accounts directly in each OU; top 10 of 12)');
    expect(ous).toContain('… and 2 more OUs in the summary JSON');
  });
});

describe('evaluation age, worst rules and conformance packs', () => {
  it('shows how many evaluations are stale, their share, the stale non-compliant and the oldest', () => {
    expect(rows(section(renderHtmlSummary(sampleSummary()), 'evaluation-age'))).toEqual([
      'Item Count',
      'Evaluations older than 7 days (stale) 12',
      // 12 / 21,042 = 0.057 %.
      'Stale share of evaluations 0.0%',
      'Stale non-compliant evaluations 3',
      'Oldest evaluation (days) 30',
    ]);
    const none = sampleSummary();
    none.stale = { threshold_days: 3, evaluations: 0, non_compliant: 0, share: null, oldest_days: null };
    expect(rows(section(renderHtmlSummary(none), 'evaluation-age')).slice(1)).toEqual([
      'Evaluations older than 3 days (stale) 0',
      'Stale share of evaluations n/a',
      'Stale non-compliant evaluations 0',
      'Oldest evaluation (days) n/a',
    ]);
  });

  it('lists worst rules as logical rules, with who created them, their instances and accounts', () => {
    const rules = section(renderHtmlSummary(sampleSummary()), 'worst-rules');
    expect(rows(rules)).toEqual([
      'Rule Created by Instances Accounts Non-compliant Compliant Not applicable Insufficient data Compliance %',
      's3-bucket-versioning-enabled Account 4 4 100 900 3 1 90.0% Yellow',
    ]);
    expect(rules).toContain(
      'Worst rules (most non-compliant, top 1; rules with at least 10 compliant or non-compliant evaluations)',
    );
    const none = sampleSummary();
    none.worst_rules = [];
    expect(section(renderHtmlSummary(none), 'worst-rules')).toContain(
      'No rule with non-compliant results and 10 or more evaluations.',
    );
  });

  it('has a conformance packs table only when the summary has packs, with the score and its band', () => {
    expect(renderHtmlSummary(sampleSummary())).not.toContain('id="conformance-packs"');
    const summary = sampleSummary();
    const pack = {
      accounts: 3,
      account_regions: 6,
      non_compliant_account_regions: 4,
      rules: 5,
      compliant: 0,
      non_compliant: 0,
    };
    summary.conformance_packs = [
      { pack_name: 'Operational-Best-Practices-for-<S3>', ...pack, compliance_score: 0.66 },
      { pack_name: 'empty-pack', ...pack, compliance_score: null },
    ];
    const packs = section(renderHtmlSummary(summary), 'conformance-packs');
    expect(rows(packs)).toEqual([
      'Conformance pack Accounts Non-compliant account-regions Compliance score',
      'Operational-Best-Practices-for-&lt;S3&gt; 3 4 66.0% Red',
      'empty-pack 3 4 n/a No data',
    ]);
  });

  it('renders a summary written before top owners, OUs, evaluation age and packs, without their sections', () => {
    const {
      top_owners: _owners,
      organizational_units: _ous,
      stale: _stale,
      conformance_packs: _packs,
      ...older
    } = sampleSummary();
    const page = renderHtmlSummary(older);
    for (const id of ['top-owners', 'organizational-units', 'evaluation-age', 'conformance-packs'])
      expect(page).not.toContain(`id="${id}"`);
    expect(page).toContain('id="worst-rules"');
  });
});
