/**
 * Environment classification of accounts (Prod / Non-Prod / Unclassified) and where each label came
 * from. Pure: the report says for every account which source decided its environment.
 */
import { Environment, type EnvironmentLabel, EnvironmentSource } from './model.js';

/** One name rule: a case-insensitive regular expression over the account name (or tag value). */
export interface EnvironmentRule {
  pattern: string;
  environment: EnvironmentLabel;
}

/**
 * Default name rules, first match wins. Tokens are delimited by anything that is not a letter, so
 * `prod-app-01`, `app_prd` and `PROD01` are Prod, while `prodigy` is not. The "non/pre + prod" forms
 * come first so `nonprod`, `non-prod`, `preprod` and `pre-prod` never count as Prod.
 */
export const DEFAULT_ENVIRONMENT_RULES: readonly EnvironmentRule[] = [
  {
    pattern: '(^|[^a-z])(non|pre)[-_ .]?(prod|prd|production)([^a-z]|$)',
    environment: 'Non-Prod',
  },
  { pattern: '(^|[^a-z])(prod|prd|production)([^a-z]|$)', environment: 'Prod' },
  {
    pattern:
      '(^|[^a-z])(dev|devel|develop|development|test|testing|tst|qa|qas|stage|staging|stg|sandbox|sbx|uat|sit|demo|poc|lab|nonprd|nonprod|preprod|perf|int|integration)([^a-z]|$)',
    environment: 'Non-Prod',
  },
];

/** A compiled rule set. */
export interface CompiledEnvironmentRules {
  readonly rules: readonly { regex: RegExp; environment: EnvironmentLabel; pattern: string }[];
}

/**
 * Compiles rules once. Patterns are matched case-insensitively.
 * @throws SyntaxError naming the pattern when one is not a valid regular expression.
 */
export function compileEnvironmentRules(rules: readonly EnvironmentRule[]): CompiledEnvironmentRules {
  return {
    rules: rules.map((rule) => {
      try {
        return { regex: new RegExp(rule.pattern, 'i'), environment: rule.environment, pattern: rule.pattern };
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

/** Everything known about one account's labels, from every source. */
export interface EnvironmentEvidence {
  accountName: string;
  /** Label from the final event's `accounts[]`. */
  eventLabel?: EnvironmentLabel | undefined;
  /** Label from the plan manifest. */
  planLabel?: EnvironmentLabel | undefined;
  /** What the batch shard recorded (its own resolution). */
  shardLabel?: { environment: Environment; source: EnvironmentSource } | undefined;
  /** Account tags (Organizations), from any source. */
  tags?: Readonly<Record<string, string>> | undefined;
}

/** The resolved label and its source. */
export interface ResolvedEnvironment {
  environment: Environment;
  source: EnvironmentSource;
  /** Human-readable detail, e.g. the tag key or the rule pattern that matched. */
  detail: string;
}

/**
 * Resolves an account's environment. Precedence (first that gives Prod or Non-Prod wins):
 * 1. the final event's label, 2. the plan manifest's label, 3. a label the shard carried from an
 * explicit source (event, plan or account tag), 4. an account tag whose key is in `tagKeys`
 * (compared case-insensitively) and whose value the rules classify, 5. the name rules,
 * 6. Unclassified. A shard label that came from name rules is re-derived with this run's rules, so
 * one rule set decides the whole report.
 */
export function resolveEnvironment(
  evidence: EnvironmentEvidence,
  compiled: CompiledEnvironmentRules,
  tagKeys: readonly string[],
): ResolvedEnvironment {
  if (evidence.eventLabel)
    return { environment: evidence.eventLabel, source: EnvironmentSource.Event, detail: 'final event' };
  if (evidence.planLabel)
    return { environment: evidence.planLabel, source: EnvironmentSource.Plan, detail: 'plan manifest' };
  const shard = evidence.shardLabel;
  if (
    shard &&
    shard.environment !== Environment.Unclassified &&
    (shard.source === EnvironmentSource.Event ||
      shard.source === EnvironmentSource.Plan ||
      shard.source === EnvironmentSource.AccountTag)
  ) {
    return { environment: shard.environment, source: shard.source, detail: `shard (${shard.source})` };
  }
  const fromTag = classifyByTags(evidence.tags, compiled, tagKeys);
  if (fromTag) return fromTag;
  for (const rule of compiled.rules) {
    if (rule.regex.test(evidence.accountName)) {
      return { environment: rule.environment, source: EnvironmentSource.NameRule, detail: rule.pattern };
    }
  }
  return { environment: Environment.Unclassified, source: EnvironmentSource.None, detail: 'no rule matched' };
}

function classifyByTags(
  tags: Readonly<Record<string, string>> | undefined,
  compiled: CompiledEnvironmentRules,
  tagKeys: readonly string[],
): ResolvedEnvironment | undefined {
  if (!tags) return undefined;
  const byKey = new Map(Object.entries(tags).map(([key, value]) => [key.toLowerCase(), { key, value }]));
  // Keys are tried in the configured order (as plan mode does), so `environment` beats `env`.
  for (const wanted of tagKeys) {
    const tag = byKey.get(wanted.toLowerCase());
    if (!tag || tag.value.trim() === '') continue;
    const environment = classifyName(tag.value, compiled);
    if (environment !== Environment.Unclassified) {
      return { environment, source: EnvironmentSource.AccountTag, detail: `tag ${tag.key}=${tag.value}` };
    }
  }
  return undefined;
}
