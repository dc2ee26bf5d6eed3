/**
 * The report's headline in plain text, from the summary JSON: what a notification (SNS e-mail, chat)
 * says before anyone opens the workbook — date, overall ratio and band, Prod and Non-Prod, coverage
 * problems, the three worst accounts. Pure: the same summary always gives the same lines.
 */
import {
  type Band,
  bandOf,
  bandWord,
  type CoverageView,
  countText,
  coverageProblemCount,
  oneLine,
  percentText,
  type ThresholdsView,
} from './summaryText.js';

/** Counts as the summary JSON carries them (the fields the headline reads). */
export interface HeadlineCounts {
  compliant: number;
  non_compliant: number;
  compliance_ratio: number | null;
}

/** What the headline reads of the summary JSON (`SummaryJson` fits). */
export interface HeadlineSummary extends CoverageView {
  group_id: string;
  report_date: string;
  thresholds: ThresholdsView;
  overall: HeadlineCounts;
  environments: readonly (HeadlineCounts & { environment: string; accounts: number })[];
  worst_accounts: readonly (HeadlineCounts & {
    account_id: string;
    account_name: string;
    environment: string;
  })[];
  setup_failure?: { message: string };
}

/** How many worst accounts the headline names. */
export const HEADLINE_WORST_ACCOUNTS = 3;

/** The environments the headline always names, present or not. */
const HEADLINE_ENVIRONMENTS = ['Prod', 'Non-Prod'] as const;

function rated(ratio: number | null, thresholds: ThresholdsView): string {
  const band: Band = bandOf(ratio, thresholds);
  return `${percentText(ratio)} (${bandWord(band)})`;
}

function environmentPart(summary: HeadlineSummary, name: string): string {
  const env = summary.environments.find((e) => e.environment === name);
  if (env === undefined) return `${name}: no accounts`;
  const accounts = `${countText(env.accounts)} account${env.accounts === 1 ? '' : 's'}`;
  return `${name}: ${rated(env.compliance_ratio, summary.thresholds)}, ${accounts}`;
}

/** The accounts the headline names: worst first, only those with something non-compliant. */
function worstAccounts(summary: HeadlineSummary): HeadlineSummary['worst_accounts'] {
  return summary.worst_accounts.filter((a) => a.non_compliant > 0).slice(0, HEADLINE_WORST_ACCOUNTS);
}

/**
 * The headline as lines (no trailing newline in any), e.g.
 *
 * ```text
 * AWS Config compliance 2026-11-28
 * Overall: 75.2% (Red): 5,280 compliant, 1,738 non-compliant
 * Prod: 85.3% (Yellow), 7 accounts; Non-Prod: 72.2% (Red), 26 accounts
 * Coverage problems: 6
 * Worst accounts:
 *   dev-web-03 (100100000031, Non-Prod): 41.6% (Red), 52 non-compliant
 * ```
 *
 * A setup failure comes second, before any number: the numbers do not describe the organization.
 * Account names are hostile input: control characters cannot add or forge lines.
 */
export function headlineLines(summary: HeadlineSummary): string[] {
  const t = summary.thresholds;
  const group = summary.group_id === summary.report_date ? '' : ` (group ${oneLine(summary.group_id, 128)})`;
  const lines = [`AWS Config compliance ${summary.report_date}${group}`];
  if (summary.setup_failure) lines.push(`SETUP FAILURE: ${oneLine(summary.setup_failure.message, 300)}`);
  const o = summary.overall;
  lines.push(
    `Overall: ${rated(o.compliance_ratio, t)}: ${countText(o.compliant)} compliant, ${countText(o.non_compliant)} non-compliant`,
  );
  lines.push(HEADLINE_ENVIRONMENTS.map((name) => environmentPart(summary, name)).join('; '));
  const problems = coverageProblemCount(summary);
  lines.push(
    problems === 0 ? 'Coverage: every expected account-region was read' : `Coverage problems: ${problems}`,
  );
  const worst = worstAccounts(summary);
  if (worst.length === 0) lines.push('Worst accounts: none with non-compliant evaluations');
  else {
    lines.push('Worst accounts:');
    for (const a of worst)
      lines.push(
        `  ${oneLine(a.account_name || a.account_id, 64)} (${a.account_id}, ${oneLine(a.environment, 20)}): ` +
          `${rated(a.compliance_ratio, t)}, ${countText(a.non_compliant)} non-compliant`,
      );
  }
  return lines;
}

/** {@link headlineLines} joined with `\n`, ending with one. */
export function headlineText(summary: HeadlineSummary): string {
  return `${headlineLines(summary).join('\n')}\n`;
}

/** SNS's limit on a subject: fewer than 100 characters. */
const SUBJECT_MAX = 99;

/**
 * A one-line subject for the headline: printable ASCII only and under 100 characters, as SNS
 * requires of a subject (`ConfigRule 2026-11-28: 75.2% compliant (Red), 6 coverage problems`).
 */
export function headlineSubject(summary: HeadlineSummary): string {
  const problems = coverageProblemCount(summary);
  const coverage =
    problems === 0 ? 'full coverage' : `${problems} coverage problem${problems === 1 ? '' : 's'}`;
  const state = summary.setup_failure
    ? 'SETUP FAILURE'
    : `${rated(summary.overall.compliance_ratio, summary.thresholds).replace(' (', ' compliant (')}`;
  const group = summary.group_id === summary.report_date ? '' : ` [${summary.group_id}]`;
  const subject = `ConfigRule ${summary.report_date}${group}: ${state}, ${coverage}`.replace(
    /[^\x20-\x7e]/g,
    '?',
  );
  return subject.length > SUBJECT_MAX ? `${subject.slice(0, SUBJECT_MAX - 3)}...` : subject;
}
