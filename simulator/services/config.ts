/**
 * AWS Config (awsJson1_1, target prefix `StarlingDoveService`): the read operations the collector
 * uses, answered for the account the caller's credentials belong to and the region of the SigV4
 * scope.
 */
import { SimError } from '../http/errors.js';
import { decodeToken, encodeToken } from '../http/tokens.js';
import type { SimRegionData, SimRule } from '../org/model.js';
import {
  ComplianceType,
  ConfigRuleState,
  EvaluationMode,
  EventSource,
  MessageType,
  Owner,
  RuleEvaluationVisibility,
  valuesOf,
} from '../serviceModel.js';
import { ruleCompliance } from './configCompliance.js';
import { describeConformancePackCompliance, describeConformancePacks } from './configPacks.js';
import { describeConfigurationRecorderStatus, describeConfigurationRecorders } from './configRecorders.js';
import { selectResourceConfig } from './configSelect.js';
import { visibleRegion } from './configView.js';
import { epochSeconds, type JsonOperation, optInt, optString, optStringList, reqString } from './context.js';
import { checkEnum, checkEnumList, checkRange } from './validation.js';

/** Server page size of DescribeConfigRules / DescribeComplianceByConfigRule (observed 25). */
export const CONFIG_RULES_PAGE = 25;

function noSuchRule(name: string): SimError {
  return new SimError(
    'NoSuchConfigRuleException',
    `The ConfigRule '${name}' provided in the request is invalid. Please check the configRule name.`,
  );
}

function namedRules(data: SimRegionData, names: string[] | undefined): SimRule[] {
  if (!names || names.length === 0) return data.rules;
  return names.map((name) => {
    const i = data.ruleIndex.get(name);
    if (i === undefined) throw noSuchRule(name);
    return data.rules[i]!;
  });
}

function ruleJson(rule: SimRule): Record<string, unknown> {
  const source: Record<string, unknown> = { Owner: rule.owner };
  const changeTriggered = [
    { EventSource: EventSource.Aws_Config, MessageType: MessageType.ConfigurationItemChangeNotification },
  ];
  if (rule.owner === Owner.Custom_Policy) {
    source.SourceDetails = changeTriggered;
    source.CustomPolicyDetails = {
      PolicyRuntime: 'guard-2.x.x',
      PolicyText: `rule ${rule.sourceIdentifier} {}`,
    };
  } else {
    source.SourceIdentifier = rule.sourceIdentifier;
    if (rule.owner === Owner.Custom_Lambda) source.SourceDetails = changeTriggered;
  }
  const out: Record<string, unknown> = {
    ConfigRuleName: rule.name,
    ConfigRuleArn: rule.arn,
    ConfigRuleId: rule.id,
  };
  if (rule.description) out.Description = rule.description;
  if (rule.resourceTypes.length > 0) out.Scope = { ComplianceResourceTypes: rule.resourceTypes };
  out.Source = source;
  if (rule.inputParameters) out.InputParameters = rule.inputParameters;
  if (rule.maximumExecutionFrequency) out.MaximumExecutionFrequency = rule.maximumExecutionFrequency;
  out.ConfigRuleState = ConfigRuleState.ACTIVE;
  if (rule.createdBy) out.CreatedBy = rule.createdBy;
  out.EvaluationModes = [{ Mode: EvaluationMode.DETECTIVE }];
  out.RuleEvaluationVisibility = rule.visibility;
  return out;
}

const describeConfigRules: JsonOperation = (ctx, input) => {
  const names = optStringList(input, 'ConfigRuleNames', 25);
  const filters = (input.Filters ?? {}) as Record<string, unknown>;
  const visibility = optString(filters, 'RuleEvaluationVisibility');
  const mode = optString(filters, 'EvaluationMode');
  if (visibility !== undefined)
    checkEnum(visibility, 'Filters.RuleEvaluationVisibility', valuesOf(RuleEvaluationVisibility));
  if (mode !== undefined) checkEnum(mode, 'Filters.EvaluationMode', valuesOf(EvaluationMode));
  const data = visibleRegion(ctx);
  let rules = namedRules(data, names);
  if (visibility) rules = rules.filter((r) => r.visibility === visibility);
  if (mode === EvaluationMode.PROACTIVE) rules = [];
  const context = `DescribeConfigRules|${ctx.principal.accountId}|${ctx.region}|${names?.join(',') ?? ''}|${visibility ?? ''}|${mode ?? ''}`;
  const token = optString(input, 'NextToken');
  const start = token ? decodeToken(token, context) : 0;
  const page = rules.slice(start, start + CONFIG_RULES_PAGE);
  const out: Record<string, unknown> = { ConfigRules: page.map(ruleJson) };
  if (start + CONFIG_RULES_PAGE < rules.length)
    out.NextToken = encodeToken(context, start + CONFIG_RULES_PAGE);
  return out;
};

/** The compliance types an evaluation can have: the model's, less INSUFFICIENT_DATA. */
const FILTER_TYPES = new Set<string>([
  ComplianceType.Compliant,
  ComplianceType.Non_Compliant,
  ComplianceType.Not_Applicable,
]);

