/**
 * The function's environment checked at synth time with the settings table the function itself
 * reads at start-up: a value the function would refuse fails `cdk synth` instead of every invocation.
 */
import { isInvalidSettingError } from '../../src/app/settings/InvalidSettingError.js';
import { loadSettings } from '../../src/app/settings/load.js';
import { SETTINGS } from '../../src/app/settings/table.js';
import { InvalidHubSettingError } from './InvalidHubSettingError.js';
import type { HubSettings } from './settings.js';

function check(condition: boolean, setting: string, message: string): void {
  if (!condition) throw new InvalidHubSettingError(`${setting}: ${message}`);
}

/** Stands in for the topic the stack creates (its ARN is only known at deploy time). */
const PLACEHOLDER_TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:placeholder';

/** Prefixes of the variables configreport reads: an unknown one in `environment` is a typo. */
const OUR_PREFIXES = ['CONFIGREPORT_', 'REPORT_', 'PLAN_', 'ORGANIZATIONS_'];
const KNOWN_VARIABLES = new Set(Object.values(SETTINGS).flatMap((row) => row.env));

/**
 * Validates the function's environment — the `environment` prop and the variables the stack derives
 * from other props — through the same settings table the function reads at start-up, so a value the
 * function would refuse fails `cdk synth` instead of every invocation.
 */
export function checkFunctionEnvironment(settings: HubSettings): void {
  for (const key of Object.keys(settings.environment))
    check(
      KNOWN_VARIABLES.has(key) || !OUR_PREFIXES.some((prefix) => key.startsWith(prefix)),
      'environment',
      `${key} is not a configreport setting (docs/configuration.md lists them)`,
    );
  const env: Record<string, string> = {
    ...settings.environment,
    // Placeholders for what only deployment knows; the real values are set by the stack.
    REPORT_BUCKET: 'placeholder-bucket',
    AWS_REGION: 'us-east-1',
    REPORT_PREFIX: settings.reportPrefix,
    CONFIGREPORT_ROLE_NAME: settings.readRoleName,
    PLAN_SHARD_SIZE: String(settings.shardSize),
    ...(settings.regions ? { CONFIGREPORT_REGIONS: settings.regions.join(',') } : {}),
    ...(settings.organizationsRoleArn ? { ORGANIZATIONS_ROLE_ARN: settings.organizationsRoleArn } : {}),
    ...(settings.notifyTopicArn || settings.notifyEmail
      ? { REPORT_NOTIFY_TOPIC_ARN: settings.notifyTopicArn ?? PLACEHOLDER_TOPIC_ARN }
      : {}),
  };
  try {
    loadSettings({ env, surface: 'lambda' });
  } catch (error) {
    if (isInvalidSettingError(error)) throw new InvalidHubSettingError(`environment: ${error.message}`);
    throw error;
  }
}
