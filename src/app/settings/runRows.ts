/**
 * Rows of the settings table for where things are stored, the hub's AWS clients and the CLI's own
 * run (group id, accounts file, strictness).
 */
import { z } from 'zod';
import { HTTP_CLIENTS } from '../../aws/clientConfig.js';
import { EXTERNAL_ID_PATTERN, ROLE_ARN_PATTERN, ROLE_NAME_PATTERN } from '../../core/ids.js';
import { normalizePrefix } from '../../core/keys.js';
import { row } from './row.js';
import { bool, int, matching, regionName, text } from './schemas.js';

/** The seed's spoke role name. */
export const DEFAULT_READ_ROLE_NAME = 'configreport-read-role';

const prefix = z
  .string({ error: 'must be text' })
  .max(512, 'must be at most 512 characters')
  .refine(
    (p) => !p.split('/').some((part) => part === '.' || part === '..'),
    'must not contain "." or ".." segments',
  )
  .transform((p) => normalizePrefix(p));

/** Storage, AWS client and CLI-run settings. */
export const RUN_ROWS = {
  bucket: row({
    env: ['REPORT_BUCKET'],
    flag: '--bucket',
    commands: ['run', 'plan', 'batch', 'final', 'doctor'],
    file: 'bucket',
    kind: 'string',
    schema: matching(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'is not an S3 bucket name'),
    requiredInLambda: true,
    to: ['store.bucket'],
    description: 'S3 bucket for plans, shards and reports (default: a local folder, see --out)',
    defaultText: 'a local folder (`out`)',
    rule: 'an S3 bucket name: 3–63 of `a-z`, `0-9`, `.`, `-`',
  }),
  prefix: row({
    env: ['REPORT_PREFIX'],
    flag: '--prefix',
    commands: ['run', 'plan', 'batch', 'final', 'doctor'],
    file: 'prefix',
    kind: 'string',
    schema: prefix,
    fallback: '',
    to: ['store.prefix'],
    description: 'key prefix inside the bucket or folder',
    rule: 'no `.` or `..` segments; stored without a leading `/` and with one trailing `/`',
  }),
  out: row({
    env: ['CONFIGREPORT_OUT'],
    flag: '--out',
    commands: ['run', 'plan', 'batch', 'final', 'doctor'],
    file: 'out',
    kind: 'string',
    schema: text(4096),
    fallback: './out',
    to: ['store.out'],
    description: 'local folder used as the store when no bucket is given',
    rule: 'relative to the config file when set there, else to the working folder',
  }),
  region: row({
    env: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
    flag: '--region',
    commands: ['run', 'plan', 'batch', 'final', 'doctor'],
    file: 'region',
    kind: 'string',
    schema: regionName,
    fallback: 'us-east-1',
    requiredInLambda: true,
    to: ['aws.region'],
    description: 'hub region (STS, S3, and the default region to collect)',
    rule: 'a region name like `us-east-1`',
  }),
  maxAttempts: row({
    env: ['CONFIGREPORT_MAX_ATTEMPTS'],
    file: 'max_attempts',
    kind: 'number',
    schema: int(1, 30),
    fallback: 10,
    to: ['aws.maxAttempts', 'pacing.maxAttempts'],
    description:
      "SDK attempts per call (the SDK's default of 3 lets Config throttling escape almost at once)",
  }),
  httpClient: row({
    env: ['CONFIGREPORT_HTTP_CLIENT'],
    file: 'http_client',
    kind: 'string',
    schema: z.enum(HTTP_CLIENTS, {
      error: (i) => `${JSON.stringify(i.input)} is not one of ${HTTP_CLIENTS.join(', ')}`,
    }),
    fallback: 'undici',
    to: ['aws.configHttpClient', 'pacing.httpClient'],
    description: 'HTTP client of the Config clients: undici (less CPU per call) or node (the SDK default)',
  }),
  roleName: row({
    env: ['CONFIGREPORT_ROLE_NAME'],
    flag: '--role-name',
    commands: ['run', 'plan', 'batch', 'doctor'],
    file: 'role_name',
    kind: 'string',
    schema: matching(ROLE_NAME_PATTERN, 'is not an IAM role name (1-64 of letters, digits, +=,.@_-)'),
    fallback: DEFAULT_READ_ROLE_NAME,
    to: ['plan.roleName', 'run.roleName'],
    description: `role to assume in every account (default ${DEFAULT_READ_ROLE_NAME})`,
    rule: 'an IAM role name: 1–64 of letters, digits, `+=,.@_-`',
  }),
  externalId: row({
    env: ['CONFIGREPORT_EXTERNAL_ID'],
    flag: '--external-id',
    commands: ['run', 'batch', 'doctor'],
    file: 'external_id',
    kind: 'string',
    schema: matching(EXTERNAL_ID_PATTERN, 'is not an ExternalId (2-1224 characters of [\\w+=,.@:/-])'),
    to: ['run.externalId'],
    description: 'ExternalId for sts:AssumeRole into the accounts',
    rule: 'an ExternalId: 2–1224 of letters, digits, `+=,.@:/_-`',
  }),
  groupId: row({
    env: ['CONFIGREPORT_GROUP_ID'],
    flag: '--group-id',
    commands: ['run', 'plan', 'batch', 'final'],
    file: 'group_id',
    kind: 'string',
    schema: matching(
      /^[A-Za-z0-9._-]{1,128}$/,
      'may contain only letters, digits, ".", "_" and "-" (1-128)',
    ).refine((id) => !id.includes('..'), 'must not contain ".."'),
    to: ['run.groupId'],
    description: "report run id (default: today's date, UTC)",
    defaultText: "today's date (UTC), `YYYY-MM-DD`",
    rule: '1–128 of letters, digits, `.`, `_`, `-`; no `..`',
  }),
  shardConcurrency: row({
    env: ['CONFIGREPORT_SHARD_CONCURRENCY'],
    flag: '--shard-concurrency',
    commands: ['run'],
    file: 'shard_concurrency',
    kind: 'number',
    schema: int(1, 64),
    fallback: 4,
    to: ['run.shardConcurrency'],
    description: 'shards collected at the same time by run and demo (default 4)',
  }),
  accountsFile: row({
    env: ['CONFIGREPORT_ACCOUNTS_FILE'],
    flag: '--accounts-file',
    commands: ['run', 'plan', 'doctor'],
    file: 'accounts_file',
    kind: 'string',
    schema: text(4096),
    to: ['run.accountsFile'],
    description: 'JSON or CSV list of accounts to collect instead of asking Organizations',
    defaultText: 'none: ask Organizations',
    rule: 'relative to the config file when set there, else to the working folder',
  }),
  organizationsRoleArn: row({
    env: ['ORGANIZATIONS_ROLE_ARN'],
    flag: '--organizations-role-arn',
    commands: ['run', 'plan', 'doctor'],
    file: 'organizations_role_arn',
    kind: 'string',
    schema: matching(ROLE_ARN_PATTERN, 'is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)'),
    to: ['plan.organizationsRoleArn'],
    description: 'role in the management / delegated-admin account for Organizations calls',
    defaultText: "none: the hub's own credentials",
    rule: 'an IAM role ARN: `arn:aws:iam::<account>:role/<name>`',
  }),
  organizationsExternalId: row({
    env: ['ORGANIZATIONS_EXTERNAL_ID'],
    file: 'organizations_external_id',
    kind: 'string',
    schema: matching(EXTERNAL_ID_PATTERN, 'is not an ExternalId (2-1224 characters of [\\w+=,.@:/-])'),
    to: ['plan.organizationsExternalId'],
    description: 'ExternalId for the Organizations role, when its trust policy asks for one',
    rule: 'an ExternalId: 2–1224 of letters, digits, `+=,.@:/_-`',
  }),
  strict: row({
    env: ['CONFIGREPORT_STRICT'],
    flag: '--strict',
    commands: ['run', 'batch', 'final'],
    file: 'strict',
    kind: 'bool',
    schema: bool,
    fallback: false,
    to: ['run.strict'],
    description: 'exit 3 when the report was written but coverage is incomplete',
  }),
} as const;
