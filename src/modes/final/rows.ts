/**
 * Pass 2's input: the winners' records, read back from the spool in output order and shaped as
 * report rows. Timestamps come from the winner table (parsed once, in pass 1).
 */
import type { ComplianceType, Environment } from '../../core/model.js';
import type { DetailRow } from '../../report/model.js';
import type { SpoolReader } from './spool.js';
import { decodeSpoolLine } from './spoolRecord.js';
import { UNTAGGED } from './tags.js';

export { formatTags } from './tags.js';

/** Where the rows come from. */
export interface RowSourceInput {
  reader: SpoolReader;
  files: ArrayLike<number>;
  offsets: ArrayLike<number>;
  lengths: ArrayLike<number>;
  /** Epoch ms of each winner's result_recorded_time and config_rule_invoked_time. */
  recorded: ArrayLike<number>;
  invoked: ArrayLike<number>;
  /** Account id → the name and environment the Accounts sheet shows (so every sheet agrees). */
  accounts: ReadonlyMap<string, { accountName: string; environment: Environment }>;
}

/** Yields the rows of the given winner slots, in the given order. */
export function* detailRows(input: RowSourceInput, order: ArrayLike<number>): Generator<DetailRow> {
  for (const [slot, text] of input.reader.read(order, input.files, input.offsets, input.lengths)) {
    const r = decodeSpoolLine(text);
    const account = input.accounts.get(r.account_id);
    yield {
      accountId: r.account_id,
      accountName: account?.accountName || r.account_name,
      environment: account?.environment ?? 'Unclassified',
      region: r.region,
      ruleName: r.rule_name,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
      compliance: r.compliance_type as ComplianceType,
      annotation: r.annotation,
      recordedIso: r.result_recorded_time,
      recorded: new Date(input.recorded[slot]!),
      invokedIso: r.config_rule_invoked_time,
      invoked: new Date(input.invoked[slot]!),
      owner: r.owner || UNTAGGED,
      tags: r.tags,
    };
  }
}
