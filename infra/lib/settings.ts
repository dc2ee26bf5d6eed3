/**
 * The hub's deploy-time settings: every prop with its default, validated once so a bad value fails
 * `cdk synth` with a message naming the setting instead of failing a deployment half-way.
 */

import { DEFAULT_SHARD_SIZE } from '../../src/app/settings/collectRows.js';
import type { EventAccount } from '../../src/core/event.js';
import { parseEvent } from '../../src/core/event.js';
import {
  EXTERNAL_ID_PATTERN,
  REGION_PATTERN,
  ROLE_ARN_PATTERN,
  ROLE_NAME_PATTERN,
  SNS_TOPIC_ARN_PATTERN,
} from '../../src/core/ids.js';
import { normalizePrefix } from '../../src/core/keys.js';
import { checkFunctionEnvironment } from './functionEnvironment.js';
import { InvalidHubSettingError } from './InvalidHubSettingError.js';
import { DEFAULT_HUB_ROLE_NAME, DEFAULT_READ_ROLE_NAME } from './permissions.js';
import { FIND_ORGANIZATION_ID, ORGANIZATION_ID_PATTERN } from './trust.js';

/** How the daily run is orchestrated. */
export type Topology = 'stepfunctions' | 'seed';

/** Settings of the seed topology (static shard payloads, no plan, no state machine). */
export interface SeedTopologySettings {
  /** The accounts to collect; cut into shards of `shardSize` in the given order. */
  readonly accounts: readonly EventAccount[];
  /** Accounts per shard (default 25). */
  readonly shardSize?: number;
  /**
   * The group id in every payload (default `daily`). EventBridge payloads are static, so the seed
   * topology cannot stamp the date: every run reuses this group and the report is dated by run day.
   */
  readonly groupId?: string;
  /** Scheduler expression of the final (reduce) schedule; default one hour after the batches. */
  readonly finalScheduleExpression?: string;
}

/** Everything `HubStack` can be told. All optional but `organizationId`. */
export interface HubSettingsInput {
  readonly topology?: Topology;
  /** REPORT_PREFIX: all keys live under it (default none). */
  readonly reportPrefix?: string;
  /** Name of the read role in the spoke accounts (default `configreport-read-role`). */
  readonly readRoleName?: string;
  /** Name of the function's execution role (default `configreport-hub-role`). */
  readonly hubRoleName?: string;
  /**
   * `o-…`, **required**: the function may assume the read role only in accounts of this organization
   * (`aws:ResourceOrgID`). Optional in the type only because CDK context may lack it; resolving the
   * settings without it fails, naming it (`aws organizations describe-organization --query
   * Organization.Id` prints it).
   */
  readonly organizationId?: string;
  /** Role in the management or delegated-admin account for Organizations calls (plan mode). */
  readonly organizationsRoleArn?: string;
  /** ExternalId sent with every AssumeRole into a spoke. */
  readonly externalId?: string;
  /** Regions to read in every account (default: the hub's region). */
  readonly regions?: readonly string[];
  /** Accounts per shard in plan mode (default 25). */
  readonly shardSize?: number;
  /** Shards collected at the same time by the Map state (1–40, default 10). */
  readonly maxConcurrency?: number;
  /** Days before `batches/` and `plans/` objects expire (default 14). */
  readonly intermediateRetentionDays?: number;
  /** Days a report's overwritten (noncurrent) versions are kept (default 90). */
  readonly noncurrentVersionRetentionDays?: number;
  /**
   * Days a final run's own folder (`reports/runs/<group>/<run>/`) is kept (default 35). The published
   * report set beside it is not affected; only a manifest older than this points at an expired run.
   */
  readonly runRetentionDays?: number;
  /** Days before reports expire (default: kept forever). */
  readonly reportRetentionDays?: number;
  /** Bucket encryption: S3-managed keys (default) or a customer-managed KMS key. */
  readonly encryption?: 's3' | 'kms';
  /** Server access logs for the report bucket into a separate log bucket (default true). */
  readonly serverAccessLogs?: boolean;
  /** Function memory in MB (default 3008). */
  readonly memoryMiB?: number;
  /** Function timeout in seconds (default 900, the Lambda maximum). */
  readonly timeoutSeconds?: number;
  /** Days of log retention for the function and the state machine (default 90). */
  readonly logRetentionDays?: number;
  /** POWERTOOLS_LOG_LEVEL (default INFO). */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Extra environment variables for the function (documented optional settings). */
  readonly environment?: Readonly<Record<string, string>>;
  /** Reserved concurrency of the function (default none). */
  readonly reservedConcurrency?: number;
  /** EventBridge Scheduler expression of the daily run (default `cron(0 6 * * ? *)`). */
  readonly scheduleExpression?: string;
  /** IANA time zone of the schedule (default UTC). */
  readonly scheduleTimeZone?: string;
  /** Whether the schedule is enabled (default true). */
  readonly scheduleEnabled?: boolean;
  /** Longest a state machine execution may run, in minutes (default 360). */
  readonly executionTimeoutMinutes?: number;
  /** Email address subscribed to the alarm topic (optional). */
  readonly alarmEmail?: string;
  /**
   * Email address told when a report is published (headline and download links) or final mode
   * fails: the stack creates the report topic (KMS-encrypted, TLS only) and subscribes it.
   */
  readonly notifyEmail?: string;
  /** An existing standard SNS topic to tell instead (the function may publish to it). */
  readonly notifyTopicArn?: string;
  /** The KMS key of that existing topic, when it is encrypted with a customer managed key. */
  readonly notifyTopicKeyArn?: string;
  /** Seed topology settings (required when topology is `seed`). */
  readonly seed?: SeedTopologySettings;
}

