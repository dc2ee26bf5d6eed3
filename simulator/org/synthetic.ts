/**
 * The deterministic synthetic organization: accounts are made eagerly (cheap), Config data per
 * account-region and day lazily on first use and kept in a bounded cache (regenerating is
 * deterministic, so eviction is invisible). Same (seed, options) → same org, byte for byte. Day 0
 * is generated; day N is day N-1 moved on by one step (see days.ts), replayed from the latest
 * cached earlier day.
 */
import {
  ACCOUNT_RESOURCE_TYPE,
  OWNERS,
  RESOURCE_KINDS,
  RESOURCE_WORDS,
  type ResourceKind,
  RULE_TEMPLATES,
  TEAMS,
} from './catalog.js';
import { type DayChangeRates, dayChangeRates, nextDay } from './days.js';
import { emptyRegion, type SimAccount, type SimOrg, type SimRegionData, type SimResource } from './model.js';
import { buildOuTree } from './ous.js';
import { hashString, Prng } from './prng.js';
import { buildRules, evaluateRegion, judgementsOf, type RuleJudgement } from './syntheticRules.js';

/** Options of the synthetic org. */
export interface SyntheticOrgOptions {
  /** Total accounts including the hub (management) account. Default 12. */
  accounts?: number;
  seed?: number;
  /** Default `['us-east-1', 'eu-west-1']`. */
  regions?: string[];
  /**
   * Rules per account-region. Default: the whole catalogue (34 rules, the last 10 deployed by
   * conformance packs, organization rules, Security Hub and Firewall Manager with generated
   * suffixes); more adds `custom-check-NNN` rules.
   */
  rulesPerRegion?: number;
  /** Approximate resources per account-region (±20 %). Default 40. */
  resourcesPerRegion?: number;
  /** Role every account trusts the hub to assume. Default `configreport-read-role`. */
  roleName?: string;
  /** When set, every role requires this ExternalId. */
  externalId?: string;
  /** Account-regions kept in the lazy cache. Default 512. */
  cacheSize?: number;
  /**
   * The data's "now" (epoch ms): rules last ran in the 24 hours before it. Default
   * {@link SYNTHETIC_EPOCH_MS}; the demo passes the start of its report day, so the ages it
   * reports are what a daily run sees.
   */
  epochMs?: number;
  /**
   * The day `regionData` serves by default: 0 = the data as generated, N = N days later (each day
   * some failures are fixed, some compliant results newly fail, some resources are deleted or
   * created, and every rule runs again; the data's "now" is `epochMs + N · 24 h`).
   */
  day?: number;
  /** Day-over-day change rates. Default {@link DEFAULT_DAY_CHANGES}. */
  dayChanges?: Partial<DayChangeRates>;
}

/** One cached account-region day, with what the next day's step needs. */
interface DayEntry {
  data: SimRegionData;
  judgements: readonly RuleJudgement[];
}

/** Fixed "now" of the synthetic data (evaluation times are just before it): 2026-01-01T00:00:00Z. */
export const SYNTHETIC_EPOCH_MS = Date.UTC(2026, 0, 1);

const ENV_MIX: readonly { env: string; weight: number }[] = [
  { env: 'prod', weight: 30 },
  { env: 'dev', weight: 28 },
  { env: 'staging', weight: 16 },
  { env: 'test', weight: 10 },
  { env: 'sandbox', weight: 10 },
];
const APPS: readonly string[] = ['app', 'web', 'api', 'data', 'db', 'ml', 'batch', 'edge'];
const SANDBOX_PEOPLE: readonly string[] = ['alice', 'bob', 'carol', 'dan', 'erik', 'fatima', 'grace', 'hiro'];
const SPECIALS: readonly { name: string; env: string }[] = [
  { name: 'security-audit', env: 'shared' },
  { name: 'log-archive', env: 'shared' },
  { name: 'shared-network', env: 'shared' },
  { name: 'shared-services', env: 'shared' },
];

