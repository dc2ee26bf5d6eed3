/**
 * Pure mapping from Config's answers to the shard model: rules and evaluation results become
 * `ShardRule`s and `ComplianceRecord`s. SDK shapes are described structurally so this stays free of
 * the SDK.
 */
import {
  COMPLIANCE_TYPES,
  type ComplianceRecord,
  type ComplianceType,
  type ShardRule,
} from '../../core/model.js';

/** The parts of a Config `ConfigRule` we keep. */
export interface ConfigRuleLike {
  ConfigRuleName?: string | undefined;
  Description?: string | undefined;
  ConfigRuleState?: string | undefined;
  Source?: { Owner?: string | undefined; SourceIdentifier?: string | undefined } | undefined;
  RuleEvaluationVisibility?: string | undefined;
}

/** The parts of a Config `EvaluationResult` we keep. */
export interface EvaluationResultLike {
  EvaluationResultIdentifier?:
    | {
        EvaluationResultQualifier?:
          | {
              ConfigRuleName?: string | undefined;
              ResourceType?: string | undefined;
              ResourceId?: string | undefined;
            }
          | undefined;
      }
    | undefined;
  ComplianceType?: string | undefined;
  ResultRecordedTime?: Date | undefined;
  ConfigRuleInvokedTime?: Date | undefined;
  Annotation?: string | undefined;
}

/** Where a record was read. */
export interface RecordContext {
  accountId: string;
  accountName: string;
  region: string;
}

/** A rule as the shard lists it. */
export function toShardRule(rule: ConfigRuleLike, ctx: RecordContext): ShardRule {
  return {
    account_id: ctx.accountId,
    region: ctx.region,
    rule_name: rule.ConfigRuleName ?? '',
    source_owner: rule.Source?.Owner ?? '',
    source_identifier: rule.Source?.SourceIdentifier ?? '',
    state: rule.ConfigRuleState ?? '',
    description: rule.Description ?? '',
  };
}

const KNOWN_TYPES = new Set<string>(COMPLIANCE_TYPES);

/**
 * One evaluation as a record (tags are joined later). The rule name is the one we asked for; a
 * compliance type Config does not document (never seen) is kept as INSUFFICIENT_DATA rather than
 * dropped, so the resource still appears in the report.
 */
export function toRecord(
  result: EvaluationResultLike,
  ruleName: string,
  ctx: RecordContext,
): ComplianceRecord {
  const qualifier = result.EvaluationResultIdentifier?.EvaluationResultQualifier;
  const type = result.ComplianceType ?? '';
  return {
    account_id: ctx.accountId,
    account_name: ctx.accountName,
    region: ctx.region,
    rule_name: ruleName,
    resource_type: qualifier?.ResourceType ?? '',
    resource_id: qualifier?.ResourceId ?? '',
    compliance_type: KNOWN_TYPES.has(type) ? (type as ComplianceType) : 'INSUFFICIENT_DATA',
    annotation: result.Annotation ?? '',
    result_recorded_time: isoOrEmpty(result.ResultRecordedTime),
    config_rule_invoked_time: isoOrEmpty(result.ConfigRuleInvokedTime),
    tags: {},
  };
}

function isoOrEmpty(date: Date | undefined): string {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
}

/** Plain code-unit order: the same on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deterministic record order: account, region, rule, resource type, resource id, then the rest. */
export function compareRecords(a: ComplianceRecord, b: ComplianceRecord): number {
  return (
    compareStrings(a.account_id, b.account_id) ||
    compareStrings(a.region, b.region) ||
    compareStrings(a.rule_name, b.rule_name) ||
    compareStrings(a.resource_type, b.resource_type) ||
    compareStrings(a.resource_id, b.resource_id) ||
    compareStrings(a.compliance_type, b.compliance_type) ||
    compareStrings(a.result_recorded_time, b.result_recorded_time) ||
    compareStrings(a.annotation, b.annotation)
  );
}

/** Deterministic rule order: account, region, rule name. */
export function compareRules(a: ShardRule, b: ShardRule): number {
  return (
    compareStrings(a.account_id, b.account_id) ||
    compareStrings(a.region, b.region) ||
    compareStrings(a.rule_name, b.rule_name)
  );
}