/** Settings with every default applied. */
export interface HubSettings {
  readonly topology: Topology;
  readonly reportPrefix: string;
  readonly readRoleName: string;
  readonly hubRoleName: string;
  readonly organizationId: string;
  readonly organizationsRoleArn: string | undefined;
  readonly externalId: string | undefined;
  readonly regions: readonly string[] | undefined;
  readonly shardSize: number;
  readonly maxConcurrency: number;
  readonly intermediateRetentionDays: number;
  readonly noncurrentVersionRetentionDays: number;
  readonly runRetentionDays: number;
  readonly reportRetentionDays: number | undefined;
  readonly encryption: 's3' | 'kms';
  readonly serverAccessLogs: boolean;
  readonly memoryMiB: number;
  readonly timeoutSeconds: number;
  readonly logRetentionDays: number;
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  readonly environment: Readonly<Record<string, string>>;
  readonly reservedConcurrency: number | undefined;
  readonly scheduleExpression: string;
  readonly scheduleTimeZone: string;
  readonly scheduleEnabled: boolean;
  readonly executionTimeoutMinutes: number;
  readonly alarmEmail: string | undefined;
  readonly notifyEmail: string | undefined;
  readonly notifyTopicArn: string | undefined;
  readonly notifyTopicKeyArn: string | undefined;
  readonly seed: Required<SeedTopologySettings> | undefined;
}

export { InvalidHubSettingError } from './InvalidHubSettingError.js';

/** Variables the stack sets itself from other settings; `environment` must not override them. */
const RESERVED_ENV: Readonly<Record<string, string>> = {
  REPORT_BUCKET: 'the stack',
  REPORT_PREFIX: 'reportPrefix',
  AWS_REGION: 'Lambda',
  NODE_OPTIONS: 'the stack',
  CONFIGREPORT_ROLE_NAME: 'readRoleName',
  CONFIGREPORT_REGIONS: 'regions',
  PLAN_SHARD_SIZE: 'shardSize',
  ORGANIZATIONS_ROLE_ARN: 'organizationsRoleArn',
  REPORT_NOTIFY_TOPIC_ARN: 'notifyEmail or notifyTopicArn',
};
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const SCHEDULE_EXPRESSION = /^(cron\([^()]+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\))$/;

function check(condition: boolean, setting: string, message: string): void {
  if (!condition) throw new InvalidHubSettingError(`${setting}: ${message}`);
}

function intIn(value: number | undefined, fallback: number, setting: string, min: number, max: number) {
  const v = value ?? fallback;
  check(Number.isInteger(v) && v >= min && v <= max, setting, `must be an integer from ${min} to ${max}`);
  return v;
}

/**
 * The organization the hub may assume the read role in. Required: without it the AssumeRole grant
 * (`arn:…:iam::*:role/<readRoleName>`) would reach a role of that name in any AWS account.
 */
