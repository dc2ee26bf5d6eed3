/**
 * Which accounts (and regions) a shard collects: the event's inline list, or — with `plan_key` —
 * the shard of the plan manifest whose `shard_id` matches. A plan that is missing, malformed, of
 * another group, or without this shard is an invocation error: guessing would lose accounts.
 */
import { z } from 'zod';
import type { BatchEvent } from '../../core/event.js';
import { InvalidEventError } from '../../core/event.js';
import { accountIdSchema } from '../../core/ids.js';
import { ENVIRONMENT_LABELS, type EnvironmentLabel, EnvironmentSource } from '../../core/model.js';
import { isObjectNotFoundError, type Store } from '../../store/Store.js';
import { InvalidPlanError, ShardNotInPlanError } from './errors.js';

/** An account to collect, with where its environment label came from. */
export interface ShardAccountInput {
  account_id: string;
  account_name: string;
  environment?: EnvironmentLabel | undefined;
  environment_source: EnvironmentSource;
  tags: Record<string, string>;
  /** OU path from the plan (`Root/Workloads/Prod`); absent for accounts the event gave. */
  ou_path?: string;
}

/** The shard's accounts and, when a plan was read, the regions it names. */
export interface ShardScope {
  accounts: ShardAccountInput[];
  planRegions?: string[];
}

const manifestSchema = z.object({
  group_id: z.string(),
  regions: z.array(z.string()).optional(),
  shards: z.array(
    z.object({
      shard_id: z.string(),
      accounts: z.array(
        z.object({
          account_id: accountIdSchema(),
          account_name: z.string(),
          environment: z.enum(ENVIRONMENT_LABELS).optional(),
          environment_source: z.string().optional(),
          tags: z.record(z.string(), z.string()).optional(),
          ou_path: z.string().optional(),
        }),
      ),
    }),
  ),
});

/**
 * `plan_key` must lie under REPORT_PREFIX and contain no `.`/`..` segment, so an event cannot make
 * the function read outside its own folder. Checked before any read.
 * @throws InvalidEventError naming `plan_key`.
 */
export function assertPlanKeyInPrefix(planKey: string, prefix: string): void {
  const segments = planKey.split('/');
  if (!planKey.startsWith(prefix) || segments.some((s) => s === '..' || s === '.' || s === '')) {
    throw new InvalidEventError([
      `plan_key: must be a key under REPORT_PREFIX ${JSON.stringify(prefix)} without empty, "." or ".." segments`,
    ]);
  }
}

/** Resolves the shard's accounts. Duplicate account ids collapse to the first. */
export async function resolveShardScope(event: BatchEvent, store: Store): Promise<ShardScope> {
  if (event.plan_key === undefined) {
    return {
      accounts: dedupe(
        (event.accounts ?? []).map((a) => ({
          account_id: a.account_id,
          account_name: a.account_name,
          environment: a.environment,
          environment_source: a.environment ? 'event' : 'none',
          tags: a.tags ?? {},
        })),
      ),
    };
  }
  const key = event.plan_key;
  let text: string;
  try {
    text = await store.getText(key);
  } catch (error) {
    const reason = isObjectNotFoundError(error) ? 'not found' : 'could not be read';
    throw new InvalidPlanError(key, reason, { cause: error });
  }
  let manifest: z.infer<typeof manifestSchema>;
  try {
    manifest = manifestSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new InvalidPlanError(key, 'is not a valid plan manifest', { cause: error });
  }
  if (manifest.group_id !== event.group_id) {
    throw new InvalidPlanError(
      key,
      `belongs to group ${JSON.stringify(manifest.group_id)}, not ${JSON.stringify(event.group_id)}`,
    );
  }
  const shard = manifest.shards.find((s) => s.shard_id === event.shard_id);
  if (!shard) throw new ShardNotInPlanError(key, event.shard_id);
  return {
    accounts: dedupe(
      shard.accounts.map((a) => ({
        account_id: a.account_id,
        account_name: a.account_name,
        environment: a.environment,
        environment_source: planSource(a.environment, a.environment_source),
        tags: a.tags ?? {},
        ...(a.ou_path !== undefined ? { ou_path: a.ou_path } : {}),
      })),
    ),
    ...(manifest.regions && manifest.regions.length > 0 ? { planRegions: manifest.regions } : {}),
  };
}

/**
 * Where a plan account's label came from: the plan's own derivation (a tag or the name) is passed
 * on as such, so final mode derives it again with its rules; anything else is the plan's label.
 */
function planSource(
  environment: EnvironmentLabel | undefined,
  source: string | undefined,
): EnvironmentSource {
  if (!environment) return EnvironmentSource.None;
  if (source === EnvironmentSource.AccountTag || source === EnvironmentSource.NameRule) return source;
  return EnvironmentSource.Plan;
}

function dedupe(accounts: ShardAccountInput[]): ShardAccountInput[] {
  const seen = new Set<string>();
  return accounts.filter((a) => !seen.has(a.account_id) && seen.add(a.account_id) !== undefined);
}
