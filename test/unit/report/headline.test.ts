import { describe, expect, it } from 'vitest';
import { headlineLines, headlineSubject, headlineText, subjectLine } from '../../../src/report/headline.js';
import { sampleSummary } from '../../helpers/summaryFixture.js';

describe('the plain-text headline', () => {
  it('says date, overall, Prod and Non-Prod with bands in words, coverage problems and the 3 worst accounts', () => {
    expect(headlineLines(sampleSummary())).toEqual([
      'AWS Config compliance 2024-05-01',
      'Overall: 95.2% (Green): 19,999 compliant, 1,001 non-compliant',
      // 94.995 % is below the yellow threshold: it must not read as 95.0 %.
      'Prod: 100.0% (Green), 2 accounts; Non-Prod: 94.9% (Yellow), 3 accounts',
      'Coverage problems: 3',
      'Worst accounts:',
      '  <script>alert("x")</script> (111111111111, Non-Prod): 10.0% (Red), 90 non-compliant',
      // The newline in the name cannot forge a line of its own.
      '  ops Coverage: every expected account-region was read (222222222222, Non-Prod): 20.0% (Red), 8 non-compliant',
      // No name: the id stands in.
      '  333333333333 (333333333333, Non-Prod): 99.8% (Green), 1 non-compliant',
      // The logical rule with the most non-compliant evaluations: 900 / 1,000.
      'Worst rule: s3-bucket-versioning-enabled (4 instances): 90.0% (Yellow), 100 non-compliant',
    ]);
    expect(headlineText(sampleSummary())).toBe(`${headlineLines(sampleSummary()).join('\n')}\n`);
  });

  it('puts a setup failure before any number, names a non-date group, and copes with missing data', () => {
    const summary = sampleSummary();
    summary.group_id = 'adhoc';
    summary.setup_failure = {
      reason: 'access-denied-share',
      message: 'Setup failure: 4 of 4 account-regions (100%) denied sts:AssumeRole.',
      account_regions: 4,
      read: 0,
      denied: 4,
      denied_share: 1,
      config_not_enabled: 0,
      config_not_enabled_share: 0,
      threshold: 0.5,
      likely_causes: [],
    };
    summary.overall = { ...summary.overall, compliant: 0, non_compliant: 0, compliance_ratio: null };
    summary.environments = [];
    summary.worst_accounts = [];
    summary.worst_rules = [];
    summary.coverage.problems = [];
    summary.coverage.missing_shards = [];
    expect(headlineLines(summary)).toEqual([
      'AWS Config compliance 2024-05-01 (group adhoc)',
      'SETUP FAILURE: Setup failure: 4 of 4 account-regions (100%) denied sts:AssumeRole.',
      'Overall: n/a (No data): 0 compliant, 0 non-compliant',
      'Prod: no accounts; Non-Prod: no accounts',
      'Coverage: every expected account-region was read',
      'Worst accounts: none with non-compliant evaluations',
    ]);
  });

  it('counts "no shard accepted" as a coverage problem', () => {
    const summary = sampleSummary();
    summary.coverage.problems = [];
    summary.coverage.missing_shards = [];
    summary.shards.accepted = 0;
    expect(headlineLines(summary)).toContain('Coverage problems: 1');
  });
});

describe('accepted exceptions in the headline', () => {
  it('names the accepted evaluations, the ratio without them and what expires, after the environments', () => {
    const summary = {
      ...sampleSummary(),
      exceptions: {
        accepted: 501,
        // 19,999 / (21,000 - 501) = 97.56 %: rounded down.
        compliance_ratio_without_accepted: 19999 / 20499,
        expiring: 2,
        expired: 1,
      },
    };
    const lines = headlineLines(summary);
    expect(lines[3]).toBe(
      'Accepted exceptions: 501 non-compliant evaluations (97.5% (Green) without them); 2 expiring within 14 days, 1 expired',
    );
    expect(
      headlineLines({ ...summary, exceptions: { ...summary.exceptions, ignored: 'bad\nfile' } })[3],
    ).toBe('Exceptions file not applied: bad file');
    expect(headlineLines(sampleSummary())).not.toContainEqual(expect.stringMatching(/^Accepted exceptions/));
  });
});

describe('the headline subject', () => {
  it('is one line of printable ASCII under 100 characters, as SNS requires', () => {
    expect(headlineSubject(sampleSummary())).toBe(
      'ConfigReport 2024-05-01: 95.2% compliant (Green), 3 coverage problems',
    );
    const long = sampleSummary();
    long.group_id = `adhoc-${'x'.repeat(120)}`;
    const subject = headlineSubject(long);
    expect(subject.length).toBe(99);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
    expect(subject).toMatch(/^ConfigReport 2024-05-01 \[adhoc-x+\.\.\.$/);
  });

  it('says FAILED for a setup failure, as a failed run does, and "full coverage" without problems', () => {
    const summary = sampleSummary();
    summary.coverage.problems = [];
    summary.coverage.missing_shards = [];
    expect(headlineSubject(summary)).toBe('ConfigReport 2024-05-01: 95.2% compliant (Green), full coverage');
    summary.setup_failure = { ...({} as NonNullable<typeof summary.setup_failure>), message: 'x' };
    expect(headlineSubject(summary)).toBe('ConfigReport FAILED 2024-05-01: setup failure');
  });
});

describe('subjectLine', () => {
  it('keeps a subject SNS accepts: one line of ASCII, fewer than 100 characters', () => {
    expect(subjectLine('ConfigReport\nFAILED\t g — é')).toBe('ConfigReport FAILED g');
    const long = subjectLine(`ConfigReport FAILED ${'x'.repeat(200)}`);
    expect(long.length).toBe(99);
    expect(long.endsWith('...')).toBe(true);
  });
});