/** Builds the deterministic synthetic organization. */
export function generateOrg(options: SyntheticOrgOptions = {}): SimOrg {
  const seed = (options.seed ?? 1) >>> 0;
  const size = Math.max(1, Math.floor(options.accounts ?? 12));
  const regions = options.regions?.length ? [...options.regions] : ['us-east-1', 'eu-west-1'];
  const rulesPerRegion = Math.max(0, Math.floor(options.rulesPerRegion ?? RULE_TEMPLATES.length));
  const resourcesPerRegion = Math.max(0, Math.floor(options.resourcesPerRegion ?? 40));
  const roleName = options.roleName ?? 'configreport-read-role';
  const cacheSize = Math.max(1, options.cacheSize ?? 512);
  const epochMs = options.epochMs ?? SYNTHETIC_EPOCH_MS;
  const startDay = checkDay(options.day ?? 0);
  const rates = dayChangeRates(options.dayChanges);
  const accounts = buildAccounts(seed, size, roleName, options.externalId);
  const tree = buildOuTree(seed, new Map(accounts.map((a, i) => [a.accountId, placementOf(a, i)])));
  for (const account of accounts) account.parentId = tree.accountParents.get(account.accountId)!;
  const ous = new Map(tree.organizationalUnits.map((ou) => [ou.id, ou]));
  const byId = new Map(accounts.map((a) => [a.accountId, a]));
  const hubAccountId = accounts[0]!.accountId;
  const cache = new Map<string, DayEntry>();

  const generate = (account: SimAccount, region: string): DayEntry => {
    // The hub (management) account runs a recorder but has no rules: hub credentials read nothing.
    if (account.accountId === hubAccountId) {
      return { data: { ...emptyRegion('running'), recorderStartedAt: epochMs }, judgements: [] };
    }
    const rng = new Prng(hashString(`${account.accountId}|${region}`, seed));
    const env = envOf(account);
    const resources = buildResources(rng, account, region, env, resourcesPerRegion);
    const rules = buildRules(rng, account.accountId, region, rulesPerRegion);
    const data = evaluateRegion(rng, rules, resources, env, {
      accountId: account.accountId,
      region,
      epochMs,
    });
    return { data, judgements: judgementsOf(rules, env) };
  };

  const step = (account: SimAccount, region: string, prev: DayEntry, day: number): DayEntry => {
    const rng = new Prng(hashString(`${account.accountId}|${region}|day ${day}`, seed));
    const data = nextDay(prev.data, {
      rng,
      day,
      epochMs,
      rates,
      judgements: prev.judgements,
      createResources: (r, count, existing) =>
        createResources(r, { account, region, env: envOf(account), day, count, existing }),
    });
    return { data, judgements: prev.judgements };
  };

  const remember = (key: string, entry: DayEntry): DayEntry => {
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
    cache.set(key, entry);
    return entry;
  };

  /** The account-region on `day`: cached, else stepped on from the latest cached earlier day. */
  const dayEntry = (account: SimAccount, region: string, day: number): DayEntry => {
    const keyOf = (d: number) => `${account.accountId}|${region}|${d}`;
    const hit = cache.get(keyOf(day));
    if (hit) return hit;
    let from = day - 1;
    while (from >= 0 && !cache.has(keyOf(from))) from--;
    let entry = from >= 0 ? cache.get(keyOf(from))! : generate(account, region);
    // The hub has nothing that could change.
    if (account.accountId !== hubAccountId) {
      for (let d = Math.max(from, 0) + 1; d <= day; d++) entry = step(account, region, entry, d);
    }
    return remember(keyOf(day), entry);
  };

  return {
    seed,
    hubAccountId,
    organizationId: `o-${new Prng(seed).hex(10)}`,
    regions,
    accounts,
    rootId: tree.rootId,
    organizationalUnits: tree.organizationalUnits,
    ou: (id) => ous.get(id),
    roleName,
    ...(options.externalId !== undefined ? { externalId: options.externalId } : {}),
    account: (id) => byId.get(id),
    day: startDay,
    regionData(accountId, region, day = startDay) {
      const account = byId.get(accountId);
      if (!account || !regions.includes(region)) return emptyRegion('none');
      return dayEntry(account, region, checkDay(day)).data;
    },
  };
}

/** A day number as the org takes it: a whole number, 0 or more. */
function checkDay(day: number): number {
  if (!Number.isInteger(day) || day < 0) throw new RangeError(`day must be a whole number >= 0, got ${day}`);
  return day;
}

function envOf(account: SimAccount): string {
  return account.tags.environment ?? envFromName(account.name);
}

/**
 * Where an account sits, as a landing zone lays an organization out: the management account under
 * the root; Security and Infrastructure for the shared accounts; Workloads/Prod and
 * Workloads/Non-Prod by the account's name; Sandbox; and a Suspended OU for suspended accounts.
 * From the name and state only, so the accounts themselves stay as they were.
 */
function placementOf(account: SimAccount, index: number): string[] {
  if (index === 0) return [];
  if (account.state === 'SUSPENDED') return ['Suspended'];
  if (account.name === 'security-audit' || account.name === 'log-archive') return ['Security'];
  if (account.name.startsWith('shared-')) return ['Infrastructure'];
  if (account.name.startsWith('sandbox-')) return ['Sandbox'];
  if (account.name.startsWith('prod-')) return ['Workloads', 'Prod'];
  return ['Workloads', 'Non-Prod'];
}

function envFromName(name: string): string {
  return name.split('-')[0] ?? 'dev';
}

