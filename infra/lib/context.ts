/**
 * Deploy-time settings from CDK context (`cdk deploy -c key=value` or `cdk.json` "context"), so
 * nobody edits code to deploy. `-c` values arrive as strings; lists and objects may be given as JSON.
 */
import { readFileSync } from 'node:fs';
import type { StackProps } from 'aws-cdk-lib';
import { ConfigReportError, ErrorKind } from '../../src/core/errors.js';
import type { EventAccount } from '../../src/core/event.js';
import { DEFAULT_HUB_ROLE_NAME } from './permissions.js';
import type { SpokeStackProps } from './SpokeStack.js';
import type { HubSettingsInput, Topology } from './settings.js';

/** Reads one context key (as `app.node.tryGetContext`). */
export type ContextReader = (key: string) => unknown;

/** Thrown for a context value of the wrong shape; names the key. */
export class InvalidContextError extends ConfigReportError {
  override readonly name = 'InvalidContextError';
  readonly kind = ErrorKind.InvalidInput;
}

function str(ctx: ContextReader, key: string): string | undefined {
  const value = ctx(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new InvalidContextError(`${key}: must be a string`);
  return value;
}

function num(ctx: ContextReader, key: string): number | undefined {
  const value = ctx(key);
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new InvalidContextError(`${key}: must be a number, got ${String(value)}`);
  return n;
}

function bool(ctx: ContextReader, key: string): boolean | undefined {
  const value = ctx(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InvalidContextError(`${key}: must be true or false`);
}

function json(ctx: ContextReader, key: string): unknown {
  const value = ctx(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new InvalidContextError(`${key}: must be JSON`);
  }
}

function list(ctx: ContextReader, key: string): string[] | undefined {
  const value = ctx(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string')
    return value.trim().startsWith('[')
      ? (json(ctx, key) as string[])
      : value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean);
  throw new InvalidContextError(`${key}: must be a list`);
}

const defined = <T extends object>(obj: T): T =>
  Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;

/** Seed accounts from `seedAccounts` (JSON) or `seedAccountsFile` (a JSON file: array or {accounts}). */
function seedAccounts(ctx: ContextReader): EventAccount[] | undefined {
  const file = str(ctx, 'seedAccountsFile');
  const raw = file ? JSON.parse(readFileSync(file, 'utf8')) : json(ctx, 'seedAccounts');
  if (raw === undefined) return undefined;
  const accounts = Array.isArray(raw) ? raw : (raw as { accounts?: unknown }).accounts;
  if (!Array.isArray(accounts))
    throw new InvalidContextError('seedAccounts: must be a JSON array of {account_id, account_name}');
  return accounts as EventAccount[];
}

/** Hub settings from context; unset keys keep the stack's defaults. */
export function hubSettingsFromContext(ctx: ContextReader): HubSettingsInput {
  const accounts = seedAccounts(ctx);
  const environment = json(ctx, 'environment');
  if (environment !== undefined && (typeof environment !== 'object' || Array.isArray(environment)))
    throw new InvalidContextError('environment: must be a JSON object of strings');
  return defined({
    topology: str(ctx, 'topology') as Topology | undefined,
    reportPrefix: str(ctx, 'reportPrefix'),
    readRoleName: str(ctx, 'readRoleName'),
    hubRoleName: str(ctx, 'hubRoleName'),
    organizationId: str(ctx, 'organizationId'),
    organizationsRoleArn: str(ctx, 'organizationsRoleArn'),
    externalId: str(ctx, 'externalId'),
    regions: list(ctx, 'regions'),
    shardSize: num(ctx, 'shardSize'),
    maxConcurrency: num(ctx, 'maxConcurrency'),
    intermediateRetentionDays: num(ctx, 'intermediateRetentionDays'),
    noncurrentVersionRetentionDays: num(ctx, 'noncurrentVersionRetentionDays'),
    runRetentionDays: num(ctx, 'runRetentionDays'),
    reportRetentionDays: num(ctx, 'reportRetentionDays'),
    encryption: str(ctx, 'encryption') as 's3' | 'kms' | undefined,
    serverAccessLogs: bool(ctx, 'serverAccessLogs'),
    memoryMiB: num(ctx, 'memoryMiB'),
    timeoutSeconds: num(ctx, 'timeoutSeconds'),
    logRetentionDays: num(ctx, 'logRetentionDays'),
    logLevel: str(ctx, 'logLevel') as HubSettingsInput['logLevel'],
    environment: environment as Record<string, string> | undefined,
    reservedConcurrency: num(ctx, 'reservedConcurrency'),
    scheduleExpression: str(ctx, 'scheduleExpression'),
    scheduleTimeZone: str(ctx, 'scheduleTimeZone'),
    scheduleEnabled: bool(ctx, 'scheduleEnabled'),
    executionTimeoutMinutes: num(ctx, 'executionTimeoutMinutes'),
    alarmEmail: str(ctx, 'alarmEmail'),
    notifyEmail: str(ctx, 'notifyEmail'),
    notifyTopicArn: str(ctx, 'notifyTopicArn'),
    notifyTopicKeyArn: str(ctx, 'notifyTopicKeyArn'),
    seed: accounts
      ? defined({
          accounts,
          shardSize: num(ctx, 'seedShardSize'),
          groupId: str(ctx, 'seedGroupId'),
          finalScheduleExpression: str(ctx, 'seedFinalScheduleExpression'),
        })
      : undefined,
  } satisfies Record<keyof HubSettingsInput, unknown>) as HubSettingsInput;
}

/**
 * Spoke props from context. The hub role ARN is `hubRoleArn`, or built from `hubAccountId` and the
 * hub role name (the hub's role has a fixed name so the ARN is known before the hub is deployed).
 * `trustedPrincipals` is a comma list or a JSON array of role ARNs and Identity Center role patterns.
 */
export function spokePropsFromContext(ctx: ContextReader): Omit<SpokeStackProps, keyof StackProps> {
  const hubAccountId = str(ctx, 'hubAccountId');
  if (hubAccountId !== undefined && !/^\d{12}$/.test(hubAccountId))
    throw new InvalidContextError('hubAccountId: must be 12 digits');
  const partition = str(ctx, 'partition') ?? 'aws';
  const hubRoleName = str(ctx, 'hubRoleName') ?? DEFAULT_HUB_ROLE_NAME;
  const hubRoleArn =
    str(ctx, 'hubRoleArn') ??
    (hubAccountId ? `arn:${partition}:iam::${hubAccountId}:role/${hubRoleName}` : undefined);
  // Without either, the template asks for the HubRoleArn parameter (StackSet parameter); likewise
  // without trustedPrincipals, for the TrustedPrincipals/TrustedPrincipalAccounts parameters.
  return defined<Record<string, string | string[] | undefined>>({
    hubRoleArn,
    readRoleName: str(ctx, 'readRoleName'),
    externalId: str(ctx, 'externalId'),
    organizationId: str(ctx, 'organizationId'),
    trustedPrincipals: list(ctx, 'trustedPrincipals'),
  }) as Omit<SpokeStackProps, keyof StackProps>;
}
