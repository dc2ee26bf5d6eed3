/**
 * Plan mode: find the accounts (Organizations, the event, or an accounts file), cut them into
 * shards, write `plans/<group_id>/manifest.json`, and return only shard ids.
 */
import { ConfigReportError, ErrorKind } from '../core/errors.js';
import type { PlanEvent } from '../core/event.js';
import { planKey } from '../core/keys.js';
import type { PlanManifest } from '../core/model.js';
import { type GatheredAccounts, gatherFromList, gatherFromOrganizations } from './plan/accounts.js';
import { withOuPaths } from './plan/ouPaths.js';
import { cutShards, sortAccounts } from './plan/shards.js';
import type { PlanDeps, PlanResult } from './plan/types.js';

export type { PlanDeps, PlanResult, PlanSettings, SuppliedAccounts } from './plan/types.js';

/** Thrown when the plan has no source of accounts (no list given and no Organizations port wired). */
export class PlanSourceError extends ConfigReportError {
  override readonly name = 'PlanSourceError';
  readonly kind = ErrorKind.InvalidInput;
}

/**
 * Runs plan mode. Precedence of account sources: `deps.supplied` (accounts file), then
 * `event.accounts`, then Organizations (through `event.organizations_role_arn` or the configured
 * role, when set). Event fields (`shard_size`, `role_name`, `regions`) win over settings.
 * Writing the manifest is one atomic put to a deterministic key: a rerun replaces it.
 */
export async function runPlan(event: PlanEvent, deps: PlanDeps): Promise<PlanResult> {
  const { logger, settings } = deps;
  const key = planKey(deps.prefix, event.group_id);

  let source: PlanManifest['source'];
  let gathered: GatheredAccounts;
  const warnings: string[] = [];
  let ouFailures = 0;
  if (deps.supplied) {
    source = deps.supplied.source;
    gathered = gatherFromList(deps.supplied.accounts, settings, logger);
    // The file's non-ACTIVE accounts are not collected but must still be named in Coverage.
    const known = new Set([...gathered.planned, ...gathered.skipped].map((a) => a.account_id));
    for (const account of deps.supplied.skipped ?? []) {
      if (!known.has(account.account_id)) gathered.skipped.push(account);
      known.add(account.account_id);
    }
  } else if (event.accounts) {
    source = 'event';
    gathered = gatherFromList(event.accounts, settings, logger);
  } else {
    if (!deps.organizations)
      throw new PlanSourceError('No accounts given and no Organizations client configured for plan mode');
    source = 'organizations';
    const roleArn = event.organizations_role_arn ?? settings.organizationsRoleArn;
    const port = deps.organizations({
      ...(roleArn !== undefined ? { roleArn } : {}),
      ...(settings.organizationsExternalId !== undefined
        ? { externalId: settings.organizationsExternalId }
        : {}),
    });
    gathered = await gatherFromOrganizations(port, settings, logger);
    if (settings.readOus) {
      const ous = await withOuPaths(port, gathered.planned, settings.tagConcurrency, logger);
      gathered.planned = ous.planned;
      ouFailures = ous.failed;
      if (ous.warning !== undefined) warnings.push(ous.warning);
    }
  }

  const shardSize = event.shard_size ?? settings.shardSize;
  const roleName = event.role_name ?? settings.roleName;
  const regions = event.regions ? [...new Set(event.regions)] : [...settings.regions];
  const shards = cutShards(sortAccounts(gathered.planned), shardSize);
  const manifest: PlanManifest = {
    schema_version: 1,
    group_id: event.group_id,
    created_at: deps.clock().toISOString(),
    role_name: roleName,
    regions,
    shard_size: shardSize,
    source,
    shards,
    skipped_accounts: sortAccounts(gathered.skipped),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
  await deps.store.put(key, `${JSON.stringify(manifest)}\n`, 'application/json');
  logger.info('Plan written', {
    plan_key: key,
    source,
    shards: shards.length,
    accounts: gathered.planned.length,
    skipped: gathered.skipped.length,
    tag_failures: gathered.tagFailures.length,
    ou_failures: ouFailures,
  });
  return {
    groupId: event.group_id,
    planKey: key,
    shardIds: shards.map((shard) => shard.shard_id),
    roleName,
    regions,
    accountsCount: gathered.planned.length,
    skippedCount: gathered.skipped.length,
    tagFailures: gathered.tagFailures.length,
    ouFailures,
    source,
  };
}