function buildAccounts(seed: number, size: number, roleName: string, externalId?: string): SimAccount[] {
  const rng = new Prng(hashString('accounts', seed));
  const prefix = `1${String(seed % 1000).padStart(3, '0')}`;
  const role = externalId ? { name: roleName, externalId } : { name: roleName };
  const counters = new Map<string, number>();
  const accounts: SimAccount[] = [];
  for (let i = 0; i < size; i++) {
    const accountId = `${prefix}${String(i).padStart(8, '0')}`;
    let name: string;
    let env: string;
    if (i === 0) {
      name = 'management';
      env = 'shared';
    } else if (i <= SPECIALS.length && size >= 8) {
      const special = SPECIALS[i - 1]!;
      name = special.name;
      env = special.env;
    } else {
      env = pickEnv(rng);
      const stem = env === 'sandbox' ? `sandbox-${rng.pick(SANDBOX_PEOPLE)}` : `${env}-${rng.pick(APPS)}`;
      const n = (counters.get(stem) ?? 0) + 1;
      counters.set(stem, n);
      name = `${stem}-${String(n).padStart(2, '0')}`;
    }
    const tags: Record<string, string> = {
      'cost-center': `CC-${1000 + rng.int(40)}`,
      owner: rng.pick(TEAMS),
    };
    // About one generated account in ten has no environment tag, so name-based rules get exercised.
    if (i === 0 || i <= SPECIALS.length || !rng.chance(0.1)) tags.environment = env;
    // A few generated accounts are suspended (never the hub or the shared accounts).
    const suspended = i > SPECIALS.length && (rng.chance(0.03) || (size >= 10 && i === size - 1));
    accounts.push({
      accountId,
      name,
      email: `aws+${name}@example.com`,
      state: suspended ? 'SUSPENDED' : 'ACTIVE',
      tags,
      joinedTimestamp: SYNTHETIC_EPOCH_MS - (size - i) * 86_400_000,
      roles: [{ ...role }],
      // Set from the OU tree once every account exists.
      parentId: '',
    });
  }
  return accounts;
}

function pickEnv(rng: Prng): string {
  let roll = rng.int(100);
  for (const { env, weight } of ENV_MIX) {
    if (roll < weight) return env;
    roll -= weight;
  }
  return 'dev';
}

const TOTAL_WEIGHT = RESOURCE_KINDS.reduce((sum, kind) => sum + kind.weight, 0);

function pickKind(rng: Prng): ResourceKind {
  let roll = rng.next() * TOTAL_WEIGHT;
  for (const kind of RESOURCE_KINDS) {
    if (roll < kind.weight) return kind;
    roll -= kind.weight;
  }
  return RESOURCE_KINDS[0]!;
}

function buildResources(
  rng: Prng,
  account: SimAccount,
  region: string,
  env: string,
  target: number,
): SimResource[] {
  const count = target === 0 ? 0 : Math.max(1, Math.round(target * (0.8 + rng.next() * 0.4)));
  const resources: SimResource[] = [
    { type: ACCOUNT_RESOURCE_TYPE, id: account.accountId, name: account.name, tags: {}, queryable: false },
  ];
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const kind = pickKind(rng);
    const base = `${account.name}-${rng.pick(RESOURCE_WORDS)}-${i}`;
    const { id, name } = kind.make(base, rng, account.accountId, region);
    if (seen.has(`${kind.type}|${id}`)) continue;
    seen.add(`${kind.type}|${id}`);
    resources.push({ type: kind.type, id, name, tags: buildTags(rng, env, name), queryable: kind.queryable });
  }
  return resources;
}

/**
 * Resources created on a later day: drawn like day 0's, named after their day so no id comes back
 * (a deleted resource stays deleted).
 */
function createResources(
  rng: Prng,
  where: {
    account: SimAccount;
    region: string;
    env: string;
    day: number;
    count: number;
    existing: ReadonlySet<string>;
  },
): SimResource[] {
  const { account, region, env, day, count } = where;
  const seen = new Set(where.existing);
  const created: SimResource[] = [];
  for (let i = 0; i < count; i++) {
    const kind = pickKind(rng);
    const base = `${account.name}-${rng.pick(RESOURCE_WORDS)}-d${day}-${i}`;
    const { id, name } = kind.make(base, rng, account.accountId, region);
    if (seen.has(`${kind.type}|${id}`)) continue;
    seen.add(`${kind.type}|${id}`);
    created.push({ type: kind.type, id, name, tags: buildTags(rng, env, name), queryable: kind.queryable });
  }
  return created;
}

function buildTags(rng: Prng, env: string, name: string): Record<string, string> {
  const roll = rng.next();
  // ~12 % untagged, ~18 % tagged without mox.* tags, the rest with some or all mox.* tags.
  if (roll < 0.12) return {};
  const tags: Record<string, string> = { Name: name };
  if (rng.chance(0.3)) tags['aws:cloudformation:stack-name'] = `${name.split('-')[0] ?? 'stack'}-stack`;
  if (rng.chance(0.2)) tags['created-by'] = 'terraform';
  if (roll < 0.3) return tags;
  tags['mox.owner'] = rng.pick(OWNERS);
  if (rng.chance(0.85)) tags['mox.team'] = rng.pick(TEAMS);
  if (rng.chance(0.8)) tags['mox.environment'] = env;
  if (rng.chance(0.7)) tags['mox.cost-center'] = `CC-${1000 + rng.int(40)}`;
  if (rng.chance(0.1)) tags['mox.data-classification'] = rng.pick(['public', 'internal', 'confidential']);
  return tags;
}
