/**
 * Pure mapping from what the Config source answers to the shard model: rules and evaluation
 * results become `ShardRule`s and `ComplianceRecord`s, in one deterministic order.
 */
import { compareText } from '../../core/compare.js';
import {
  COMPLIANCE_TYPES,
  type ComplianceRecord,
  type ComplianceType,
  type ShardRule,
} from '../../core/model.js';
import type { SourceEvaluation, SourceRule } from './ports.js';

/** Where a record was read. */
export interface RecordContext {
  accountId: string;
  accountName: string;
  region: string;
}

/** A rule as the shard lists it. */
export function toShardRule(rule: SourceRule, ctx: RecordContext): ShardRule {
  return {
    account_id: ctx.accountId,
    region: ctx.region,
    rule_name: rule.name,
    source_owner: rule.sourceOwner,
    source_identifier: rule.sourceIdentifier,
    state: rule.state,
    description: rule.description,
    ...(rule.createdBy !== '' ? { created_by: rule.createdBy } : {}),
  };
}

const KNOWN_TYPES = new Set<string>(COMPLIANCE_TYPES);

/**
 * One evaluation as a record (tags are joined later). The rule name is the one we asked for; a
 * compliance type Config does not document (never seen) is kept as INSUFFICIENT_DATA rather than
 * dropped, so the resource still appears in the report.
 */
export function toRecord(result: SourceEvaluation, ruleName: string, ctx: RecordContext): ComplianceRecord {
  const type = result.complianceType;
  return {
    account_id: ctx.accountId,
    account_name: ctx.accountName,
    region: ctx.region,
    rule_name: ruleName,
    resource_type: result.resourceType,
    resource_id: result.resourceId,
    compliance_type: KNOWN_TYPES.has(type) ? (type as ComplianceType) : 'INSUFFICIENT_DATA',
    annotation: result.annotation,
    result_recorded_time: isoOrEmpty(result.resultRecordedTime),
    config_rule_invoked_time: isoOrEmpty(result.configRuleInvokedTime),
    tags: {},
  };
}

function isoOrEmpty(date: Date | undefined): string {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
}

/** Deterministic record order: account, region, rule, resource type, resource id, then the rest. */
export function compareRecords(a: ComplianceRecord, b: ComplianceRecord): number {
  return (
    compareText(a.account_id, b.account_id) ||
    compareText(a.region, b.region) ||
    compareText(a.rule_name, b.rule_name) ||
    compareText(a.resource_type, b.resource_type) ||
    compareText(a.resource_id, b.resource_id) ||
    compareText(a.compliance_type, b.compliance_type) ||
    compareText(a.result_recorded_time, b.result_recorded_time) ||
    compareText(a.annotation, b.annotation)
  );
}

/** Deterministic rule order: account, region, rule name. */
export function compareRules(a: ShardRule, b: ShardRule): number {
  return (
    compareText(a.account_id, b.account_id) ||
    compareText(a.region, b.region) ||
    compareText(a.rule_name, b.rule_name)
  );
}
