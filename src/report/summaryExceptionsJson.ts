/**
 * The summary JSON's `exceptions` section (docs/report.md, "Exceptions"): present only when an
 * exceptions file is configured. The overall ratio both ways: strict (accepted evaluations count as
 * non-compliant, as AWS Config's score) and without the accepted ones in the denominator.
 */
import type { ReportModel } from './model.js';

/** One entry of the exceptions file, as the summary JSON carries it. */
export interface SummaryExceptionEntry {
  entry: string;
  account: string;
  rule: string;
  resource: string;
  reason: string;
  owner: string;
  expires: string;
  status: 'active' | 'expiring' | 'expired';
  days_to_expiry: number;
  /** Non-compliant evaluations this entry accepted. */
  matched: number;
}

/** The `exceptions` section. */
export interface SummaryExceptions {
  /** The file's location as configured. */
  source: string;
  /** Why the file was not applied (REPORT_IGNORE_INVALID_EXCEPTIONS); absent when it was. */
  ignored?: string;
  /** Non-compliant evaluations accepted (left off the work list). */
  accepted: number;
  /** compliant ÷ (compliant + non-compliant): the same as `overall.compliance_ratio`. */
  compliance_ratio_strict: number | null;
  /** compliant ÷ (compliant + non-compliant − accepted). */
  compliance_ratio_without_accepted: number | null;
  /** Entries in force with 14 days or fewer left. */
  expiring: number;
  /** Entries past their date (no longer applied). */
  expired: number;
  /** Entries in force that matched no evaluation. */
  unmatched: number;
  entries: SummaryExceptionEntry[];
}

/** `{ exceptions }` when the model has them, else nothing (the key stays absent). */
export function exceptionsJson(model: ReportModel): { exceptions?: SummaryExceptions } {
  const x = model.exceptions;
  if (!x) return {};
  return {
    exceptions: {
      source: x.source,
      ...(x.ignored !== undefined ? { ignored: x.ignored } : {}),
      accepted: x.accepted,
      compliance_ratio_strict: model.overall.ratio,
      compliance_ratio_without_accepted: x.ratioWithoutAccepted,
      expiring: x.expiring,
      expired: x.expired,
      unmatched: x.unmatched,
      entries: x.entries.map((e) => ({
        entry: e.entry,
        account: e.account,
        rule: e.rule,
        resource: e.resource,
        reason: e.reason,
        owner: e.owner,
        expires: e.expires,
        status: e.status,
        days_to_expiry: e.daysToExpiry,
        matched: e.matched,
      })),
    },
  };
}
