/**
 * Plain-text rendering of results: aligned tables, and the report summary the `run`, `final` and
 * `demo` commands print (overall %, Prod vs Non-Prod, worst accounts, coverage problems). Percentages
 * and the coverage-problem count are the report's own (src/report/summaryText.ts), so the CLI, the
 * HTML summary and the notification always say the same.
 */
import { coverageProblemCount, isCoverageProblem, percentText } from '../report/summaryText.js';
import type { CountsView, ReportSummaryView } from './deps.js';

/** Renders rows as an aligned table; columns whose header starts with a space are right-aligned. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.trim().length, ...rows.map((r) => (r[i] ?? '').length)));
  const right = headers.map((h) => h.startsWith(' '));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (right[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers.map((h) => h.trim())), ...rows.map(line)].join('\n');
}

/** Thousands separators, fixed locale so output is the same everywhere. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Red / yellow / green band of a ratio with the report's thresholds. */
export function band(ratio: number | null, thresholds: ReportSummaryView['thresholds']): string {
  if (ratio === null) return '';
  if (ratio < thresholds.red_below) return 'red';
  if (ratio < thresholds.yellow_below) return 'yellow';
  return 'green';
}

const countsRow = (label: string, c: CountsView, t: ReportSummaryView['thresholds']) => [
  label,
  count(c.compliant),
  count(c.non_compliant),
  percentText(c.compliance_ratio),
  band(c.compliance_ratio, t),
];

/**
 * True when the group produced no usable shard at all (a mistyped group id, or every shard rejected):
 * an empty workbook must never read as "everything was covered".
 */
export function noShardAccepted(summary: ReportSummaryView): boolean {
  return summary.shards.accepted === 0;
}

/**
 * The setup failure as lines: the message, then one `  - <cause>` line per likely cause (empty
 * when the run is not a setup failure).
 */
export function setupFailureLines(summary: ReportSummaryView): string[] {
  const failure = summary.setup_failure;
  if (!failure) return [];
  return [failure.message, 'Likely causes:', ...failure.likely_causes.map((cause) => `  - ${cause}`)];
}

/** The report summary as text. `limit` caps the worst-accounts and problem lists. */
export function renderSummary(summary: ReportSummaryView, reportPath: string, limit = 8): string {
  const t = summary.thresholds;
  const out: string[] = [];
  const failure = setupFailureLines(summary);
  // First, before any number: the numbers below do not describe the organization.
  if (failure.length > 0) out.push(...failure, '');
  out.push(
    table(
      ['Compliance', ' Compliant', ' Non-compliant', ' Ratio', 'Band'],
      [
        countsRow('Overall', summary.overall, t),
        ...summary.environments.map((e) => countsRow(`${e.environment} (${e.accounts} accounts)`, e, t)),
      ],
    ),
  );
  const worst = summary.worst_accounts.filter((a) => a.non_compliant > 0).slice(0, limit);
  if (worst.length > 0) {
    out.push('');
    out.push(
      table(
        ['Worst accounts', 'Account id', 'Env', ' Non-compliant', ' Ratio'],
        worst.map((a) => [
          a.account_name,
          a.account_id,
          a.environment,
          count(a.non_compliant),
          percentText(a.compliance_ratio),
        ]),
      ),
    );
  }
  const problems = coverageProblemCount(summary);
  const skipped = summary.coverage.problems.filter((p) => p.status === 'SKIPPED');
  out.push('');
  if (noShardAccepted(summary)) {
    out.push(
      `No shard was accepted for this group (${summary.shards.listed} listed, ${summary.shards.rejected} rejected): the report is empty.`,
    );
  }
  if (problems === 0) {
    out.push('Coverage: every expected account-region was read.');
  } else {
    out.push(`Coverage problems: ${problems}`);
    const rows = [
      ...summary.coverage.missing_shards.map((m) => [
        'MISSING_SHARD',
        `shard ${m.shard_id} (${m.accounts} accounts)`,
        '',
        m.reason,
      ]),
      ...summary.coverage.problems
        .filter((p) => isCoverageProblem(p.status))
        .map((p) => [p.status, `${p.account_name} (${p.account_id})`, p.region, p.reason]),
    ];
    const listed = table(
      ['Status', 'Account', 'Region', 'Reason'],
      rows.slice(0, limit).map((r) => [r[0] ?? '', r[1] ?? '', r[2] ?? '', truncate(r[3] ?? '', 70)]),
    );
    if (rows.length > 0) out.push(indent(listed));
    if (rows.length > limit) out.push(`  … and ${rows.length - limit} more (see the Coverage sheet)`);
  }
  if (skipped.length > 0) {
    const names = skipped.slice(0, limit).map((p) => `${p.account_name} (${p.account_id})`);
    const more = skipped.length > limit ? ` and ${skipped.length - limit} more` : '';
    out.push(`Not collected (suspended, closed or excluded): ${names.join(', ')}${more}`);
  }
  out.push('');
  out.push(`Report: ${reportPath}`);
  return `${out.join('\n')}\n`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
