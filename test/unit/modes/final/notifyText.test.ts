/** The words of the notifications (the report's headline, link expiry, failures) and their time budget. */
import { describe, expect, it } from 'vitest';
import { publishTimeoutMs } from '../../../../src/modes/final/notify.js';
import {
  expiryLine,
  failedText,
  type ReportLink,
  readyText,
} from '../../../../src/modes/final/notifyText.js';
import { FORGED_NAME, sampleSummary } from '../../../helpers/summaryFixture.js';

const url = (expiresAt: string, limitedBy: 'request' | 'credentials' | 'session'): ReportLink => ({
  kind: 'url',
  url: 'https://x.example/a',
  location: 's3://b/a',
  expiresAt: new Date(expiresAt),
  limitedBy,
});

describe('readyText', () => {
  const links = {
    workbook: url('2024-05-09T06:00:00Z', 'request'),
    html: url('2024-05-09T06:00:00Z', 'request'),
  };

  it("tells a published report with the report's headline, then the links and their expiry", () => {
    const message = readyText(sampleSummary(), links);
    expect(message.subject).toBe('ConfigReport 2024-05-01: 95.2% compliant (Green), 3 coverage problems');
    expect(message.text.split('\n')).toEqual([
      'AWS Config compliance 2024-05-01',
      'Overall: 95.2% (Green): 19,999 compliant, 1,001 non-compliant',
      'Prod: 100.0% (Green), 2 accounts; Non-Prod: 94.9% (Yellow), 3 accounts',
      'Coverage problems: 3',
      'Worst accounts:',
      '  <script>alert("x")</script> (111111111111, Non-Prod): 10.0% (Red), 90 non-compliant',
      `  ${FORGED_NAME.replace('\n', ' ')} (222222222222, Non-Prod): 20.0% (Red), 8 non-compliant`,
      '  333333333333 (333333333333, Non-Prod): 99.8% (Green), 1 non-compliant',
      'Worst rule: s3-bucket-versioning-enabled (4 instances): 90.0% (Yellow), 100 non-compliant',
      '',
      'Workbook: https://x.example/a',
      'Summary (HTML): https://x.example/a',
      '',
      'The links work until 2024-05-09 06:00 UTC.',
      'After that, the workbook stays at s3://b/a',
    ]);
    expect(message.attributes).toEqual({ status: 'ok', group_id: '2024-05-01', report_date: '2024-05-01' });
  });

  it('tells a setup failure as a failure: FAILED subject, the failure first, its causes, the links', () => {
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
      likely_causes: ['the role name differs\nfrom the spoke role'],
    };
    const message = readyText(summary, { workbook: { kind: 'path', path: '/tmp/r.xlsx' } });
    expect(message.subject).toBe('ConfigReport FAILED 2024-05-01 [adhoc]: setup failure');
    const lines = message.text.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'AWS Config compliance 2024-05-01 (group adhoc)',
      'SETUP FAILURE: Setup failure: 4 of 4 account-regions (100%) denied sts:AssumeRole.',
    ]);
    expect(lines.slice(-5)).toEqual([
      '',
      'Likely causes:',
      '- the role name differs from the spoke role',
      '',
      'Workbook: /tmp/r.xlsx',
    ]);
    expect(message.attributes).toEqual({
      status: 'setup_failure',
      group_id: 'adhoc',
      report_date: '2024-05-01',
    });
  });
});

describe('expiryLine', () => {
  it('states the expiry asked for, the earlier expiry of the credentials, or the session caveat', () => {
    expect(expiryLine({ workbook: url('2024-05-09T06:00:00Z', 'request') })).toBe(
      'The links work until 2024-05-09 06:00 UTC.',
    );
    expect(
      expiryLine({
        workbook: url('2024-05-09T06:00:00Z', 'request'),
        html: url('2024-05-02T07:00:00Z', 'credentials'),
      }),
    ).toBe('The links work until 2024-05-02 07:00 UTC, when the credentials that signed them expire.');
    expect(expiryLine({ workbook: url('2024-05-09T06:00:00Z', 'session') })).toMatch(
      /^The links work until 2024-05-09 06:00 UTC at the latest: they were signed with temporary credentials/,
    );
    expect(expiryLine({ workbook: { kind: 'path', path: '/tmp/r.xlsx' } })).toBeUndefined();
  });
});

describe('failedText', () => {
  it('names the group and the error, and keeps a long list of details short', () => {
    const details = Array.from({ length: 25 }, (_, i) => `batches/g/${i}.json: not JSON`);
    const text = failedText({ groupId: 'g', errorName: 'NoShardsError', message: 'none', details });
    expect(text.subject).toBe('ConfigReport FAILED g: NoShardsError');
    expect(text.text).toContain('NoShardsError: none');
    expect(text.text).toContain('- batches/g/9.json: not JSON');
    expect(text.text).not.toContain('batches/g/10.json');
    expect(text.text).toContain('- … and 15 more (see the log)');
    expect(text.attributes).toEqual({ status: 'failed', group_id: 'g' });
  });
});

describe('publishTimeoutMs', () => {
  it('gives a message 10 s, less when the invocation ends sooner, never nothing', () => {
    expect(publishTimeoutMs()).toBe(10_000);
    expect(publishTimeoutMs(() => 600_000)).toBe(10_000);
    expect(publishTimeoutMs(() => 5_000)).toBe(3_500);
    expect(publishTimeoutMs(() => 100)).toBe(500);
  });
});
