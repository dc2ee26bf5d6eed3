/** The words of the notifications (SNS's subject rules, honest percentages, link expiry) and their time budget. */
import { describe, expect, it } from 'vitest';
import { publishTimeoutMs } from '../../../../src/modes/final/notify.js';
import {
  expiryLine,
  failedText,
  percent,
  type ReportLink,
  subjectLine,
} from '../../../../src/modes/final/notifyText.js';

const url = (expiresAt: string, limitedBy: 'request' | 'credentials' | 'session'): ReportLink => ({
  kind: 'url',
  url: 'https://x.example/a',
  location: 's3://b/a',
  expiresAt: new Date(expiresAt),
  limitedBy,
});

describe('subjectLine', () => {
  it('keeps a subject SNS accepts: one line of ASCII, fewer than 100 characters', () => {
    expect(subjectLine('ConfigReport\nFAILED\t g — é')).toBe('ConfigReport FAILED g');
    const long = subjectLine(`ConfigReport FAILED ${'x'.repeat(200)}`);
    expect(long.length).toBe(99);
    expect(long.endsWith('...')).toBe(true);
  });
});

describe('percent', () => {
  it('never rounds up to a compliance not reached', () => {
    expect(percent(0.99999)).toBe('99.9 %');
    expect(percent(2 / 3)).toBe('66.6 %');
    expect(percent(1)).toBe('100.0 %');
    expect(percent(0.291)).toBe('29.1 %');
    expect(percent(null)).toBe('n/a');
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
