/**
 * Settings of plan mode, read once at the edge (Lambda handler or CLI) from the environment.
 * Event fields win over these; these win over the built-in defaults.
 */
import { type Env, getBoolean, getList, getNumber, getString, InvalidSettingError } from './env.js';

/**
 * Default accounts per shard (also the deployed stack's default). Small enough that one batch Lambda
 * finishes well inside 15 minutes, and that its event loop stays rate-bound, not CPU-bound: 25
 * accounts × 2 regions at 5 req/s is 250 SDK calls/s; measured (docs/performance.md, Collect), a
 * 25-account shard ends within 1.15× of the rate-limit bound even with a cold JIT, a 50-account
 * shard in 1.26–1.28×, and 100 accounts in one process is CPU-bound at 1.4–1.7×.
 */
export const DEFAULT_SHARD_SIZE = 25;
/** Default parallel ListTagsForResource calls: Organizations publishes no TPS, so stay polite. */
export const DEFAULT_TAG_CONCURRENCY = 5;
/** The spoke role name of the seed. */
export const DEFAULT_ROLE_NAME = 'configreport-read-role';
/** Account tag keys (case-insensitive) that carry an environment label. */
export const DEFAULT_ENVIRONMENT_TAG_KEYS: readonly string[] = ['environment', 'env', 'mox.environment'];
/** Tag values (case-insensitive) that mean production; the same words final mode's name rules use. */
export const DEFAULT_PROD_TAG_VALUES: readonly string[] = ['prod', 'prd', 'production', 'live'];
/** Tag values (case-insensitive) that mean non-production. Any other value leaves the account unlabelled. */
export const DEFAULT_NONPROD_TAG_VALUES: readonly string[] = [
  ...['nonprod', 'non-prod', 'non-production', 'nonproduction', 'nonprd', 'preprod', 'pre-prod'],
  ...['dev', 'devel', 'develop', 'development', 'test', 'testing', 'tst', 'qa', 'qas', 'uat', 'sit'],
  ...['stage', 'staging', 'stg', 'sandbox', 'sbx', 'int', 'integration', 'perf', 'demo', 'lab', 'poc'],
];

/** Resolved plan-mode settings. */
export interface PlanSettings {
  /** Maximum accounts per shard (shards are balanced, so most hold slightly fewer). */
  shardSize: number;
  /** Role name recorded in the manifest when the event gives none. */
  roleName: string;
  /** Regions recorded in the manifest when the event gives none. */
  regions: string[];
  /** Read account tags from Organizations (one ListTagsForResource per active account). */
  readTags: boolean;
  /** Parallel ListTagsForResource calls. */
  tagConcurrency: number;
  /** Account tag keys (case-insensitive) whose value labels the account Prod / Non-Prod. */
  environmentTagKeys: string[];
  prodTagValues: string[];
  nonProdTagValues: string[];
  /** Account ids never collected (listed in the manifest's skipped accounts as `EXCLUDED`). */
  excludeAccounts: string[];
  /** Role in the management / delegated-admin account to assume for Organizations calls. */
  organizationsRoleArn?: string;
  /** ExternalId for that role, when its trust policy asks for one. */
  organizationsExternalId?: string;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ACCOUNT_ID = /^\d{12}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/**
 * Reads plan settings. `hubRegion` is the fallback collection region (the function's own region).
 * @throws InvalidSettingError naming the variable when a value is unusable.
 */
export function readPlanSettings(env: Env, hubRegion: string): PlanSettings {
  const regions = getList(env, 'CONFIGREPORT_REGIONS', [hubRegion]);
  for (const region of regions) {
    if (!REGION.test(region))
      throw new InvalidSettingError(
        'CONFIGREPORT_REGIONS',
        `${JSON.stringify(region)} does not look like us-east-1`,
      );
  }
  const excludeAccounts = getList(env, 'PLAN_EXCLUDE_ACCOUNTS');
  for (const id of excludeAccounts) {
    if (!ACCOUNT_ID.test(id))
      throw new InvalidSettingError(
        'PLAN_EXCLUDE_ACCOUNTS',
        `${JSON.stringify(id)} is not a 12-digit account id`,
      );
  }
  const roleName = getString(env, 'CONFIGREPORT_ROLE_NAME', DEFAULT_ROLE_NAME);
  if (!ROLE_NAME.test(roleName))
    throw new InvalidSettingError(
      'CONFIGREPORT_ROLE_NAME',
      'must be 1-64 characters of letters, digits and +=,.@_-',
    );
  const settings: PlanSettings = {
    shardSize: getNumber(env, 'PLAN_SHARD_SIZE', DEFAULT_SHARD_SIZE, 1, 1000),
    roleName,
    regions: [...new Set(regions)],
    readTags: getBoolean(env, 'PLAN_READ_TAGS', true),
    tagConcurrency: getNumber(env, 'PLAN_TAG_CONCURRENCY', DEFAULT_TAG_CONCURRENCY, 1, 50),
    environmentTagKeys: lower(getList(env, 'REPORT_ENVIRONMENT_TAG_KEYS', DEFAULT_ENVIRONMENT_TAG_KEYS)),
    prodTagValues: lower(getList(env, 'PLAN_PROD_TAG_VALUES', DEFAULT_PROD_TAG_VALUES)),
    nonProdTagValues: lower(getList(env, 'PLAN_NONPROD_TAG_VALUES', DEFAULT_NONPROD_TAG_VALUES)),
    excludeAccounts,
  };
  if (!Number.isInteger(settings.shardSize))
    throw new InvalidSettingError('PLAN_SHARD_SIZE', 'must be an integer');
  if (!Number.isInteger(settings.tagConcurrency))
    throw new InvalidSettingError('PLAN_TAG_CONCURRENCY', 'must be an integer');
  const roleArn = getString(env, 'ORGANIZATIONS_ROLE_ARN');
  if (roleArn !== undefined) {
    if (!ROLE_ARN.test(roleArn))
      throw new InvalidSettingError(
        'ORGANIZATIONS_ROLE_ARN',
        'must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)',
      );
    settings.organizationsRoleArn = roleArn;
  }
  const externalId = getString(env, 'ORGANIZATIONS_EXTERNAL_ID');
  if (externalId !== undefined) settings.organizationsExternalId = externalId;
  return settings;
}

function lower(values: string[]): string[] {
  return values.map((value) => value.toLowerCase());
}
