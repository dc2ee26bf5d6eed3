/**
 * Telling people: after final mode published a report, one message with its headline and download
 * links; when final mode fails, one message naming the failure. Sending is best effort by design —
 * a notification that cannot be sent is logged and reported in the result, and never turns a
 * published report into a failed run (nor hides the error of a failed one).
 *
 * The ports are owned here; src/aws implements them (SNS, S3 presigned URLs) and the composition
 * root wires them in only when a topic is configured.
 */
import { ErrorKind, errorMessage, errorName, isConfigReportError, isErrorOfKind } from '../../core/errors.js';
import type { LoggerPort } from '../../core/logger.js';
import type { SummaryJson } from '../../report/summaryJson.js';
import {
  type FailureFacts,
  failedText,
  type NotificationText,
  type ReportLink,
  type ReportLinks,
  readyText,
} from './notifyText.js';

export type { NotificationText, ReportLink, ReportLinks } from './notifyText.js';

/** Publishes one message (SNS). */
export interface NotificationPort {
  /** Where messages go, for logs and the result (a topic ARN). */
  readonly target: string;
  /** Resolves with the service's message id; rejects when the message was not accepted. */
  publish(message: NotificationText, options: { signal: AbortSignal }): Promise<{ messageId: string }>;
}

/** Makes a stored file reachable for people: a presigned URL (S3), or its path (a local folder). */
export interface ReportLinkPort {
  link(key: string, expiresInSeconds: number): Promise<ReportLink>;
}

/** What final mode needs to notify; absent: no notification. */
export interface NotifyDeps {
  notifier: NotificationPort;
  links: ReportLinkPort;
  /** Milliseconds left before the invocation is killed (Lambda): a message must not outlive it. */
  remainingMs?: () => number;
}

/** The published keys as notify reads them: the workbook, and whatever other files the run published. */
export type ReportKeysView = { xlsx: string } & Readonly<Record<string, string>>;

/** What became of the notification of a run (the result's `notification`). */
export interface NotificationOutcome {
  status: 'sent' | 'failed';
  /** The topic. */
  target: string;
  messageId?: string;
  /** Why it was not sent (`<ErrorName>: <message>`). */
  error?: string;
  /** When the earliest download link stops working (ISO-8601), when the message carries links. */
  linksExpireAt?: string;
}

/**
 * The longest a notification may take: it runs after the report (or the failure), and in Lambda
 * possibly with little time left, so a stuck SNS call must not eat the invocation.
 */
export const PUBLISH_TIMEOUT_MS = 10_000;
/** Time kept after giving up on a message, for the result (or the error) to be returned. */
const RETURN_MARGIN_MS = 1_500;

/** How long this message may take: 10 s, less when the invocation ends sooner (at least 0.5 s). */
export function publishTimeoutMs(remainingMs?: () => number): number {
  if (!remainingMs) return PUBLISH_TIMEOUT_MS;
  return Math.max(500, Math.min(PUBLISH_TIMEOUT_MS, remainingMs() - RETURN_MARGIN_MS));
}

const SECONDS_PER_DAY = 86_400;

/** The report's files worth a link: the workbook, and an HTML summary if the run wrote one. */
function linkedKeys(keys: ReportKeysView): { workbook: string; html?: string } {
  const workbook = keys.xlsx;
  // Any published key ending in .html is the run's HTML summary (newer runs write one).
  const html = Object.values(keys).find((k): k is string => typeof k === 'string' && k.endsWith('.html'));
  return html ? { workbook, html } : { workbook };
}

async function send(
  deps: NotifyDeps,
  logger: LoggerPort,
  message: NotificationText,
  linksExpireAt?: string,
): Promise<NotificationOutcome> {
  const target = deps.notifier.target;
  const expiry = linksExpireAt ? { linksExpireAt } : {};
  try {
    const { messageId } = await deps.notifier.publish(message, {
      signal: AbortSignal.timeout(publishTimeoutMs(deps.remainingMs)),
    });
    logger.info('notification sent', { topic: target, message_id: messageId, subject: message.subject });
    return { status: 'sent', target, messageId, ...expiry };
  } catch (error) {
    const reason = `${errorName(error)}: ${errorMessage(error)}`;
    logger.error('notification not sent', { topic: target, subject: message.subject, error: reason });
    return { status: 'failed', target, error: reason, ...expiry };
  }
}

/** The earliest expiry of the URL links, ISO-8601. */
function earliestExpiry(links: ReportLinks): string | undefined {
  const dates = [links.workbook, links.html]
    .filter((l): l is Extract<ReportLink, { kind: 'url' }> => l?.kind === 'url')
    .map((l) => l.expiresAt.getTime());
  return dates.length > 0 ? new Date(Math.min(...dates)).toISOString() : undefined;
}

/**
 * Announces a published report (a setup failure reads as a failure, with the links). Never throws:
 * a link that cannot be made or a message that is not accepted is logged and returned as `failed`.
 */
export async function notifyReport(
  report: { summary: SummaryJson; keys: ReportKeysView },
  deps: NotifyDeps,
  options: { linkExpiryDays: number; logger: LoggerPort },
): Promise<NotificationOutcome> {
  const expiresIn = options.linkExpiryDays * SECONDS_PER_DAY;
  const keys = linkedKeys(report.keys);
  let links: ReportLinks;
  try {
    const workbook = await deps.links.link(keys.workbook, expiresIn);
    links = keys.html ? { workbook, html: await deps.links.link(keys.html, expiresIn) } : { workbook };
  } catch (error) {
    const reason = `${errorName(error)}: ${errorMessage(error)}`;
    options.logger.error('notification not sent: no download link', { key: keys.workbook, error: reason });
    return { status: 'failed', target: deps.notifier.target, error: `no download link: ${reason}` };
  }
  return send(deps, options.logger, readyText(report.summary, links), earliestExpiry(links));
}

/**
 * Announces a failed run. Never throws (the run's own error is what the caller rethrows). An
 * interrupted run (Ctrl-C) is not announced: whoever interrupted it knows.
 */
export async function notifyFailure(
  error: unknown,
  facts: Omit<FailureFacts, 'errorName' | 'message' | 'details'>,
  deps: NotifyDeps,
  options: { logger: LoggerPort },
): Promise<NotificationOutcome | undefined> {
  if (isErrorOfKind(error, ErrorKind.Interrupted)) return undefined;
  const details = isConfigReportError(error) ? error.details : [];
  return send(
    deps,
    options.logger,
    failedText({ ...facts, errorName: errorName(error), message: errorMessage(error), details }),
  );
}
