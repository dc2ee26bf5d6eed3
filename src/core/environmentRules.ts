/**
 * The name rules of the environment classifier (src/core/environment.ts) and how they are put in
 * words: readers of the report see `name contains "prod"` and `a word prod, prd or production`,
 * never a regular expression.
 */
import type { EnvironmentLabel } from './model.js';

/** One name rule: a case-insensitive regular expression over the account name (or tag value). */
export interface EnvironmentRule {
  pattern: string;
  environment: EnvironmentLabel;
  /** The rule in words, for the About sheet (derived from the pattern when absent). */
  description?: string | undefined;
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
    description: 'a word non-prod or pre-prod (also nonprod, pre_prd, non-production …)',
  },
  { pattern: '(^|[^a-z])(prod|prd|production)([^a-z]|$)', environment: 'Prod' },
  {
    pattern:
      '(^|[^a-z])(dev|devel|develop|development|test|testing|tst|qa|qas|stage|staging|stg|sandbox|sbx|uat|sit|demo|poc|lab|nonprd|nonprod|preprod|perf|int|integration)([^a-z]|$)',
    environment: 'Non-Prod',
  },
];

/** `a, b or c`. */
function oneOf(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** The shape of a "whole word" rule: `(^|[^a-z])(w1|w2|…)([^a-z]|$)`. */
const WORD_LIST = /^\(\^\|\[\^a-z\]\)\(([a-z0-9]+(?:\|[a-z0-9]+)*)\)\(\[\^a-z\]\|\$\)$/i;

/** A rule in words: its description, else the words of a whole-word rule, else the pattern itself. */
export function describeRule(rule: EnvironmentRule): string {
  if (rule.description) return rule.description;
  const words = WORD_LIST.exec(rule.pattern);
  if (words) return `a word ${oneOf(words[1]!.split('|'))}`;
  return `matches the pattern ${rule.pattern}`;
}

const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * What a name rule matched, in words: `name contains "prod"` (the matched text without the
 * delimiters around it), or `name matches <the rule in words>` when the match has no letter or digit.
 */
export function describeMatch(matched: string, rule: EnvironmentRule): string {
  const token = matched.replace(EDGES, '');
  return token !== '' ? `name contains "${token}"` : `name matches ${describeRule(rule)}`;
}
