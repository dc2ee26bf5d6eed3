/**
 * The report's headline in plain text, from the summary JSON: what a notification (the SNS message
 * final mode sends, a chat) says before anyone opens the workbook — date, overall ratio and band,
 * Prod and Non-Prod, coverage problems, the three worst accounts, the worst rule — and its one-line
 * subject. The one plain-text headline: notifications add their links, never their own numbers.
 * Pure: the same summary always gives the same lines.
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
  /** Logical rules, most non-compliant first. */
  worst_rules: readonly (HeadlineCounts & { rule_name: string; instances: number })[];
  setup_failure?: { message: string };
  /** Present when an exceptions file is configured. */
  exceptions?: {
    ignored?: string;
    accepted: number;
    compliance_ratio_without_accepted: number | null;
    expiring: number;
    expired: number;
  };
}

/** One line on accepted exceptions, when a file is configured: the ratio without them, what expires. */
function exceptionsLine(summary: HeadlineSummary): string | undefined {
  const x = summary.exceptions;
  if (x === undefined) return undefined;
  if (x.ignored !== undefined) return `Exceptions file not applied: ${oneLine(x.ignored, 200)}`;
  return (
    `Accepted exceptions: ${countText(x.accepted)} non-compliant evaluations ` +
    `(${rated(x.compliance_ratio_without_accepted, summary.thresholds)} without them); ` +
    `${countText(x.expiring)} expiring within 14 days, ${countText(x.expired)} expired`
  );
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

/** The worst rule line: the logical rule with the most non-compliant evaluations, if any has one. */
function worstRuleLine(summary: HeadlineSummary): string | undefined {
  const rule = summary.worst_rules[0];
  if (rule === undefined || rule.non_compliant === 0) return undefined;
  const instances = `${countText(rule.instances)} instance${rule.instances === 1 ? '' : 's'}`;
  return (
    `Worst rule: ${oneLine(rule.rule_name, 128)} (${instances}): ` +
    `${rated(rule.compliance_ratio, summary.thresholds)}, ${countText(rule.non_compliant)} non-compliant`
  );
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
 * Worst rule: required-tags (68 instances): 76.9% (Red), 366 non-compliant
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
  const exceptions = exceptionsLine(summary);
  if (exceptions !== undefined) lines.push(exceptions);
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
  const rule = worstRuleLine(summary);
  if (rule !== undefined) lines.push(rule);
  return lines;
}

/** {@link headlineLines} joined with `\n`, ending with one. */
export function headlineText(summary: HeadlineSummary): string {
  return `${headlineLines(summary).join('\n')}\n`;
}

/** SNS's limit on a subject: fewer than 100 characters. */
const SUBJECT_MAX = 99;

/**
 * Text made a subject SNS accepts: printable ASCII only (anything else becomes a space, runs of
 * spaces collapse), one line, at most 99 characters (`...` when cut).
 */
export function subjectLine(text: string): string {
  const line = text
    .replace(/[^\x21-\x7e]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return line.length <= SUBJECT_MAX ? line : `${line.slice(0, SUBJECT_MAX - 3)}...`;
}

/**
 * The headline's subject line, as {@link subjectLine} makes it: `ConfigReport 2026-11-28: 75.2%
 * compliant (Red), 6 coverage problems`; for a setup failure `ConfigReport FAILED 2026-11-28: setup
 * failure` (what a failed run's subject starts with too, so a mail filter on `FAILED` sees both).
 * A group that is not the date is named in brackets after the date.
 */
export function headlineSubject(summary: HeadlineSummary): string {
  const group = summary.group_id === summary.report_date ? '' : ` [${summary.group_id}]`;
  if (summary.setup_failure)
    return subjectLine(`ConfigReport FAILED ${summary.report_date}${group}: setup failure`);
  const problems = coverageProblemCount(summary);
  const coverage =
    problems === 0 ? 'full coverage' : `${problems} coverage problem${problems === 1 ? '' : 's'}`;
  const ratio = summary.overall.compliance_ratio;
  const state = `${percentText(ratio)} compliant (${bandWord(bandOf(ratio, summary.thresholds))})`;
  return subjectLine(`ConfigReport ${summary.report_date}${group}: ${state}, ${coverage}`);
}
