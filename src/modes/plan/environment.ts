/**
 * Plan mode's environment labels, from the one classifier final mode uses too
 * (src/core/environment.ts): an explicit label is kept; otherwise the account's tags, then its name,
 * decide, and the manifest records which (`environment_source`) so final mode derives the label
 * again from the same facts instead of taking it for an explicit one. Plan mode has seen no
 * resource, so the classifier's last resort (resource tags) is final mode's alone.
 */
import { classifyEnvironment, type EnvironmentClassifier } from '../../core/environment.js';
import { Environment, EnvironmentSource, type PlannedAccount } from '../../core/model.js';

/** The account labelled: explicit label kept, derived label with its source, or none (Unclassified). */
export function labelAccount(account: PlannedAccount, classifier: EnvironmentClassifier): PlannedAccount {
  const { environment: explicit, environment_source: _stale, ...rest } = account;
  if (explicit !== undefined) return { ...rest, environment: explicit };
  const resolved = classifyEnvironment({ accountName: account.account_name, tags: account.tags }, classifier);
  if (resolved.environment === Environment.Unclassified) return rest;
  const source =
    resolved.source === EnvironmentSource.AccountTag
      ? EnvironmentSource.AccountTag
      : EnvironmentSource.NameRule;
  return { ...rest, environment: resolved.environment, environment_source: source };
}