const getComplianceDetailsByConfigRule: JsonOperation = (ctx, input) => {
  const name = reqString(input, 'ConfigRuleName');
  const types = optStringList(input, 'ComplianceTypes', 3);
  // The model's checks first (as AWS's request validation runs first), then the service's own rule.
  if (types) checkEnumList(types, 'ComplianceTypes', valuesOf(ComplianceType));
  if (types?.includes(ComplianceType.Insufficient_Data)) {
    throw new SimError(
      'InvalidParameterValueException',
      'INSUFFICIENT_DATA cannot be used as a ComplianceType for filtering results.',
    );
  }
  const limit = optInt(input, 'Limit') ?? 0;
  checkRange(limit, 'Limit', 0, 100);
  const pageSize = limit === 0 ? 10 : limit;
  const data = visibleRegion(ctx);
  const index = data.ruleIndex.get(name);
  if (index === undefined) throw noSuchRule(name);
  const rule = data.rules[index]!;
  const { accountId } = ctx.principal;
  const hidden =
    rule.visibility === RuleEvaluationVisibility.INTERNAL ||
    ctx.state.isRuleHidden(accountId, ctx.region, name);
  const wanted = types && types.length > 0 ? new Set(types) : FILTER_TYPES;
  const all = hidden ? [] : data.evaluations[index]!;
  const evals = wanted.size === 3 ? all : all.filter((e) => wanted.has(e.complianceType));
  const context = `GetComplianceDetailsByConfigRule|${accountId}|${ctx.region}|${name}|${[...wanted].sort().join(',')}`;
  const token = optString(input, 'NextToken');
  const start = token ? decodeToken(token, context) : 0;
  const end = Math.min(evals.length, start + pageSize);
  const results: unknown[] = [];
  for (let i = start; i < end; i++) {
    const e = evals[i]!;
    const item: Record<string, unknown> = {
      EvaluationResultIdentifier: {
        EvaluationResultQualifier: {
          ConfigRuleName: name,
          ResourceType: e.resource.type,
          ResourceId: e.resource.id,
          EvaluationMode: EvaluationMode.DETECTIVE,
        },
        OrderingTimestamp: epochSeconds(e.configRuleInvokedTime),
      },
      ComplianceType: e.complianceType,
      ResultRecordedTime: epochSeconds(e.resultRecordedTime),
      ConfigRuleInvokedTime: epochSeconds(e.configRuleInvokedTime),
    };
    if (e.annotation) item.Annotation = e.annotation;
    results.push(item);
  }
  const out: Record<string, unknown> = { EvaluationResults: results };
  if (end < evals.length) out.NextToken = encodeToken(context, end);
  return out;
};

const describeComplianceByConfigRule: JsonOperation = (ctx, input) => {
  const names = optStringList(input, 'ConfigRuleNames', 25);
  const types = optStringList(input, 'ComplianceTypes', 3);
  if (types) checkEnumList(types, 'ComplianceTypes', valuesOf(ComplianceType));
  const data = visibleRegion(ctx);
  const { accountId } = ctx.principal;
  const rows = namedRules(data, names).map((rule) => {
    const { nonCompliant, type } = ruleCompliance(ctx, data, data.ruleIndex.get(rule.name)!);
    const compliance: Record<string, unknown> = { ComplianceType: type };
    if (type === ComplianceType.Non_Compliant) {
      compliance.ComplianceContributorCount = {
        CappedCount: Math.min(nonCompliant, 100),
        CapExceeded: nonCompliant > 100,
      };
    }
    return { ConfigRuleName: rule.name, Compliance: compliance };
  });
  const filtered =
    types && types.length > 0
      ? rows.filter((r) => types.includes(r.Compliance.ComplianceType as string))
      : rows;
  const context = `DescribeComplianceByConfigRule|${accountId}|${ctx.region}|${names?.join(',') ?? ''}|${types?.join(',') ?? ''}`;
  const token = optString(input, 'NextToken');
  const start = token ? decodeToken(token, context) : 0;
  const out: Record<string, unknown> = {
    ComplianceByConfigRules: filtered.slice(start, start + CONFIG_RULES_PAGE),
  };
  if (start + CONFIG_RULES_PAGE < filtered.length)
    out.NextToken = encodeToken(context, start + CONFIG_RULES_PAGE);
  return out;
};

/** Config operations by name. */
export const CONFIG_OPERATIONS: Readonly<Record<string, JsonOperation>> = {
  DescribeConfigRules: describeConfigRules,
  GetComplianceDetailsByConfigRule: getComplianceDetailsByConfigRule,
  DescribeComplianceByConfigRule: describeComplianceByConfigRule,
  DescribeConfigurationRecorders: describeConfigurationRecorders,
  DescribeConfigurationRecorderStatus: describeConfigurationRecorderStatus,
  SelectResourceConfig: selectResourceConfig,
  DescribeConformancePacks: describeConformancePacks,
  DescribeConformancePackCompliance: describeConformancePackCompliance,
};