function requireOrganizationId(organizationId: string | undefined): string {
  check(
    organizationId !== undefined,
    'organizationId',
    'required: the hub assumes the read role only in accounts of your organization (aws:ResourceOrgID). ' +
      `Find it with \`${FIND_ORGANIZATION_ID}\` and pass it as -c organizationId=o-… (or the organizationId prop)`,
  );
  check(ORGANIZATION_ID_PATTERN.test(organizationId!), 'organizationId', 'must look like o-abc123defg');
  return organizationId!;
}

/** The default final schedule: one hour after a `cron(m h …)` batch schedule, else 07:00. */
function finalAfter(batchExpression: string): string {
  const cron = /^cron\((\d+) (\d+) (.+)\)$/.exec(batchExpression);
  if (!cron) return 'cron(0 7 * * ? *)';
  const [, minute, hour, rest] = cron;
  return `cron(${minute} ${(Number(hour) + 1) % 24} ${rest})`;
}

/**
 * Applies defaults and validates.
 * @throws InvalidHubSettingError naming the first bad setting.
 */
export function resolveHubSettings(input: HubSettingsInput = {}): HubSettings {
  const topology = input.topology ?? 'stepfunctions';
  check(['stepfunctions', 'seed'].includes(topology), 'topology', 'must be "stepfunctions" or "seed"');
  let reportPrefix: string;
  try {
    reportPrefix = normalizePrefix(input.reportPrefix);
  } catch (error) {
    throw new InvalidHubSettingError(`reportPrefix: ${(error as Error).message}`);
  }
  const readRoleName = input.readRoleName ?? DEFAULT_READ_ROLE_NAME;
  check(ROLE_NAME_PATTERN.test(readRoleName), 'readRoleName', 'must be 1-64 characters of [\\w+=,.@-]');
  const hubRoleName = input.hubRoleName ?? DEFAULT_HUB_ROLE_NAME;
  check(ROLE_NAME_PATTERN.test(hubRoleName), 'hubRoleName', 'must be 1-64 characters of [\\w+=,.@-]');
  const organizationId = requireOrganizationId(input.organizationId);
  if (input.organizationsRoleArn !== undefined)
    check(
      ROLE_ARN_PATTERN.test(input.organizationsRoleArn),
      'organizationsRoleArn',
      'must be an IAM role ARN',
    );
  if (input.externalId !== undefined)
    check(EXTERNAL_ID_PATTERN.test(input.externalId), 'externalId', 'must be 2-1224 of [\\w+=,.@:/-]');
  if (input.regions !== undefined)
    check(
      input.regions.length > 0 && input.regions.every((r) => REGION_PATTERN.test(r)),
      'regions',
      'must be a non-empty list of region names like us-east-1',
    );
  for (const key of Object.keys(input.environment ?? {}))
    check(!(key in RESERVED_ENV), 'environment', `${key} is set from ${RESERVED_ENV[key]}; set that instead`);
  const scheduleExpression = input.scheduleExpression ?? 'cron(0 6 * * ? *)';
  check(SCHEDULE_EXPRESSION.test(scheduleExpression), 'scheduleExpression', 'must be cron(...) or rate(...)');
  const timeoutSeconds = intIn(input.timeoutSeconds, 900, 'timeoutSeconds', 60, 900);
  const settings: HubSettings = {
    topology,
    reportPrefix,
    readRoleName,
    hubRoleName,
    organizationId,
    organizationsRoleArn: input.organizationsRoleArn,
    externalId: input.externalId,
    regions: input.regions,
    shardSize: intIn(input.shardSize, DEFAULT_SHARD_SIZE, 'shardSize', 1, 1000),
    maxConcurrency: intIn(input.maxConcurrency, 10, 'maxConcurrency', 1, 40),
    intermediateRetentionDays: intIn(
      input.intermediateRetentionDays,
      14,
      'intermediateRetentionDays',
      1,
      3650,
    ),
    noncurrentVersionRetentionDays: intIn(
      input.noncurrentVersionRetentionDays,
      90,
      'noncurrentVersionRetentionDays',
      1,
      3650,
    ),
    runRetentionDays: intIn(input.runRetentionDays, 35, 'runRetentionDays', 1, 3650),
    reportRetentionDays:
      input.reportRetentionDays === undefined
        ? undefined
        : intIn(input.reportRetentionDays, 0, 'reportRetentionDays', 1, 36500),
    encryption: input.encryption ?? 's3',
    serverAccessLogs: input.serverAccessLogs ?? true,
    memoryMiB: intIn(input.memoryMiB, 3008, 'memoryMiB', 512, 10240),
    timeoutSeconds,
    logRetentionDays: intIn(input.logRetentionDays, 90, 'logRetentionDays', 1, 3653),
    logLevel: input.logLevel ?? 'INFO',
    environment: input.environment ?? {},
    reservedConcurrency:
      input.reservedConcurrency === undefined
        ? undefined
        : intIn(input.reservedConcurrency, 0, 'reservedConcurrency', 1, 1000),
    scheduleExpression,
    scheduleTimeZone: input.scheduleTimeZone ?? 'UTC',
    scheduleEnabled: input.scheduleEnabled ?? true,
    executionTimeoutMinutes: intIn(input.executionTimeoutMinutes, 360, 'executionTimeoutMinutes', 20, 525600),
    alarmEmail: input.alarmEmail,
    ...notifySettings(input),
    seed: undefined,
  };
  check(['s3', 'kms'].includes(settings.encryption), 'encryption', 'must be "s3" or "kms"');
  if (input.alarmEmail !== undefined)
    check(EMAIL.test(input.alarmEmail), 'alarmEmail', 'must be an email address');
  checkFunctionEnvironment(settings);
  if (topology === 'seed') return { ...settings, seed: resolveSeed(input.seed, settings) };
  return settings;
}

