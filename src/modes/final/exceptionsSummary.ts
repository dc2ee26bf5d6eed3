/**
 * The exceptions part of the report model: each entry's standing and what it matched, the counts
 * Summary shows, and the overall ratio without the accepted evaluations.
 */
import type { Counts } from '../../core/stats.js';
import type { ExceptionEntryRow, ExceptionsSummary } from '../../report/model.js';
import type { ExceptionMatcher } from './exceptionMatch.js';
import type { LoadedExceptions } from './exceptionsLoad.js';

/**
 * Summarises the run's exceptions. `overall` is the strict count (accepted evaluations are still
 * non-compliant there); the second ratio leaves them out of the denominator.
 */
export function exceptionsSummary(
  loaded: LoadedExceptions,
  matcher: ExceptionMatcher | undefined,
  overall: Counts,
  accepted: number,
): ExceptionsSummary {
  const entries: ExceptionEntryRow[] = loaded.entries.map((c) => ({
    entry: `exceptions[${c.index}]`,
    account: c.entry.account,
    rule: c.entry.rule,
    resource: c.entry.resource,
    reason: c.entry.reason,
    owner: c.entry.owner,
    expires: c.entry.expires,
    status: c.status,
    daysToExpiry: c.daysToExpiry,
    matched: matcher?.matched[c.index] ?? 0,
  }));
  const denominator = overall.compliant + overall.nonCompliant - accepted;
  return {
    source: loaded.source,
    ...(loaded.ignored !== undefined ? { ignored: loaded.ignored } : {}),
    entries,
    accepted,
    ratioWithoutAccepted: denominator === 0 ? null : overall.compliant / denominator,
    expiring: entries.filter((e) => e.status === 'expiring').length,
    expired: entries.filter((e) => e.status === 'expired').length,
    unmatched: entries.filter((e) => e.status !== 'expired' && e.matched === 0).length,
  };
}
