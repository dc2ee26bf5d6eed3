/**
 * The spooled form of a record: the fields the report shows, pre-formatted in pass 1 and joined by
 * U+0001, so pass 2 splits a string instead of parsing JSON (pass 2 reads most records twice: once
 * for Non-Compliant, once for Details). A record whose text contains U+0001 itself — rare, but
 * possible in hostile data — is spooled as a JSON array instead; a line starting with `[` is one
 * (a compact line starts with the 12-digit account id).
 */
import type { ComplianceRecord } from '../../core/model.js';
import { formatTags } from './tags.js';

const SEP = '\u0001';
/** Field order of a spooled line. */
export const SPOOL_FIELDS = [
  'account_id',
  'account_name',
  'region',
  'rule_name',
  'resource_type',
  'resource_id',
  'compliance_type',
  'annotation',
  'result_recorded_time',
  'config_rule_invoked_time',
  'owner',
  'tags',
] as const;

/** A spooled record, as pass 2 reads it. */
export type SpooledRecord = Record<(typeof SPOOL_FIELDS)[number], string>;

/**
 * Encodes a validated record. `rawJson`, when given, is the record's JSON text: if it has no
 * escaped U+0001, no field can contain one, which spares a scan of every field.
 */
export function encodeSpoolLine(r: ComplianceRecord, owner: string, rawJson: string | null): string {
  const fields = [
    r.account_id,
    r.account_name,
    r.region,
    r.rule_name,
    r.resource_type,
    r.resource_id,
    r.compliance_type,
    r.annotation,
    r.result_recorded_time,
    r.config_rule_invoked_time,
    owner,
    formatTags(r.tags),
  ];
  const clean = rawJson !== null ? !rawJson.includes('\\u0001') : !fields.some((f) => f.includes(SEP));
  return clean ? fields.join(SEP) : JSON.stringify(fields);
}

/** Splits a spooled line into its fields, in SPOOL_FIELDS order. */
export function spoolFields(line: string): string[] {
  return line.charCodeAt(0) === 91 /* [ */ ? (JSON.parse(line) as string[]) : line.split(SEP);
}

/** Decodes a spooled line. */
export function decodeSpoolLine(line: string): SpooledRecord {
  const f = spoolFields(line);
  return {
    account_id: f[0]!,
    account_name: f[1]!,
    region: f[2]!,
    rule_name: f[3]!,
    resource_type: f[4]!,
    resource_id: f[5]!,
    compliance_type: f[6]!,
    annotation: f[7]!,
    result_recorded_time: f[8]!,
    config_rule_invoked_time: f[9]!,
    owner: f[10]!,
    tags: f[11]!,
  };
}
