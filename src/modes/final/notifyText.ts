/**
 * The words of the notifications final mode sends: a subject (SNS keeps it under 100 characters,
 * one line) and a plain-text body people read in an email or a chat client. A published report is
 * told with the report's one plain-text headline (src/report/headline.ts: the same numbers, percent
 * format and coverage count as the CLI and the HTML summary), followed by its links; the links and
 * their expiry come in from the delivery step (notify.ts). The same run always reads the same.
 */
import { headlineLines, headlineSubject, subjectLine } from '../../report/headline.js';
import type { SummaryJson } from '../../report/summaryJson.js';
import { oneLine } from '../../report/summaryText.js';

/** Where a file of the report can be fetched: a presigned URL, or a path on this machine. */
export type ReportLink =
  | {
      kind: 'url';
      url: string;
      /** Where the file stays once the link has expired (`s3://bucket/key`). */
      location: string;
      /** When the link stops working, as far as the signer can tell (see `limitedBy`). */
      expiresAt: Date;
      /**
       * What ends it: the expiry asked for; the signing credentials' own expiry (earlier); or
       * temporary credentials whose expiry the signer cannot see (a Lambda role), which may end
       * it before `expiresAt`.
       */
      limitedBy: 'request' | 'credentials' | 'session';
    }
  | { kind: 'path'; path: string };

/** The links of a published report: the workbook, and the HTML summary when the run wrote one. */
export interface ReportLinks {
  workbook: ReportLink;
  html?: ReportLink;
}

/** One notification: SNS subject, body, and message attributes for subscription filter policies. */
export interface NotificationText {
  subject: string;
  text: string;
  /** `status` (`ok`, `setup_failure`, `failed`), `group_id`, and `report_date` when known. */
  attributes: Record<string, string>;
}

/** Detail lines of a failure worth reading in a message; the rest are in the log. */
const MAX_DETAIL_LINES = 10;
/** A failure's message is cut here: the function log has all of it. */
const MAX_ERROR_CHARS = 2000;

function linkLine(label: string, link: ReportLink): string {
  return link.kind === 'url' ? `${label}: ${link.url}` : `${label}: ${link.path}`;
}

/** How long the links work, honestly (temporary credentials can end them early). */
export function expiryLine(links: ReportLinks): string | undefined {
  const urls = [links.workbook, links.html].filter(
    (l): l is Extract<ReportLink, { kind: 'url' }> => l?.kind === 'url',
  );
  if (urls.length === 0) return undefined;
  const first = urls.reduce((a, b) => (b.expiresAt < a.expiresAt ? b : a));
  const until = `${first.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  if (first.limitedBy === 'credentials')
    return `The links work until ${until}, when the credentials that signed them expire.`;
  if (first.limitedBy === 'session')
    return (
      `The links work until ${until} at the latest: they were signed with temporary credentials ` +
      'and stop working when those expire, which can be much sooner. The files stay in the bucket.'
    );
  return `The links work until ${until}.`;
}

function linkBlock(links: ReportLinks): string[] {
  const lines = [linkLine('Workbook', links.workbook)];
  if (links.html) lines.push(linkLine('Summary (HTML)', links.html));
  const expiry = expiryLine(links);
  if (!expiry || links.workbook.kind !== 'url') return lines;
  return [...lines, '', expiry, `After that, the workbook stays at ${links.workbook.location}`];
}

function attributes(status: string, groupId: string, reportDate?: string): Record<string, string> {
  return { status, group_id: groupId, ...(reportDate ? { report_date: reportDate } : {}) };
}

/**
 * The message of a published report: the headline, then the links. A setup failure reads as a
 * failure (its subject says FAILED; the headline puts the failure before any number), with its
 * likely causes before the links to the report that explains it.
 */
export function readyText(summary: SummaryJson, links: ReportLinks): NotificationText {
  const failure = summary.setup_failure;
  const causes = failure
    ? ['', 'Likely causes:', ...failure.likely_causes.map((cause) => `- ${oneLine(cause, 300)}`)]
    : [];
  return {
    subject: headlineSubject(summary),
    text: [...headlineLines(summary), ...causes, '', ...linkBlock(links)].join('\n'),
    attributes: attributes(failure ? 'setup_failure' : 'ok', summary.group_id, summary.report_date),
  };
}

/** What a failed run tells: which group, which error, its message and details. */
export interface FailureFacts {
  groupId: string;
  /** The report's date, when the run got that far. */
  reportDate?: string;
  errorName: string;
  message: string;
  details: readonly string[];
}

/** The message of a failed final run. */
export function failedText(facts: FailureFacts): NotificationText {
  const message =
    facts.message.length > MAX_ERROR_CHARS ? `${facts.message.slice(0, MAX_ERROR_CHARS)}…` : facts.message;
  const details = facts.details.slice(0, MAX_DETAIL_LINES).map((d) => `- ${d}`);
  if (facts.details.length > MAX_DETAIL_LINES)
    details.push(`- … and ${facts.details.length - MAX_DETAIL_LINES} more (see the log)`);
  return {
    subject: subjectLine(`ConfigReport FAILED ${facts.groupId}: ${facts.errorName}`),
    text: [
      `The AWS Config compliance report for group "${facts.groupId}" failed in final mode.`,
      '',
      `${facts.errorName}: ${message}`,
      ...(details.length > 0 ? ['', ...details] : []),
      '',
      'The report manifest still names the last complete report. Rerun final mode for the group ' +
        'once the cause is fixed.',
    ].join('\n'),
    attributes: attributes('failed', facts.groupId, facts.reportDate),
  };
}
