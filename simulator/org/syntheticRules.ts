/**
 * Rules and evaluations of one synthetic account-region: which rules exist, and how each rule
 * judged each resource in its scope. Allocation-light: one small object per evaluation, annotation
 * strings shared with the catalogue, tags shared with the resource.
 */
import { EXTRA_RULE_TYPES, RULE_TEMPLATES, type RuleTemplate } from './catalog.js';
import { indexRules, type SimEval, type SimRegionData, type SimResource, type SimRule } from './model.js';
import type { Prng } from './prng.js';

interface BuiltRule {
  rule: SimRule;
  failRate: number;
  annotation: string;
}

/** The first `count` rules of the catalogue, then generated `custom-check-NNN` rules. */
export function buildRules(rng: Prng, accountId: string, region: string, count: number): BuiltRule[] {
  const built: BuiltRule[] = [];
  for (let i = 0; i < count; i++) {
    const template = RULE_TEMPLATES[i] ?? extraTemplate(rng, i);
    built.push(instantiate(rng, template, accountId, region));
  }
  return built;
}

function extraTemplate(rng: Prng, i: number): RuleTemplate {
  const n = String(i + 1).padStart(3, '0');
  const first = rng.pick(EXTRA_RULE_TYPES);
  const second = rng.pick(EXTRA_RULE_TYPES);
  return {
    name: `custom-check-${n}`,
    owner: rng.chance(0.5) ? 'CUSTOM_LAMBDA' : 'CUSTOM_POLICY',
    sourceIdentifier: `custom-check-${n}`,
    description: `Generated custom check ${n}.`,
    resourceTypes: first === second ? [first] : [first, second],
    failRate: 0.1 + rng.next() * 0.3,
    annotation: `Custom check ${n} failed.`,
  };
}

function instantiate(rng: Prng, t: RuleTemplate, accountId: string, region: string): BuiltRule {
  const suffix = rng.hex(6);
  const ruleId = `config-rule-${rng.hex(6)}`;
  const name = t.name.replace('{n}', suffix);
  const arnPath = t.createdBy ? `aws-service-rule/${t.createdBy}/${ruleId}` : ruleId;
  const rule: SimRule = {
    name,
    arn: `arn:aws:config:${region}:${accountId}:config-rule/${arnPath}`,
    id: ruleId,
    description: t.description,
    owner: t.owner,
    sourceIdentifier: t.sourceIdentifier.replace('{region}', region).replace('{account}', accountId),
    resourceTypes: t.resourceTypes,
    visibility: t.visibility ?? 'EXTERNAL',
  };
  if (t.createdBy) rule.createdBy = t.createdBy;
  if (t.periodic) rule.maximumExecutionFrequency = 'TwentyFour_Hours';
  if (t.inputParameters) rule.inputParameters = t.inputParameters;
  return { rule, failRate: t.failRate, annotation: t.annotation };
}

/** Account environments fail more or less often than the catalogue's base rate. */
const ENV_BIAS: Readonly<Record<string, number>> = {
  prod: 0.6,
  shared: 0.8,
  staging: 1,
  test: 1.2,
  dev: 1.3,
};

/** Evaluates every rule against the resources in its scope. */
export function evaluateRegion(
  rng: Prng,
  built: readonly BuiltRule[],
  resources: readonly SimResource[],
  env: string,
  epochMs: number,
): SimRegionData {
  const byType = new Map<string, SimResource[]>();
  for (const resource of resources) {
    const list = byType.get(resource.type);
    if (list) list.push(resource);
    else byType.set(resource.type, [resource]);
  }
  const bias = ENV_BIAS[env] ?? 1.5;
  const rules: SimRule[] = [];
  const evaluations: SimEval[][] = [];
  for (const { rule, failRate, annotation } of built) {
    // Each rule last ran at its own time in the 24 hours before the epoch.
    const invokedAt = epochMs - 3_600_000 - rng.int(23 * 3_600_000);
    const evals: SimEval[] = [];
    for (const type of rule.resourceTypes) {
      for (const resource of byType.get(type) ?? []) {
        const roll = rng.next();
        const recordedAt = invokedAt + 500 + rng.int(60_000);
        if (roll < 0.06) {
          evals.push({
            resource,
            complianceType: 'NOT_APPLICABLE',
            resultRecordedTime: recordedAt,
            configRuleInvokedTime: invokedAt,
          });
        } else if (roll < 0.06 + Math.min(0.95, failRate * bias)) {
          evals.push({
            resource,
            complianceType: 'NON_COMPLIANT',
            annotation,
            resultRecordedTime: recordedAt,
            configRuleInvokedTime: invokedAt,
          });
        } else {
          evals.push({
            resource,
            complianceType: 'COMPLIANT',
            resultRecordedTime: recordedAt,
            configRuleInvokedTime: invokedAt,
          });
        }
      }
    }
    rules.push(rule);
    evaluations.push(evals);
  }
  return {
    recorder: 'running',
    recorderStartedAt: epochMs - 30 * 86_400_000,
    rules,
    evaluations,
    ruleIndex: indexRules(rules),
    resources: resources as SimResource[],
  };
}
