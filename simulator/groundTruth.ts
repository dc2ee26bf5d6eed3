/**
 * Ground truth: exactly the evaluations a correct collector must collect for a scope, given the
 * current faults. Excluded, because no API returns them to a collector:
 * - accounts whose role the hub cannot assume: the very decision STS AssumeRole answers with
 *   (`decideAssumeRole`: not ACTIVE, denied by a fault, no such role, a trust policy that does not
 *   name the hub, or an ExternalId other than the one the collector presents);
 * - account-regions with no recorder (Config not enabled: no rules, no results);
 * - rules with RuleEvaluationVisibility INTERNAL, and rules hidden by a fault.
 * Included: regions whose recorder is stopped (their last results stay readable).
 * `ignoreFaults` drops the run-time faults only; the org's own trust policies still apply.
 * `day` picks the day (default: the current one); denials scheduled from a day apply on that day.
 */
import { decideAssumeRole } from './identity/trust.js';
import type { SimEval, SimRegionData } from './org/model.js';
import type { SimState } from './state.js';
import type { GroundTruthScope, SimEvaluation, SimRuleInstance } from './types.js';

/**
 * Calls `visit` for every account-region in scope whose Config a collector can read (the role can
 * be assumed, a recorder exists), with its data.
 */
function forEachReadableRegion(
  state: SimState,
  scope: GroundTruthScope,
  visit: (accountId: string, region: string, data: SimRegionData) => void,
): void {
  const { org } = state;
  const accountFilter = scope.accountIds ? new Set(scope.accountIds) : undefined;
  const regions = scope.regions ?? org.regions;
  const roleName = scope.roleName ?? org.roleName;
  const externalId = 'externalId' in scope ? scope.externalId : org.externalId;
  const day = scope.day ?? state.day();
  for (const account of org.accounts) {
    if (accountFilter && !accountFilter.has(account.accountId)) continue;
    const decision = decideAssumeRole(state, {
      callerAccountId: org.hubAccountId,
      accountId: account.accountId,
      roleName,
      externalId,
      ignoreFaults: scope.ignoreFaults === true,
      day,
    });
    if (!decision.allowed) continue;
    for (const region of regions) {
      const data = state.regionData(account.accountId, region, day);
      const recorder = scope.ignoreFaults ? data.recorder : state.recorderState(account.accountId, region);
      if (recorder === 'none') continue;
      visit(account.accountId, region, data);
    }
  }
}

/** Calls `visit` for every evaluation in scope; `tags` objects are shared, never copied. */
export function forEachTruth(
  state: SimState,
  scope: GroundTruthScope,
  visit: (accountId: string, region: string, ruleName: string, e: SimEval) => void,
): void {
  forEachReadableRegion(state, scope, (accountId, region, data) => {
    data.rules.forEach((rule, i) => {
      if (rule.visibility === 'INTERNAL') return;
      if (!scope.ignoreFaults && state.isRuleHidden(accountId, region, rule.name)) return;
      for (const e of data.evaluations[i]!) visit(accountId, region, rule.name, e);
    });
  });
}

/**
 * Every rule a correct collector lists in scope (DescribeConfigRules of each readable
 * account-region, INTERNAL and hidden rules included), with what the simulator knows of its
 * identity: the name without its generated suffix, the creator and the conformance pack.
 */
export function groundTruthRules(state: SimState, scope: GroundTruthScope = {}): SimRuleInstance[] {
  const out: SimRuleInstance[] = [];
  forEachReadableRegion(state, scope, (accountId, region, data) => {
    for (const rule of data.rules) {
      const item: SimRuleInstance = {
        accountId,
        region,
        ruleName: rule.name,
        baseName: rule.baseName,
        owner: rule.owner,
        sourceIdentifier: rule.sourceIdentifier,
        evaluationsVisible:
          rule.visibility !== 'INTERNAL' &&
          (scope.ignoreFaults || !state.isRuleHidden(accountId, region, rule.name)),
      };
      if (rule.createdBy) item.createdBy = rule.createdBy;
      if (rule.conformancePack) {
        item.conformancePack = rule.conformancePack;
        item.conformancePackBaseName =
          data.packs.find((p) => p.name === rule.conformancePack)?.baseName ?? rule.conformancePack;
      }
      out.push(item);
    }
  });
  return out;
}

/** The ground truth as plain objects (tags copied, so callers may keep or change them). */
export function groundTruth(state: SimState, scope: GroundTruthScope = {}): SimEvaluation[] {
  const out: SimEvaluation[] = [];
  forEachTruth(state, scope, (accountId, region, ruleName, e) => {
    const item: SimEvaluation = {
      accountId,
      region,
      ruleName,
      resourceType: e.resource.type,
      resourceId: e.resource.id,
      complianceType: e.complianceType,
      resultRecordedTime: e.resultRecordedTime,
      configRuleInvokedTime: e.configRuleInvokedTime,
      resourceTags: { ...e.resource.tags },
    };
    if (e.annotation !== undefined) item.annotation = e.annotation;
    out.push(item);
  });
  return out;
}
