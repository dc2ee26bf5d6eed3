/**
 * The environment classifier: Prod / Non-Prod / Unclassified for an account, and where the label
 * came from. Pure, and the only one: plan mode labels the accounts it plans with it and final mode
 * labels the report's accounts with it, so the same facts give the same label in both.
 *
 * Order (first that decides wins), documented in docs/report.md#environments:
 * 1. an explicit label: the final event's, the plan manifest's, or one a shard carried from either;
 * 2. an account tag whose key is an environment tag key (tried in the configured order) and whose
 *    value is a known word or matches a name rule;
 * 3. the name rules on the account name;
 * 4. the resources' own environment tags (final mode only: plan mode has seen no resource);
 * 5. otherwise Unclassified.
 */
import { compareText } from './compare.js';
import {
  DEFAULT_ENVIRONMENT_RULES,
  describeMatch,
  describeRule,
  type EnvironmentRule,
} from './environmentRules.js';
import { Environment, type EnvironmentLabel, EnvironmentSource } from './model.js';

export { DEFAULT_ENVIRONMENT_RULES, describeRule, type EnvironmentRule };

/** A compiled rule set. */
export interface CompiledEnvironmentRules {
  readonly rules: readonly {
    regex: RegExp;
    environment: EnvironmentLabel;
    pattern: string;
    rule: EnvironmentRule;
  }[];
}

/**
 * Compiles rules once. Patterns are matched case-insensitively.
 * @throws SyntaxError naming the pattern when one is not a valid regular expression.
 */
export function compileEnvironmentRules(rules: readonly EnvironmentRule[]): CompiledEnvironmentRules {
  return {
    rules: rules.map((rule) => {
      try {
        return {
          regex: new RegExp(rule.pattern, 'i'),
          environment: rule.environment,
          pattern: rule.pattern,
          rule,
        };
      } catch (error) {
        throw new SyntaxError(
          `environment rule ${JSON.stringify(rule.pattern)}: ${(error as Error).message}`,
        );
      }
    }),
  };
}

/** Classifies a name (or tag value) by the first matching rule; Unclassified when none matches. */
export function classifyName(name: string, compiled: CompiledEnvironmentRules): Environment {
  for (const rule of compiled.rules) {
    if (rule.regex.test(name)) return rule.environment;
  }
  return Environment.Unclassified;
}

/** The settings the classifier reads (the same rows configure plan and final mode). */
export interface EnvironmentSettings {
  /** Tag keys (any case) whose value can label the environment, in the order they are tried. */
  environmentTagKeys: readonly string[];
  /** Tag values (any case) meaning Prod. */
  prodTagValues: readonly string[];
  /** Tag values (any case) meaning Non-Prod. */
  nonProdTagValues: readonly string[];
  /** Name rules, first match wins. */
  environmentRules: readonly EnvironmentRule[];
}

/** A ready classifier: settings normalised and rules compiled once. */
export interface EnvironmentClassifier {
  readonly tagKeys: readonly string[];
  readonly prodValues: ReadonlySet<string>;
  readonly nonProdValues: ReadonlySet<string>;
  readonly rules: CompiledEnvironmentRules;
}

/**
 * Builds the classifier from settings.
 * @throws SyntaxError naming the pattern when a rule is not a valid regular expression.
 */
export function environmentClassifier(settings: EnvironmentSettings): EnvironmentClassifier {
  const lower = (values: readonly string[]) => values.map((v) => v.trim().toLowerCase());
  return {
    tagKeys: lower(settings.environmentTagKeys),
    prodValues: new Set(lower(settings.prodTagValues)),
    nonProdValues: new Set(lower(settings.nonProdTagValues)),
    rules: compileEnvironmentRules(settings.environmentRules),
  };
}

/** One tag of a resource (key and value as collected). */
export interface ResourceTag {
  key: string;
  value: string;
}

/** Everything known about one account's environment, from every source. */
export interface EnvironmentEvidence {
  accountName: string;
  /** Label from the final event's `accounts[]` (plan mode: from its event or accounts file). */
  eventLabel?: EnvironmentLabel | undefined;
  /** An explicit label from the plan manifest (not one plan mode derived itself). */
  planLabel?: EnvironmentLabel | undefined;
  /** What the batch shard recorded; only an explicit (event or plan) label counts. */
  shardLabel?: { environment: Environment; source: EnvironmentSource } | undefined;
  /** Account tags (Organizations), from any source. */
  tags?: Readonly<Record<string, string>> | undefined;
  /** Distinct environment-tag values seen on the account's resources (final mode). */
  resourceTags?: readonly ResourceTag[] | undefined;
}

