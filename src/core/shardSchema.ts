/**
 * Validation of shard files as final mode reads them: a zod schema for the header (small, read once
 * per shard) and a hand-written check for records (a million per run, where zod would dominate the
 * reduce time). Unknown extra fields are allowed in both, so a newer batch writer that adds a field
 * stays readable; an unknown `schema_version` is not.
 */
import { z } from 'zod';
import { parseIsoTime } from './isoTime.js';
import {
  COMPLIANCE_TYPES,
  CONFORMANCE_PACK_COMPLIANCE_TYPES,
  type ComplianceRecord,
  type ComplianceType,
  READABLE_SHARD_SCHEMA_VERSIONS,
  REGION_STATUSES,
  type ShardHeader,
} from './model.js';

const str = z.string();
const tags = z.record(z.string(), z.string());

const regionResultSchema = z.object({
  region: z.string().min(1),
  status: z.enum(REGION_STATUSES as [string, ...string[]]),
  error_name: str.optional(),
  error_message: str.optional(),
  failed_rules: z.array(z.object({ rule_name: str, error_name: str, error_message: str })).optional(),
  rules_count: z.number().int().nonnegative(),
  records_count: z.number().int().nonnegative(),
  throttles: z.number().int().nonnegative(),
  duration_ms: z.number().nonnegative(),
});

const accountSchema = z.object({
  account_id: z.string().regex(/^\d{12}$/, 'account_id must be 12 digits'),
  account_name: str,
  environment: z.enum(['Prod', 'Non-Prod', 'Unclassified']),
  // `resource-tag` is accepted though no batch writes it yet (final derives it from the records).
  environment_source: z.enum(['event', 'plan', 'account-tag', 'name-rule', 'resource-tag', 'none']),
  tags,
  // Optional and additive: shards of older writers have none.
  ou_path: str.optional(),
  regions: z.array(regionResultSchema),
});

const ruleSchema = z.object({
  account_id: z.string().regex(/^\d{12}$/, 'account_id must be 12 digits'),
  region: z.string().min(1),
  rule_name: z.string().min(1),
  source_owner: str,
  source_identifier: str,
  state: str,
  description: str,
  skipped_reason: str.optional(),
  // Version 2: rule identity. Optional, so a version 1 header is a valid version 2 header.
  created_by: str.optional(),
  conformance_pack: str.optional(),
});

const count = z.number().int().nonnegative();

/** Version 2: one conformance pack of one account-region. */
const conformancePackSchema = z.object({
  account_id: z.string().regex(/^\d{12}$/, 'account_id must be 12 digits'),
  region: z.string().min(1),
  pack_name: z.string().min(1),
  compliance_type: z.enum(CONFORMANCE_PACK_COMPLIANCE_TYPES as [string, ...string[]]),
  rules_compliant: count,
  rules_non_compliant: count,
  rules_insufficient_data: count,
});

/**
 * Schema of a shard header (everything but the records), versions 1 and 2. Version 2 only adds
 * optional fields, so one schema reads both.
 */
export const shardHeaderSchema = z.object({
  schema_version: z.literal(READABLE_SHARD_SCHEMA_VERSIONS),
  group_id: z.string().min(1),
  shard_id: z.string().min(1),
  started_at: str,
  finished_at: str,
  tag_prefix: str,
  accounts: z.array(accountSchema),
  rules: z.array(ruleSchema),
  conformance_packs: z.array(conformancePackSchema).optional(),
});

/** Outcome of a validation: the typed value, or a reason a person can act on. */
export type Validated<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Validates a shard header and checks that it belongs where it was found: `group_id` must match the
 * folder and `shard_id` the file name (a shard copied into the wrong place is rejected, not merged).
 */
