/**
 * The summary document as the HTML summary reads it. The schema only ever adds fields; the blocks
 * added after the first summaries (top owners, OUs, evaluation age, conformance packs) may be
 * absent, and the page then leaves their sections out instead of failing.
 */
import type { SummaryJson } from '../summaryJson.js';

/** The top-level fields newer than the first summaries. */
type Newer = 'top_owners' | 'organizational_units' | 'stale' | 'conformance_packs';

/** A summary document of any age (`SummaryJson` fits). */
export type HtmlSummary = Omit<SummaryJson, Newer> & Partial<Pick<SummaryJson, Newer>>;
