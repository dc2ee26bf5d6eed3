import { describe, expect, it } from 'vitest';
import type { ReportSummaryView } from '../../../src/cli/deps.js';
import { BufferSink } from '../../../src/cli/io.js';
import { createCliLogger, formatLogLine } from '../../../src/cli/logger.js';
import { createProgress, formatDuration, progressMode } from '../../../src/cli/progress.js';
import { renderSummary, table } from '../../../src/cli/render.js';
import { coverageProblemCount } from '../../../src/report/summaryText.js';

describe('progress', () => {
  it('is a bar only on an interactive stderr, and off with --quiet', () => {
    expect(progressMode(new BufferSink(true), false)).toBe('bar');
    expect(progressMode(new BufferSink(false), false)).toBe('lines');
    expect(progressMode(new BufferSink(true), true)).toBe('off');
  });

  it('prints plain lines at most every interval, with rate, throttles and ETA, and the last one', () => {
    let clock = 0;
    const sink = new BufferSink();
    const progress = createProgress(sink, 'lines', { now: () => clock, lineIntervalMs: 2000 });
    progress.start('Collecting', 10);
    clock = 1000;
    progress.increment();
    progress.throttled(3);
    clock = 2500;
    progress.increment(); // 2 of 10 after 2.5 s: 0.8/s, ETA 10 s
    clock = 3000;
    progress.increment(8);
    progress.stop();
    expect(sink.text.split('\n').filter(Boolean)).toEqual([
      'Collecting: 0/10 accounts (0%), 0.0/s, throttles 0',
      'Collecting: 2/10 accounts (20%), 0.8/s, throttles 3 ETA 10s',
      'Collecting: 10/10 accounts (100%), 3.3/s, throttles 3',
    ]);
  });

  it('prints nothing when off, but still passes log lines', () => {
    const sink = new BufferSink();
    const progress = createProgress(sink, 'off');
    progress.start('x', 5);
    progress.increment(5);
    progress.stop();
    expect(sink.text).toBe('');
  });

  it('formats durations', () => {
    expect(formatDuration(42.4)).toBe('42s');
    expect(formatDuration(65)).toBe('1m05s');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('?');
  });
});

describe('logger', () => {
  it('writes level, message and fields; filters below the level; cuts long values', () => {
    const lines: string[] = [];
    const logger = createCliLogger((line) => lines.push(line), 'warn');
    logger.info('hidden');
    logger.warn('shard failed', { shard_id: '0001', reason: 'two words', list: ['x'.repeat(300)] });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warn: shard failed shard_id=0001 reason="two words" list=\["x+…$/);
    expect(formatLogLine('error', 'm', [{ e: new TypeError('bad') }])).toBe('error: m e="TypeError: bad"');
  });
});

const counts = (compliant: number, nonCompliant: number) => ({
  evaluations: compliant + nonCompliant,
  compliant,
  non_compliant: nonCompliant,
  compliance_ratio: compliant + nonCompliant === 0 ? null : compliant / (compliant + nonCompliant),
});

const summary: ReportSummaryView = {
  overall: counts(900, 100),
  environments: [
    { environment: 'Prod', accounts: 2, ...counts(500, 20) },
    { environment: 'Non-Prod', accounts: 3, ...counts(400, 80) },
  ],
  worst_accounts: [
    { account_id: '111111111111', account_name: 'dev-a', environment: 'Non-Prod', ...counts(100, 60) },
    { account_id: '222222222222', account_name: 'clean', environment: 'Prod', ...counts(10, 0) },
  ],
  shards: { listed: 2, expected: 3, accepted: 2, rejected: 0, missing: 1 },
  coverage: {
    problems: [
      {
        status: 'ASSUME_ROLE_DENIED',
        account_id: '333333333333',
        account_name: 'p',
        region: 'us-east-1',
        reason: 'AccessDenied',
      },
      { status: 'SKIPPED', account_id: '444444444444', account_name: 'old', region: '', reason: 'SUSPENDED' },
    ],
    missing_shards: [{ shard_id: '0003', accounts: 4, reason: 'no shard file' }],
  },
  thresholds: { red_below: 0.8, yellow_below: 0.95 },
};

describe('summary rendering', () => {
  it('aligns tables, right-aligning columns whose header starts with a space', () => {
    expect(
      table(
        ['Name', ' N'],
        [
          ['a', '1'],
          ['bbb', '100'],
        ],
      ),
    ).toBe('Name    N\na       1\nbbb   100');
  });

  it('counts problems without suspended accounts', () => {
    expect(coverageProblemCount(summary)).toBe(2);
  });

  it('treats a group with no accepted shard as a coverage problem, never as full coverage', () => {
    const empty: ReportSummaryView = {
      ...summary,
      overall: counts(0, 0),
      environments: [],
      worst_accounts: [],
      shards: { listed: 1, expected: null, accepted: 0, rejected: 1, missing: 0 },
      coverage: { problems: [], missing_shards: [] },
    };
    expect(coverageProblemCount(empty)).toBe(1);
    const text = renderSummary(empty, '/out/r.xlsx');
    expect(text).toMatch(/No shard was accepted for this group \(1 listed, 1 rejected\)/);
    expect(text).not.toMatch(/every expected account-region was read/);
  });

  it('prints overall, environments, worst accounts, problems, skipped accounts and the path', () => {
    const text = renderSummary(summary, '/out/reports/ConfigRule_2024-05-01.xlsx');
    expect(text).toMatch(/Overall\s+900\s+100\s+90\.0%\s+yellow/);
    expect(text).toMatch(/Prod \(2 accounts\)\s+500\s+20\s+96\.1%\s+green/);
    expect(text).toMatch(/Non-Prod \(3 accounts\)\s+400\s+80\s+83\.3%\s+yellow/);
    expect(text).toMatch(/dev-a\s+111111111111\s+Non-Prod\s+60\s+62\.5%/);
    expect(text).not.toMatch(/clean/);
    expect(text).toMatch(/Coverage problems: 2/);
    expect(text).toMatch(/MISSING_SHARD\s+shard 0003 \(4 accounts\)/);
    expect(text).toMatch(/ASSUME_ROLE_DENIED\s+p \(333333333333\)\s+us-east-1\s+AccessDenied/);
    expect(text).toMatch(/Not collected .*: old \(444444444444\)/);
    expect(text.trimEnd().endsWith('Report: /out/reports/ConfigRule_2024-05-01.xlsx')).toBe(true);
  });
});
