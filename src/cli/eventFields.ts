/**
 * Maps CLI settings onto event fields. Precedence for an event field: an explicit flag, then the
 * field in `--event`, then the environment / config file / default value of the setting.
 */

import type { SettingName } from '../app/settings/types.js';
import type { ResolvedSettings } from './config/resolve.js';

/** Today's date (UTC) as a group id: the daily report's natural id. */
export function defaultGroupId(now: Date): string {
  return now.toISOString().slice(0, 10);
}

const FIELDS: Record<'plan' | 'batch' | 'final', [field: string, setting: SettingName][]> = {
  plan: [
    ['group_id', 'groupId'],
    ['regions', 'regions'],
    ['role_name', 'roleName'],
    ['shard_size', 'shardSize'],
    ['organizations_role_arn', 'organizationsRoleArn'],
  ],
  batch: [
    ['group_id', 'groupId'],
    ['regions', 'regions'],
    ['role_name', 'roleName'],
    ['external_id', 'externalId'],
    ['tag_prefix', 'tagPrefix'],
  ],
  final: [
    ['group_id', 'groupId'],
    ['regions', 'regions'],
  ],
};

/**
 * Fills or overrides event fields from settings: flags always win; environment and file values only
 * fill fields the event does not have; built-in defaults never do (the modes apply their own, and an
 * event without `regions` must still fall back to its plan's regions).
 */
export function applySettingsToEvent(
  event: Record<string, unknown>,
  mode: 'plan' | 'batch' | 'final',
  resolved: ResolvedSettings,
): Record<string, unknown> {
  const out = { ...event };
  for (const [field, setting] of FIELDS[mode]) {
    const value = resolved.values[setting];
    const source = resolved.sources[setting]?.source;
    if (value === undefined || source === undefined || source === 'default') continue;
    if (source === 'flag' || out[field] === undefined) out[field] = value;
  }
  return out;
}
