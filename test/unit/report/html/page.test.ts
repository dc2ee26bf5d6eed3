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

describe('optional sections of newer summaries', () => {
  const withExtras = (extras: Record<string, unknown>): string =>
    renderHtmlSummary({ ...sampleSummary(), ...extras } as SummaryJson);

  /** A summary as written before `top_owners` existed. */
  const olderSummary = (): SummaryJson => {
    const { top_owners: _topOwners, ...older } = sampleSummary();
    return older as SummaryJson;
  };

  it('has no top owners section when the summary has no top_owners', () => {
    expect(renderHtmlSummary(olderSummary())).not.toContain('id="top-owners"');
  });

  it('says so when no owner has non-compliant evaluations', () => {
    expect(section(renderHtmlSummary(sampleSummary()), 'top-owners')).toContain(
      'No owner has non-compliant evaluations.',
    );
  });

  it('renders top_owners, leaving out entries that are not the expected shape', () => {
    const page = withExtras({
      top_owners: [
        { owner: 'team-<b>', accounts: 3, ...counts(10, 90) },
        { owner: '(untagged)', ...counts(50, 50) },
        { owner: 42, ...counts(1, 1) },
        { owner: 'ratio out of range', compliance_ratio: 7 },
        'not an object',
      ],
    });
    expect(rows(section(page, 'top-owners'))).toEqual([
      'Owner Accounts Non-compliant Compliant Compliance %',
      'team-&lt;b&gt; 3 90 10 10.0% Red',
      '(untagged) 50 50 50.0% Red',
    ]);
    expect(page).toContain('Top owners by non-compliant evaluations (mox.owner)');
  });

  it('shows worst rules by logical rule when the summary has them, else by rule name', () => {
    const page = withExtras({ worst_logical_rules: [{ logical_rule: 'S3.14 versioning', ...counts(3, 1) }] });
    expect(rows(section(page, 'worst-rules'))).toEqual([
      'Rule Non-compliant Compliant Compliance %',
      'S3.14 versioning 1 3 75.0% Red',
    ]);
    expect(rows(section(renderHtmlSummary(sampleSummary()), 'worst-rules'))).toEqual([
      'Rule Non-compliant Compliant Not applicable Insufficient data Compliance %',
      's3-bucket-versioning-enabled 100 900 3 1 90.0% Yellow',
    ]);
  });

  it('ignores an optional field that is not a list', () => {
    expect(withExtras({ top_owners: { owner: 'x' }, worst_logical_rules: 'x' })).toBe(
      renderHtmlSummary(olderSummary()),
    );
  });
});
