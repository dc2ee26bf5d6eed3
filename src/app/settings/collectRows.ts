/**
 * Rows of the settings table for plan mode (which accounts, in which shards) and batch mode (how
 * each account-region is read).
 */
import { row } from './row.js';
import { accountIdList, bool, int, lowerCaseList, num, regionList, text } from './schemas.js';

/**
 * Default accounts per shard (also the deployed stack's default). Small enough that one batch Lambda
 * finishes well inside 15 minutes and its event loop stays rate-bound, not CPU-bound: 25 accounts ×
 * 2 regions at 5 req/s is 250 SDK calls/s (docs/performance.md, Collect).
 */
export const DEFAULT_SHARD_SIZE = 25;

/** Account tag keys (case-insensitive) that carry an environment label. */
export const DEFAULT_ENVIRONMENT_TAG_KEYS: readonly string[] = ['environment', 'env', 'mox.environment'];
/** Tag values (case-insensitive) that mean production; the same words the name rules use. */
export const DEFAULT_PROD_TAG_VALUES: readonly string[] = ['prod', 'prd', 'production', 'live'];
/** Tag values (case-insensitive) that mean non-production. Any other value leaves the account unlabelled. */
export const DEFAULT_NONPROD_TAG_VALUES: readonly string[] = [
  ...['nonprod', 'non-prod', 'non-production', 'nonproduction', 'nonprd', 'preprod', 'pre-prod'],
  ...['dev', 'devel', 'develop', 'development', 'test', 'testing', 'tst', 'qa', 'qas', 'uat', 'sit'],
  ...['stage', 'staging', 'stg', 'sandbox', 'sbx', 'int', 'integration', 'perf', 'demo', 'lab', 'poc'],
];