/** Who is told about reports: a topic the stack creates for an email, or an existing topic. */
function notifySettings(
  input: HubSettingsInput,
): Pick<HubSettings, 'notifyEmail' | 'notifyTopicArn' | 'notifyTopicKeyArn'> {
  const { notifyEmail, notifyTopicArn, notifyTopicKeyArn } = input;
  if (notifyEmail !== undefined) check(EMAIL.test(notifyEmail), 'notifyEmail', 'must be an email address');
  if (notifyTopicArn !== undefined) {
    check(
      SNS_TOPIC_ARN_PATTERN.test(notifyTopicArn),
      'notifyTopicArn',
      'must be a standard SNS topic ARN (arn:aws:sns:<region>:<account>:<name>, not .fifo)',
    );
    check(
      notifyEmail === undefined,
      'notifyEmail',
      'give notifyEmail (the stack creates a topic) or notifyTopicArn (an existing topic), not both',
    );
  }
  if (notifyTopicKeyArn !== undefined) {
    check(notifyTopicArn !== undefined, 'notifyTopicKeyArn', 'is the key of notifyTopicArn: set that too');
    check(KMS_KEY_ARN.test(notifyTopicKeyArn), 'notifyTopicKeyArn', 'must be a KMS key ARN');
  }
  return { notifyEmail, notifyTopicArn, notifyTopicKeyArn };
}

function resolveSeed(
  seed: SeedTopologySettings | undefined,
  hub: HubSettings,
): Required<SeedTopologySettings> {
  check(seed !== undefined && seed.accounts.length > 0, 'seed.accounts', 'the seed topology needs accounts');
  const accounts = seed!.accounts;
  const shardSize = intIn(seed!.shardSize, DEFAULT_SHARD_SIZE, 'seed.shardSize', 1, 1000);
  const groupId = seed!.groupId ?? 'daily';
  const finalScheduleExpression = seed!.finalScheduleExpression ?? finalAfter(hub.scheduleExpression);
  check(
    SCHEDULE_EXPRESSION.test(finalScheduleExpression),
    'seed.finalScheduleExpression',
    'must be cron(...) or rate(...)',
  );
  const ids = new Set(accounts.map((a) => a.account_id));
  check(ids.size === accounts.length, 'seed.accounts', 'lists an account id more than once');
  // Validate every account through the Lambda's own event contract, so synth fails, not the schedule.
  try {
    parseEvent({ mode: 'batch', group_id: groupId, shard_id: '01', role_name: hub.readRoleName, accounts });
  } catch (error) {
    throw new InvalidHubSettingError(`seed: ${(error as Error).message}`);
  }
  return { accounts, shardSize, groupId, finalScheduleExpression };
}
