/**
 * Gathers the accounts a plan covers, from Organizations or from a given list, and decides for
 * each whether it is collected or skipped (and why). Nothing found is dropped: an account is
 * either planned or listed in `skipped`.
 */
import pLimit from 'p-limit';
import { type EnvironmentSettings, environmentClassifier } from '../../core/environment.js';
import type { EventAccount } from '../../core/event.js';
import type { LoggerPort } from '../../core/logger.js';
import type { PlannedAccount } from '../../core/model.js';
import { labelAccount } from './environment.js';
import type { OrganizationsPort, SkippedAccount } from './types.js';

export type { SkippedAccount } from './types.js';

/** The state recorded for accounts excluded by configuration. */
export const EXCLUDED_STATE = 'EXCLUDED';

/** Accounts to collect and accounts skipped, before sorting and sharding. */
export interface GatheredAccounts {
  planned: PlannedAccount[];
  skipped: SkippedAccount[];
  /** Account ids whose tags could not be read: planned without tags. */
  tagFailures: string[];
}

/** What the gatherers read from plan settings. */
export interface GatherRules extends EnvironmentSettings {
  excludeAccounts: readonly string[];
  readTags: boolean;
  tagConcurrency: number;
}

/**
 * Lists the organization: ACTIVE accounts are planned with their tags and environment label (from
 * the tags and the name; an account whose tags are unreadable is labelled by its name alone);
 * every other state (SUSPENDED, PENDING_CLOSURE, CLOSED, PENDING_ACTIVATION) is skipped.
 * Tags are read with bounded concurrency; an account whose tags stay unreadable after the
 * adapter's retries is still planned (without tags) and counted in `tagFailures`.
 */
export async function gatherFromOrganizations(
  port: OrganizationsPort,
  rules: GatherRules,
  logger: LoggerPort,
): Promise<GatheredAccounts> {
  const listed = await port.listAccounts();
  const skipped: SkippedAccount[] = [];
  const active: { account_id: string; account_name: string }[] = [];
  const seen = new Set<string>();
  for (const account of listed) {
    if (seen.has(account.id)) continue;
    seen.add(account.id);
    if (rules.excludeAccounts.includes(account.id)) {
      skipped.push({ account_id: account.id, account_name: account.name, state: EXCLUDED_STATE });
    } else if (account.state !== 'ACTIVE') {
      skipped.push({ account_id: account.id, account_name: account.name, state: account.state });
    } else {
      active.push({ account_id: account.id, account_name: account.name });
    }
  }
  logger.info('Organizations listed', {
    accounts: seen.size,
    active: active.length,
    skipped: skipped.length,
  });

  const tagFailures: string[] = [];
  const limit = pLimit(rules.tagConcurrency);
  const classifier = environmentClassifier(rules);
  const planned = await Promise.all(
    active.map((account) =>
      limit(async (): Promise<PlannedAccount> => {
        if (!rules.readTags) return labelAccount(account, classifier);
        try {
          const tags = await port.listTags(account.account_id);
          return labelAccount({ ...account, tags }, classifier);
        } catch (error) {
          tagFailures.push(account.account_id);
          const { name, message } = error instanceof Error ? error : new Error(String(error));
          logger.warn('Account tags unreadable; planned without tags', {
            account_id: account.account_id,
            error_name: name,
            error_message: message,
          });
          return labelAccount(account, classifier);
        }
      }),
    ),
  );
  return { planned, skipped, tagFailures: tagFailures.sort() };
}

/**
 * Takes accounts from the event or an accounts file: duplicates are merged (first wins, logged),
 * excluded ids are skipped, and an explicit `environment` wins over the one the tags or name give.
 */
export function gatherFromList(
  accounts: readonly EventAccount[],
  rules: Pick<GatherRules, 'excludeAccounts'> & EnvironmentSettings,
  logger: LoggerPort,
): GatheredAccounts {
  const planned: PlannedAccount[] = [];
  const skipped: SkippedAccount[] = [];
  const seen = new Set<string>();
  const classifier = environmentClassifier(rules);
  for (const account of accounts) {
    if (seen.has(account.account_id)) {
      logger.warn('Duplicate account in list; keeping the first entry', { account_id: account.account_id });
      continue;
    }
    seen.add(account.account_id);
    if (rules.excludeAccounts.includes(account.account_id)) {
      skipped.push({
        account_id: account.account_id,
        account_name: account.account_name,
        state: EXCLUDED_STATE,
      });
      continue;
    }
    const entry: PlannedAccount = { account_id: account.account_id, account_name: account.account_name };
    if (account.tags !== undefined) entry.tags = { ...account.tags };
    if (account.environment !== undefined) entry.environment = account.environment;
    planned.push(labelAccount(entry, classifier));
  }
  return { planned, skipped, tagFailures: [] };
}
