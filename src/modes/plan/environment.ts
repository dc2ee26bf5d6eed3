/**
 * Environment labels from account tags. An `environment` (or `env`) account tag whose value is a
 * known production word labels the account `Prod`; a known non-production word labels it
 * `Non-Prod`; anything else leaves it unlabelled so final mode's name rules decide (and the report
 * says so) rather than guessing here.
 */
import type { PlannedAccount } from '../../core/model.js';

/** The part of PlanSettings the labeller reads (values already lower-case). */
export interface EnvironmentTagRules {
  environmentTagKeys: readonly string[];
  prodTagValues: readonly string[];
  nonProdTagValues: readonly string[];
}

/** The label the account's tags give, or undefined when no tag decides it. Keys and values are case-insensitive. */
export function environmentFromTags(
  tags: Readonly<Record<string, string>>,
  rules: EnvironmentTagRules,
): PlannedAccount['environment'] {
  const byKey = new Map(Object.entries(tags).map(([key, value]) => [key.toLowerCase(), value]));
  // Keys are tried in the configured order, so `environment` beats `env` when both are present.
  for (const key of rules.environmentTagKeys) {
    const value = byKey.get(key)?.trim().toLowerCase();
    if (value === undefined || value === '') continue;
    if (rules.prodTagValues.includes(value)) return 'Prod';
    if (rules.nonProdTagValues.includes(value)) return 'Non-Prod';
  }
  return undefined;
}
