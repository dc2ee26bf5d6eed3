/**
 * The Summary's "Accepted exceptions" block: the overall ratio both ways — strict (accepted
 * evaluations count as non-compliant, what AWS Config says) and without them — and the entries
 * that need attention. Every other ratio of the report stays strict. Nothing without an exceptions
 * file. Self-contained like the other blocks; ratios sit in column G.
 */
import { EXPIRING_WITHIN_DAYS } from '../../core/exceptions.js';
import type { ReportModel } from '../model.js';
import { header, int, note, RATIO_HEADER, type Row, ratio, subtitle } from './summaryCells.js';

/** Blank cells B..F, so a ratio lands in column G. */
const TO_RATIO: null[] = [null, null, null, null, null];

/** Appends the block (nothing when no exceptions file is configured). */
export function exceptionsBlock(rows: Row[], model: ReportModel): void {
  const x = model.exceptions;
  if (!x) return;
  rows.push(subtitle('Accepted exceptions'));
  if (x.ignored !== undefined) rows.push(note(x.ignored, 'alert'));
  rows.push(
    header('Item', 'Count', '', '', '', '', RATIO_HEADER),
    [
      'Overall, strict (accepted counted as non-compliant, as AWS Config)',
      ...TO_RATIO,
      ratio(model.overall.ratio),
    ],
    ['Overall without accepted (left out of the ratio)', ...TO_RATIO, ratio(x.ratioWithoutAccepted)],
    ['Accepted non-compliant evaluations (on the Exceptions sheet)', int(x.accepted)],
    [`Entries expiring within ${EXPIRING_WITHIN_DAYS} days`, int(x.expiring)],
    ['Expired entries (no longer applied)', int(x.expired)],
    ['Entries in force that matched nothing', int(x.unmatched)],
    note(
      `Exceptions file ${x.source}. Accepted evaluations leave the Non-Compliant sheet and the extracts; every other count and ratio in this report is strict.`,
    ),
    [],
  );
}