/** The resolved label, its source, and in words what decided it. */
export interface ResolvedEnvironment {
  environment: Environment;
  source: EnvironmentSource;
  /** For readers: `tag environment = "Production EU"`, `name contains "prod"`, … */
  detail: string;
}

/** Classifies an account (the order is in the module comment). */
export function classifyEnvironment(
  evidence: EnvironmentEvidence,
  classifier: EnvironmentClassifier,
): ResolvedEnvironment {
  return (
    explicitLabel(evidence) ??
    byAccountTags(evidence.tags, classifier) ??
    byName(evidence.accountName, classifier.rules) ??
    byResourceTags(evidence.resourceTags, classifier) ?? {
      environment: Environment.Unclassified,
      source: EnvironmentSource.None,
      detail: 'no label, tag or name rule',
    }
  );
}

/** A tag value's environment: a known word first, then the name rules; blank says nothing. */
export function classifyTagValue(value: string, classifier: EnvironmentClassifier): Environment {
  const word = value.trim().toLowerCase();
  if (word === '') return Environment.Unclassified;
  if (classifier.prodValues.has(word)) return Environment.Prod;
  if (classifier.nonProdValues.has(word)) return Environment.NonProd;
  return classifyName(value.trim(), classifier.rules);
}

function explicitLabel(evidence: EnvironmentEvidence): ResolvedEnvironment | undefined {
  if (evidence.eventLabel)
    return {
      environment: evidence.eventLabel,
      source: EnvironmentSource.Event,
      detail: 'label in the event',
    };
  if (evidence.planLabel)
    return {
      environment: evidence.planLabel,
      source: EnvironmentSource.Plan,
      detail: 'label in the plan manifest',
    };
  const shard = evidence.shardLabel;
  // Labels a shard derived (tags, names) are derived again here, so one rule set decides the report.
  if (
    shard &&
    shard.environment !== Environment.Unclassified &&
    (shard.source === EnvironmentSource.Event || shard.source === EnvironmentSource.Plan)
  ) {
    return {
      environment: shard.environment,
      source: shard.source,
      detail: `label the shard carried (${shard.source})`,
    };
  }
  return undefined;
}

/** The environment-tag entries of `tags`, in classifier key order (same key in any case: code-unit order). */
function environmentTags(tags: readonly ResourceTag[], classifier: EnvironmentClassifier): ResourceTag[] {
  const out: ResourceTag[] = [];
  for (const wanted of classifier.tagKeys) {
    const matching = tags.filter((t) => t.key.toLowerCase() === wanted && t.value.trim() !== '');
    matching.sort((a, b) => compareText(a.key, b.key) || compareText(a.value, b.value));
    out.push(...matching);
  }
  return out;
}

function byAccountTags(
  tags: Readonly<Record<string, string>> | undefined,
  classifier: EnvironmentClassifier,
): ResolvedEnvironment | undefined {
  if (!tags) return undefined;
  const entries = Object.entries(tags).map(([key, value]) => ({ key, value }));
  for (const tag of environmentTags(entries, classifier)) {
    const environment = classifyTagValue(tag.value, classifier);
    if (environment !== Environment.Unclassified)
      return {
        environment,
        source: EnvironmentSource.AccountTag,
        detail: `tag ${tag.key} = "${tag.value.trim()}"`,
      };
  }
  return undefined;
}

function byName(name: string, compiled: CompiledEnvironmentRules): ResolvedEnvironment | undefined {
  for (const rule of compiled.rules) {
    const match = rule.regex.exec(name);
    if (match)
      return {
        environment: rule.environment,
        source: EnvironmentSource.NameRule,
        detail: describeMatch(match[0], rule.rule),
      };
  }
  return undefined;
}

/**
 * The resources' tags: Prod when any value says Prod (calling production non-production is the
 * worse mistake), else Non-Prod when any says so. The detail names the first deciding tag.
 */
function byResourceTags(
  tags: readonly ResourceTag[] | undefined,
  classifier: EnvironmentClassifier,
): ResolvedEnvironment | undefined {
  if (!tags || tags.length === 0) return undefined;
  const first = new Map<Environment, ResourceTag>();
  for (const tag of environmentTags(tags, classifier)) {
    const environment = classifyTagValue(tag.value, classifier);
    if (environment !== Environment.Unclassified && !first.has(environment)) first.set(environment, tag);
  }
  const environment = first.has(Environment.Prod) ? Environment.Prod : Environment.NonProd;
  const tag = first.get(environment);
  if (!tag) return undefined;
  const also = first.size > 1 ? `; other resources say ${Environment.NonProd}` : '';
  return {
    environment,
    source: EnvironmentSource.ResourceTag,
    detail: `resource tag ${tag.key} = "${tag.value.trim()}"${also}`,
  };
}
