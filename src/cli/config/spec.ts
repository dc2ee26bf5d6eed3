/**
 * Every CLI setting in one table: its flag, environment variables, config-file key, type, default
 * and validation. docs/configuration.md documents this table; tests check precedence against it.
 */
import { z } from 'zod';

/** How a raw string (flag or environment) becomes a value before validation. */
export type SettingKind = 'string' | 'int' | 'bool' | 'list';

/** One setting. */
export interface SettingSpec {
  /** The flag, as the user types it (`--shard-size`). */
  flag: string;
  /** Environment variables, first set one wins. */
  env: readonly string[];
  /** Key in the config file (snake_case, like the event fields). */
  file: string;
  kind: SettingKind;
  schema: z.ZodType;
  /** One line for `--help` and the docs. */
  description: string;
  /** Default when no source sets it (absent = unset). */
  fallback?: unknown;
}

const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must look like us-east-1');
const safeText = (max: number) =>
  z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** The settings table. Keys are the camelCase names commands use. */
export const SETTINGS = {
  bucket: {
    flag: '--bucket',
    env: ['REPORT_BUCKET'],
    file: 'bucket',
    kind: 'string',
    schema: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
    description: 'S3 bucket for plans, shards and reports (default: a local folder, see --out)',
  },
  prefix: {
    flag: '--prefix',
    env: ['REPORT_PREFIX'],
    file: 'prefix',
    kind: 'string',
    schema: z
      .string()
      .max(512, 'must be at most 512 characters')
      .refine(
        (p) => !p.split('/').some((part) => part === '.' || part === '..'),
        'must not contain "." or ".." segments',
      ),
    description: 'key prefix inside the bucket or folder',
    fallback: '',
  },
  out: {
    flag: '--out',
    env: ['CONFIGREPORT_OUT'],
    file: 'out',
    kind: 'string',
    schema: safeText(4096),
    description: 'local folder used as the store when no bucket is given',
    fallback: './out',
  },
  region: {
    flag: '--region',
    env: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
    file: 'region',
    kind: 'string',
    schema: region,
    description: 'hub region (STS, S3, and the default region to collect)',
    fallback: 'us-east-1',
  },
  regions: {
    flag: '--regions',
    env: ['CONFIGREPORT_REGIONS'],
    file: 'regions',
    kind: 'list',
    schema: z.array(region).min(1, 'must name at least one region').max(40, 'must name at most 40 regions'),
    description: 'comma-separated regions to collect (default: the hub region)',
  },
  roleName: {
    flag: '--role-name',
    env: ['CONFIGREPORT_ROLE_NAME'],
    file: 'role_name',
    kind: 'string',
    schema: z
      .string()
      .regex(/^[\w+=,.@-]{1,64}$/, 'must be an IAM role name (1-64 of letters, digits, +=,.@_-)'),
    description: 'role to assume in every account (default configreport-read-role)',
  },
  externalId: {
    flag: '--external-id',
    env: ['CONFIGREPORT_EXTERNAL_ID'],
    file: 'external_id',
    kind: 'string',
    schema: z.string().regex(/^[\w+=,.@:/-]{2,1224}$/, 'must be 2-1224 characters of [\\w+=,.@:/-]'),
    description: 'ExternalId for sts:AssumeRole into the accounts',
  },
  tagPrefix: {
    flag: '--tag-prefix',
    env: ['CONFIGREPORT_TAG_PREFIX'],
    file: 'tag_prefix',
    kind: 'string',
    schema: safeText(128),
    description: 'ownership tag prefix of resources (default mox.)',
  },
  groupId: {
    flag: '--group-id',
    env: ['CONFIGREPORT_GROUP_ID'],
    file: 'group_id',
    kind: 'string',
    schema: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,128}$/, 'may contain only letters, digits, ".", "_" and "-" (1-128)')
      .refine((id) => !id.includes('..'), 'must not contain ".."'),
    description: "report run id (default: today's date, UTC)",
  },
  shardSize: {
    flag: '--shard-size',
    env: ['PLAN_SHARD_SIZE'],
    file: 'shard_size',
    kind: 'int',
    schema: z
      .number()
      .int('must be an integer')
      .min(1, 'must be at least 1')
      .max(1000, 'must be at most 1000'),
    description: 'maximum accounts per shard (default 25)',
  },
  shardConcurrency: {
    flag: '--shard-concurrency',
    env: ['CONFIGREPORT_SHARD_CONCURRENCY'],
    file: 'shard_concurrency',
    kind: 'int',
    schema: z.number().int('must be an integer').min(1, 'must be at least 1').max(64, 'must be at most 64'),
    description: 'shards collected at the same time by run and demo (default 4)',
    fallback: 4,
  },
  accountsFile: {
    flag: '--accounts-file',
    env: ['CONFIGREPORT_ACCOUNTS_FILE'],
    file: 'accounts_file',
    kind: 'string',
    schema: safeText(4096),
    description: 'JSON or CSV list of accounts to collect instead of asking Organizations',
  },
  organizationsRoleArn: {
    flag: '--organizations-role-arn',
    env: ['ORGANIZATIONS_ROLE_ARN'],
    file: 'organizations_role_arn',
    kind: 'string',
    schema: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'must be an IAM role ARN'),
    description: 'role in the management / delegated-admin account for Organizations calls',
  },
  strict: {
    flag: '--strict',
    env: ['CONFIGREPORT_STRICT'],
    file: 'strict',
    kind: 'bool',
    schema: z.boolean(),
    description: 'exit 3 when the report was written but coverage is incomplete',
    fallback: false,
  },
} as const satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;

/** Resolved CLI settings. Optional ones are absent when no source sets them. */
export interface CliSettings {
  bucket?: string;
  prefix: string;
  out: string;
  region: string;
  regions?: string[];
  roleName?: string;
  externalId?: string;
  tagPrefix?: string;
  groupId?: string;
  shardSize?: number;
  shardConcurrency: number;
  accountsFile?: string;
  organizationsRoleArn?: string;
  strict: boolean;
}

/** Commander attribute name of a flag (`--shard-size` → `shardSize`). */
export function flagAttribute(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
