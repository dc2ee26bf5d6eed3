/**
 * The Accounts sheet's rows: every account the report knows of — from shard headers, from records,
 * from the plan and from the final event — with its name, resolved environment, OU path, region
 * coverage, compliance counts and distinct non-compliant resources, sorted by name then id (the
 * evaluation sheets' order; the Accounts sheet itself lists them most non-compliant first).
 */
import { compareText } from '../../core/compare.js';
import { COVERAGE_STATUS_ORDER } from '../../core/coverage.js';
import { classifyEnvironment, environmentClassifier } from '../../core/environment.js';
import type { FinalEvent } from '../../core/event.js';
import type { MergedAccount } from '../../core/merge.js';
import type { Environment, EnvironmentLabel, PlanManifest } from '../../core/model.js';
import { complianceRatio, emptyCounts, type Stats } from '../../core/stats.js';
import type { AccountRow } from '../../report/model.js';
import type { FinalSettings } from './settings.js';
import type { ShardsRead } from './shards.js';

/** What the plan and the final event say about one account. */
interface AccountFacts {
  name: string;
  event?: { environment?: EnvironmentLabel | undefined; tags?: Record<string, string> | undefined };
  plan?: {
    environment?: EnvironmentLabel | undefined;
    /** Set when plan mode derived the label itself: then it is derived again here, not taken. */
    environment_source?: string | undefined;
    tags?: Record<string, string> | undefined;
    ou_path?: string | undefined;
  };
}

/** Inputs of {@link accountRows}. */
export interface AccountRowsInput {
  shards: ShardsRead;
  event: FinalEvent;
  plan: PlanManifest | undefined;
  settings: FinalSettings;
  stats: Stats;
  /** Regions every account should report (from the event or the plan). */
  expectedRegions: readonly string[];
  /** Distinct non-compliant resources by interned account id. */
  resourcesByAccount: ReadonlyMap<number, number>;
}

/** The rows, and each account's environment by interned account id (for the environment totals). */
export function accountRows(input: AccountRowsInput): {
  accounts: AccountRow[];
  environmentById: Map<number, Environment>;
} {
  const { shards, settings, stats, expectedRegions } = input;
  const { merger, dims } = shards;
  const facts = knownAccounts(input.plan, input.event);
  const accountIds = new Set<string>([...facts.keys(), ...merger.accounts().map((a) => a.accountId)]);
  for (const id of dims.accounts.values()) accountIds.add(id);

  const classifier = environmentClassifier(settings);
  const environmentById = new Map<number, Environment>();
  const accounts: AccountRow[] = [];
  for (const id of accountIds) {
    const merged = merger.account(id);
    const fact = facts.get(id);
    const name = merged?.accountName ?? fact?.name ?? shards.recordAccountNames.get(id) ?? '';
    const resolved = classifyEnvironment(
      {
        accountName: name,
        eventLabel: fact?.event?.environment,
        planLabel: explicitPlanLabel(fact?.plan),
        shardLabel: merged?.shardLabel,
        tags: { ...fact?.event?.tags, ...fact?.plan?.tags, ...merged?.tags },
        resourceTags: shards.resourceEnvironmentTags.of(id),
      },
      classifier,
    );
    const interned = dims.accounts.id(id);
    environmentById.set(interned, resolved.environment);
    const counts = stats.byAccount.get(interned) ?? emptyCounts();
    accounts.push({
      accountId: id,
      accountName: name,
      environment: resolved.environment,
      environmentSource: resolved.source,
      environmentDetail: resolved.detail,
      ...regionCoverage(merged, expectedRegions, stats.byAccount.has(interned)),
      shards: merged?.shards.join(', ') ?? '',
      nonCompliantResources: input.resourcesByAccount.get(interned) ?? 0,
      // The shard carries the plan's path; the plan itself covers accounts no shard reported.
      ouPath: merged?.ouPath || fact?.plan?.ou_path || '',
      counts,
      ratio: complianceRatio(counts),
    });
  }
  accounts.sort((a, b) => compareText(a.accountName, b.accountName) || compareText(a.accountId, b.accountId));
  return { accounts, environmentById };
}

/** The plan's label when it is explicit (given to plan mode), not one plan mode derived. */
function explicitPlanLabel(plan: AccountFacts['plan']): EnvironmentLabel | undefined {
  const source = plan?.environment_source;
  return source === undefined || source === 'event' || source === 'plan' ? plan?.environment : undefined;
}

/** Accounts named by the plan and by the final event (the event's name only when the plan has none). */
function knownAccounts(plan: PlanManifest | undefined, event: FinalEvent): Map<string, AccountFacts> {
  const facts = new Map<string, AccountFacts>();
  for (const shard of plan?.shards ?? [])
    for (const a of shard.accounts) facts.set(a.account_id, { name: a.account_name, plan: a });
  for (const a of event.accounts ?? []) {
    const known = facts.get(a.account_id);
    facts.set(a.account_id, { name: known?.name ?? a.account_name, ...known, event: a });
  }
  return facts;
}

/** Regions read OK out of those reported or expected, and the account's worst coverage status. */
function regionCoverage(
  merged: MergedAccount | undefined,
  expectedRegions: readonly string[],
  hasEvaluations: boolean,
): Pick<AccountRow, 'regionsOk' | 'regionsTotal' | 'coverage'> {
  const statuses = [...(merged?.regions.values() ?? [])].map((r) => r.result.status as string);
  const missing = merged
    ? expectedRegions.filter((region) => !merged.regions.has(region)).length
    : Math.max(1, expectedRegions.length);
  if (missing > 0) statuses.push('MISSING');
  return {
    regionsOk: statuses.filter((x) => x === 'OK').length,
    regionsTotal: (merged?.regions.size ?? 0) + missing,
    coverage: statuses.length === 0 && hasEvaluations ? 'UNKNOWN' : worstStatus(statuses),
  };
}

const STATUS_INDEX = new Map<string, number>(COVERAGE_STATUS_ORDER.map((status, i) => [status, i]));

function worstStatus(statuses: readonly string[]): string {
  let worst = 'OK';
  for (const status of statuses) {
    if ((STATUS_INDEX.get(status) ?? 0) < (STATUS_INDEX.get(worst) ?? 0)) worst = status;
  }
  return statuses.length === 0 ? 'MISSING' : worst;
}
