/**
 * Rules and evaluations of one synthetic account-region: which rules exist, and how each rule
 * judged each resource in its scope. Allocation-light: one small object per evaluation, annotation
 * strings shared with the catalogue, tags shared with the resource.
 */
import { EXTRA_RULE_TYPES, type PackTemplate, RULE_TEMPLATES, type RuleTemplate } from './catalog.js';
import {
  indexRules,
  packsOf,
  type SimEval,
  type SimRegionData,
  type SimResource,
  type SimRule,
} from './model.js';
import type { Prng } from './prng.js';

interface BuiltRule {
  rule: SimRule;
  failRate: number;
  annotation: string;
}

/** One pack deployment of an account-region: its name and the suffix all its rules share. */
interface PackDeployment {
  name: string;
  ruleSuffix: string;
  template: PackTemplate;
}

/** The rules of one account-region and the packs deployed there. */
export interface BuiltRules {
  rules: BuiltRule[];
  /** Pack name → its template (base name and creator). */
  packs: Map<string, PackTemplate>;
}

/** The first `count` rules of the catalogue, then generated `custom-check-NNN` rules. */
export function buildRules(rng: Prng, accountId: string, region: string, count: number): BuiltRules {
  const built: BuiltRule[] = [];
  const deployments = new Map<PackTemplate, PackDeployment>();
  for (let i = 0; i < count; i++) {
    const template = RULE_TEMPLATES[i] ?? extraTemplate(rng, i);
    const pack = template.pack ? deploymentOf(rng, template.pack, deployments) : undefined;
    built.push(instantiate(rng, template, accountId, region, pack));
  }
  const packs = new Map([...deployments.values()].map((d) => [d.name, d.template]));
  return { rules: built, packs };
}

/** The pack's deployment in this account-region, drawn on its first rule. */
function deploymentOf(
  rng: Prng,
  template: PackTemplate,
  deployments: Map<PackTemplate, PackDeployment>,
): PackDeployment {
  let deployment = deployments.get(template);
  if (!deployment) {
    deployment = {
      name: template.name.replace('{p}', alnum(rng, 8)),
      ruleSuffix: alnum(rng, 9),
      template,
    };
    deployments.set(template, deployment);
  }
  return deployment;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `length` lowercase letters and digits, as Config's generated names carry. */
function alnum(rng: Prng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[rng.int(ALNUM.length)];
  return out;
}

/** The pack template's name without its `-{p}` placeholder: the pack's name in every member. */
export function packBaseName(template: PackTemplate): string {
  return template.name.replace('-{p}', '');
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

function instantiate(
  rng: Prng,
  t: RuleTemplate,
  accountId: string,
  region: string,
  pack: PackDeployment | undefined,
): BuiltRule {
  // Two draws per rule whatever the template, so the draws of later rules never depend on it.
  const hexSuffix = rng.hex(6);
  const ruleId = `config-rule-${rng.hex(6)}`;
  const suffix = pack ? pack.ruleSuffix : t.suffix === 'alnum8' ? alnum(rng, 8) : hexSuffix;
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
    baseName: t.name.replace('-{n}', ''),
  };
  if (t.createdBy) rule.createdBy = t.createdBy;
  if (pack) rule.conformancePack = pack.name;
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

/**
 * How one rule judges a resource it has never seen: its share of NON_COMPLIANT results and the
 * annotation those carry. Kept per rule so resources created on later days are judged alike.
 */
export interface RuleJudgement {
  failShare: number;
  annotation: string;
}

/** The judgement of every built rule in an account of environment `env`, parallel to its rules. */
export function judgementsOf({ rules }: BuiltRules, env: string): RuleJudgement[] {
  const bias = ENV_BIAS[env] ?? 1.5;
  return rules.map(({ failRate, annotation }) => ({
    failShare: Math.min(0.95, failRate * bias),
    annotation,
  }));
}

/** Share of evaluations of any rule that are NOT_APPLICABLE. */
const NOT_APPLICABLE_SHARE = 0.06;

/**
 * One fresh evaluation of `resource` by a rule that ran at `invokedAt`. Two draws, always in this
 * order (the verdict, then the recording delay), so day 0 stays what it always was.
 */
export function judge(
  rng: Prng,
  resource: SimResource,
  judgement: RuleJudgement,
  invokedAt: number,
): SimEval {
  const roll = rng.next();
  const recordedAt = invokedAt + 500 + rng.int(60_000);
  const times = { resultRecordedTime: recordedAt, configRuleInvokedTime: invokedAt };
  if (roll < NOT_APPLICABLE_SHARE) return { resource, complianceType: 'NOT_APPLICABLE', ...times };
  if (roll < NOT_APPLICABLE_SHARE + judgement.failShare) {
    return { resource, complianceType: 'NON_COMPLIANT', annotation: judgement.annotation, ...times };
  }
  return { resource, complianceType: 'COMPLIANT', ...times };
}

/** When a rule last ran: at its own time in the 24 hours before `nowMs` (one draw). */
export function invokedTime(rng: Prng, nowMs: number): number {
  return nowMs - 3_600_000 - rng.int(23 * 3_600_000);
}

/** Resources by type, each list in the given order. */
export function resourcesByType(resources: readonly SimResource[]): Map<string, SimResource[]> {
  const byType = new Map<string, SimResource[]>();
  for (const resource of resources) {
    const list = byType.get(resource.type);
    if (list) list.push(resource);
    else byType.set(resource.type, [resource]);
  }
  return byType;
}

/** Evaluates every rule against the resources in its scope. */
export function evaluateRegion(
  rng: Prng,
  built: BuiltRules,
  resources: readonly SimResource[],
  env: string,
  where: { accountId: string; region: string; epochMs: number },
): SimRegionData {
  const { epochMs } = where;
  const { packs } = built;
  const byType = resourcesByType(resources);
  const judgements = judgementsOf(built, env);
  const rules: SimRule[] = [];
  const evaluations: SimEval[][] = [];
  built.rules.forEach(({ rule }, i) => {
    const invokedAt = invokedTime(rng, epochMs);
    const evals: SimEval[] = [];
    for (const type of rule.resourceTypes) {
      for (const resource of byType.get(type) ?? [])
        evals.push(judge(rng, resource, judgements[i]!, invokedAt));
    }
    rules.push(rule);
    evaluations.push(evals);
  });
  return {
    recorder: 'running',
    recorderStartedAt: epochMs - 30 * 86_400_000,
    rules,
    evaluations,
    ruleIndex: indexRules(rules),
    resources: resources as SimResource[],
    packs: packsOf(rules, where, (name) => {
      const template = packs.get(name)!;
      return {
        baseName: packBaseName(template),
        ...(template.createdBy ? { createdBy: template.createdBy } : {}),
      };
    }),
  };
}