export function validateShardHeader(
  raw: unknown,
  expected: { groupId: string; shardId: string },
): Validated<ShardHeader> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: 'not a shard file: the top-level JSON value is not an object' };
  }
  const version = (raw as Record<string, unknown>).schema_version;
  if (version === undefined) return { ok: false, reason: 'not a shard file: no schema_version' };
  if (!(READABLE_SHARD_SCHEMA_VERSIONS as readonly unknown[]).includes(version)) {
    return {
      ok: false,
      reason: `unknown schema_version ${JSON.stringify(version)} (this reader knows ${READABLE_SHARD_SCHEMA_VERSIONS.join(' and ')})`,
    };
  }
  const parsed = shardHeaderSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((issue) => {
      const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
      return `${path.replace(/^\./, '') || '(header)'}: ${issue.message}`;
    });
    const more = parsed.error.issues.length > 3 ? ` (+${parsed.error.issues.length - 3} more)` : '';
    return { ok: false, reason: `invalid shard header: ${issues.join('; ')}${more}` };
  }
  const header = parsed.data as ShardHeader;
  if (header.group_id !== expected.groupId) {
    return {
      ok: false,
      reason: `group_id ${JSON.stringify(header.group_id)} inside does not match the folder ${JSON.stringify(expected.groupId)}`,
    };
  }
  if (header.shard_id !== expected.shardId) {
    return {
      ok: false,
      reason: `shard_id ${JSON.stringify(header.shard_id)} inside does not match the file name ${JSON.stringify(`${expected.shardId}.json`)}`,
    };
  }
  return { ok: true, value: header };
}

const COMPLIANCE_SET: ReadonlySet<string> = new Set(COMPLIANCE_TYPES);
const ACCOUNT_ID = /^\d{12}$/;

/** A validated record plus its parsed timestamps (epoch ms), so callers parse each time once. */
export interface CheckedRecord {
  record: ComplianceRecord;
  recordedMs: number;
  invokedMs: number;
}

function isText(value: unknown): value is string {
  return typeof value === 'string';
}

/**
 * Validates one record. The identifying fields must be present and, except `resource_id`, free of
 * NUL (which the dedupe key uses as its separator). `annotation`, `config_rule_invoked_time` and
 * `tags` are optional and normalised to `''`, `result_recorded_time` and `{}`; non-string tag
 * values are dropped. Returns the reason for the first problem found.
 */
export function validateRecord(raw: unknown): Validated<CheckedRecord> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: 'record is not an object' };
  }
  const r = raw as Record<string, unknown>;
  if (!isText(r.account_id) || !ACCOUNT_ID.test(r.account_id))
    return { ok: false, reason: 'account_id must be 12 digits' };
  for (const field of ['region', 'rule_name', 'resource_type'] as const) {
    const value = r[field];
    if (!isText(value) || value === '' || value.includes('\u0000'))
      return { ok: false, reason: `${field} must be a non-empty string` };
  }
  if (!isText(r.resource_id) || r.resource_id === '')
    return { ok: false, reason: 'resource_id must be a non-empty string' };
  if (!isText(r.compliance_type) || !COMPLIANCE_SET.has(r.compliance_type))
    return {
      ok: false,
      reason: `compliance_type ${JSON.stringify(r.compliance_type)} is not a compliance type`,
    };
  if (!isText(r.result_recorded_time)) return { ok: false, reason: 'result_recorded_time is missing' };
  const recordedMs = parseIsoTime(r.result_recorded_time);
  if (Number.isNaN(recordedMs))
    return {
      ok: false,
      reason: `result_recorded_time ${JSON.stringify(r.result_recorded_time)} is not a date`,
    };
  let invokedMs = recordedMs;
  let invoked = r.result_recorded_time;
  if (isText(r.config_rule_invoked_time) && r.config_rule_invoked_time !== '') {
    invokedMs = parseIsoTime(r.config_rule_invoked_time);
    if (Number.isNaN(invokedMs))
      return {
        ok: false,
        reason: `config_rule_invoked_time ${JSON.stringify(r.config_rule_invoked_time)} is not a date`,
      };
    invoked = r.config_rule_invoked_time;
  }
  const record: ComplianceRecord = {
    account_id: r.account_id,
    account_name: isText(r.account_name) ? r.account_name : '',
    region: r.region as string,
    rule_name: r.rule_name as string,
    resource_type: r.resource_type as string,
    resource_id: r.resource_id,
    compliance_type: r.compliance_type as ComplianceType,
    annotation: isText(r.annotation) ? r.annotation : '',
    result_recorded_time: r.result_recorded_time,
    config_rule_invoked_time: invoked,
    tags: cleanTags(r.tags),
  };
  return { ok: true, value: { record, recordedMs, invokedMs } };
}

function cleanTags(raw: unknown): Record<string, string> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const tags = raw as Record<string, unknown>;
  for (const key in tags) {
    if (typeof tags[key] !== 'string') {
      const out: Record<string, string> = {};
      for (const k in tags) if (typeof tags[k] === 'string') out[k] = tags[k] as string;
      return out;
    }
  }
  // The parsed object itself when every value is a string: no allocation per record.
  return tags as Record<string, string>;
}