/** Plan and batch settings. */
export const COLLECT_ROWS = {
  regions: row({
    env: ['CONFIGREPORT_REGIONS'],
    flag: '--regions',
    commands: ['run', 'plan', 'batch', 'final', 'doctor'],
    file: 'regions',
    kind: 'list',
    schema: regionList(1, 40),
    // Rows resolve in table order: `region` (the hub's) is known by now.
    fallback: (resolved) => [resolved.region as string],
    to: ['plan.regions', 'batch.regions'],
    description: 'comma-separated regions to collect (default: the hub region)',
    defaultText: 'the hub region (`region`)',
    rule: 'region names like `us-east-1`; repeats dropped',
  }),
  shardSize: row({
    env: ['PLAN_SHARD_SIZE'],
    flag: '--shard-size',
    commands: ['run', 'plan'],
    file: 'shard_size',
    kind: 'number',
    schema: int(1, 1000),
    fallback: DEFAULT_SHARD_SIZE,
    to: ['plan.shardSize'],
    description: `maximum accounts per shard (default ${DEFAULT_SHARD_SIZE})`,
  }),
  readTags: row({
    env: ['PLAN_READ_TAGS'],
    file: 'read_tags',
    kind: 'bool',
    schema: bool,
    fallback: true,
    to: ['plan.readTags'],
    description: 'read account tags from Organizations (one ListTagsForResource per active account)',
  }),
  readOus: row({
    env: ['PLAN_READ_OUS'],
    file: 'read_ous',
    kind: 'bool',
    schema: bool,
    fallback: true,
    to: ['plan.readOus'],
    description:
      "read each account's OU path from Organizations (one ListParents per account and OU, one DescribeOrganizationalUnit per OU)",
  }),
  tagConcurrency: row({
    env: ['PLAN_TAG_CONCURRENCY'],
    file: 'tag_concurrency',
    kind: 'number',
    schema: int(1, 50),
    fallback: 5,
    to: ['plan.tagConcurrency'],
    description:
      'parallel ListTagsForResource calls, and parallel OU reads (Organizations publishes no rate, so stay polite)',
  }),
  environmentTagKeys: row({
    env: ['REPORT_ENVIRONMENT_TAG_KEYS'],
    file: 'environment_tag_keys',
    kind: 'list',
    schema: lowerCaseList,
    fallback: [...DEFAULT_ENVIRONMENT_TAG_KEYS],
    to: ['plan.environmentTagKeys', 'final.environmentTagKeys'],
    description:
      'tag keys (case-insensitive) whose value labels the environment: account tags, then resource tags as a last resort',
    rule: 'case-insensitive, tried in order',
  }),
  prodTagValues: row({
    env: ['PLAN_PROD_TAG_VALUES'],
    file: 'prod_tag_values',
    kind: 'list',
    schema: lowerCaseList,
    fallback: [...DEFAULT_PROD_TAG_VALUES],
    to: ['plan.prodTagValues', 'final.prodTagValues'],
    description: 'environment tag values (case-insensitive) that mean Prod (plan and final mode)',
    rule: 'case-insensitive',
  }),
  nonProdTagValues: row({
    env: ['PLAN_NONPROD_TAG_VALUES'],
    file: 'nonprod_tag_values',
    kind: 'list',
    schema: lowerCaseList,
    fallback: [...DEFAULT_NONPROD_TAG_VALUES],
    to: ['plan.nonProdTagValues', 'final.nonProdTagValues'],
    description: 'environment tag values (case-insensitive) that mean Non-Prod (plan and final mode)',
    rule: 'case-insensitive',
  }),
  excludeAccounts: row({
    env: ['PLAN_EXCLUDE_ACCOUNTS'],
    file: 'exclude_accounts',
    kind: 'list',
    schema: accountIdList,
    fallback: [],
    to: ['plan.excludeAccounts'],
    description: 'account ids never collected (listed in the manifest as EXCLUDED)',
    rule: '12-digit account ids',
  }),
  concurrency: row({
    env: ['CONFIGREPORT_CONCURRENCY'],
    file: 'concurrency',
    kind: 'number',
    schema: int(1, 1000),
    fallback: 100,
    to: ['batch.concurrency'],
    description: 'account-regions collected at once by one shard (each is paced on its own)',
  }),
  ruleConcurrency: row({
    env: ['CONFIGREPORT_RULE_CONCURRENCY'],
    file: 'rule_concurrency',
    kind: 'number',
    schema: int(1, 32),
    fallback: 4,
    to: ['batch.ruleConcurrency'],
    description: 'rules of one account-region read at once (the limiter still paces them)',
  }),
  ratePerSecond: row({
    env: ['CONFIGREPORT_RATE'],
    file: 'rate',
    kind: 'number',
    schema: num(0.1, 100),
    fallback: 5,
    to: ['pacing.ratePerSecond'],
    description: 'Config requests per second per account-region (client-side pacing)',
  }),
  burst: row({
    env: ['CONFIGREPORT_BURST'],
    file: 'burst',
    kind: 'number',
    schema: int(1, 100),
    fallback: 5,
    to: ['pacing.burst'],
    description: 'requests a fresh account-region may send at once before pacing starts',
  }),
  pageRetries: row({
    env: ['CONFIGREPORT_PAGE_RETRIES'],
    file: 'page_retries',
    kind: 'number',
    schema: int(0, 10),
    fallback: 3,
    to: ['pacing.pageRetries'],
    description: 'extra rounds per page after the SDK gives up on throttling or 5xx',
  }),
  tagPrefix: row({
    env: ['CONFIGREPORT_TAG_PREFIX'],
    flag: '--tag-prefix',
    commands: ['run', 'batch'],
    file: 'tag_prefix',
    kind: 'string',
    schema: text(128),
    fallback: 'mox.',
    to: ['batch.tagPrefix', 'run.tagPrefix'],
    description: 'ownership tag prefix of resources (default mox.)',
  }),
  deadlineMarginMs: row({
    env: ['CONFIGREPORT_DEADLINE_MARGIN_MS'],
    file: 'deadline_margin_ms',
    kind: 'number',
    schema: int(1000, 600_000),
    fallback: 30_000,
    to: ['batch.deadlineMarginMs'],
    description: 'Lambda time kept for writing the shard: no new work starts after that',
  }),
} as const;
