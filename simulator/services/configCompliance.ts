/** A rule's compliance in one account-region as Config summarises it (rule level, not resource level). */
import type { SimRegionData } from '../org/model.js';
import { ComplianceType, RuleEvaluationVisibility } from '../serviceModel.js';
import type { CallContext } from './context.js';

/** Counts of a rule's visible results, and the rule-level compliance they give. */
export interface RuleCompliance {
  compliant: number;
  nonCompliant: number;
  /** Any failure → NON_COMPLIANT; else any success → COMPLIANT; else (none, or only NOT_APPLICABLE) INSUFFICIENT_DATA. */
  type: ComplianceType;
}

/** The compliance of `data.rules[index]` as the caller sees it (INTERNAL and hidden rules have no results). */
export function ruleCompliance(ctx: CallContext, data: SimRegionData, index: number): RuleCompliance {
  const rule = data.rules[index]!;
  const hidden =
    rule.visibility === RuleEvaluationVisibility.INTERNAL ||
    ctx.state.isRuleHidden(ctx.principal.accountId, ctx.region, rule.name);
  let nonCompliant = 0;
  let compliant = 0;
  for (const e of hidden ? [] : data.evaluations[index]!) {
    if (e.complianceType === ComplianceType.Non_Compliant) nonCompliant++;
    else if (e.complianceType === ComplianceType.Compliant) compliant++;
  }
  const type: ComplianceType =
    nonCompliant > 0
      ? ComplianceType.Non_Compliant
      : compliant > 0
        ? ComplianceType.Compliant
        : ComplianceType.Insufficient_Data;
  return { compliant, nonCompliant, type };
}
