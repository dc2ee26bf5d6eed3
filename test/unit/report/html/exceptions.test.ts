import { describe, expect, it } from 'vitest';
import { renderHtmlSummary } from '../../../../src/report/html/page.js';
import type { SummaryExceptionEntry } from '../../../../src/report/summaryExceptionsJson.js';
import type { SummaryJson } from '../../../../src/report/summaryJson.js';
import { sampleSummary } from '../../../helpers/summaryFixture.js';

/** The text of the Accepted exceptions section, tags removed, one string per table row. */
function exceptionRows(page: string): string[] {
  const match = /<section[^>]*aria-labelledby="exceptions"[^>]*>([\s\S]*?)<\/section>/.exec(page);
  if (!match) throw new Error('no exceptions section');
  return [...match[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

const entry = (over: Partial<SummaryExceptionEntry>): SummaryExceptionEntry => ({
  entry: 'exceptions[0]',
  account: '*',
  rule: 'required-tags',
  resource: '*',
  reason: 'tagging project',
  owner: 'platform@example.com',
  expires: '2024-06-30',
  status: 'active',
  days_to_expiry: 60,
  matched: 12,
  ...over,
});

/** The sample summary (19,999 compliant / 1,001 non-compliant) with 501 accepted evaluations. */
function withExceptions(entries: SummaryExceptionEntry[]): SummaryJson {
  return {
    ...sampleSummary(),
    exceptions: {
      source: 'exceptions.json',
      accepted: 501,
      compliance_ratio_strict: 19999 / 21000,
      compliance_ratio_without_accepted: 19999 / 20499,
      expiring: 1,
      expired: 1,
      unmatched: 1,
      entries,
    },
  };
}

describe('accepted exceptions in the HTML summary', () => {
  it('has no section without an exceptions file', () => {
    expect(renderHtmlSummary(sampleSummary())).not.toContain('id="exceptions"');
  });

  it('shows the ratio both ways, the counts, and the entries to look at, most urgent first', () => {
    const page = renderHtmlSummary(
      withExceptions([
        entry({}),
        entry({ entry: 'exceptions[1]', status: 'expiring', days_to_expiry: 5, expires: '2024-05-07' }),
        entry({ entry: 'exceptions[2]', matched: 0, rule: 'ec2-*' }),
        entry({ entry: 'exceptions[3]', status: 'expired', days_to_expiry: -3, matched: 0 }),
      ]),
    );
    expect(exceptionRows(page)).toEqual([
      'Item Value',
      // 19,999 / 21,000 = 95.23 % (green); 19,999 / 20,499 = 97.56 %: rounded down, as everywhere.
      'Overall, strict (accepted counted as non-compliant, as AWS Config) 95.2% Green',
      'Overall without accepted (left out of the ratio) 97.5% Green',
      'Accepted non-compliant evaluations 501',
      'Entries expiring within 14 days 1',
      'Expired entries (no longer applied) 1',
      'Entries in force that matched nothing 1',
      'Entry Status Expires Rule Owner Reason',
      'exceptions[3] expired (no longer applied) 2024-06-30 required-tags platform@example.com tagging project',
      'exceptions[1] expiring 2024-05-07 required-tags platform@example.com tagging project',
      'exceptions[2] matched nothing 2024-06-30 ec2-* platform@example.com tagging project',
    ]);
  });

  it('escapes what the file says, and says when the file was not applied', () => {
    const hostile = renderHtmlSummary(withExceptions([entry({ status: 'expiring', reason: '<img src=x>' })]));
    expect(hostile).not.toContain('<img src=x>');
    expect(hostile).toContain('&lt;img src=x&gt;');
    const ignored = withExceptions([]);
    ignored.exceptions!.ignored = 'exceptions[0].expires: not a date YYYY-MM-DD';
    expect(renderHtmlSummary(ignored)).toContain(
      'The exceptions file exceptions.json was not applied: exceptions[0].expires: not a date YYYY-MM-DD',
    );
  });
});
