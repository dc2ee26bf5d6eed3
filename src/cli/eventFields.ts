/**
 * Maps CLI settings onto event fields. Precedence for an event field: an explicit flag, then the
 * field in `--event`, then the environment / config file / default value of the setting.
 */
import type { ResolvedSettings } from './config/resolve.js';
import type { SettingName } from './config/spec.js';

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
 * Fills or overrides event fields from settings: flags always win; other sources only fill
 * fields the event does not have.
 */
export function applySettingsToEvent(
  event: Record<string, unknown>,
  mode: 'plan' | 'batch' | 'final',
  resolved: ResolvedSettings,
): Record<string, unknown> {
  const out = { ...event };
  const settings = resolved.settings as unknown as Record<string, unknown>;
  for (const [field, setting] of FIELDS[mode]) {
    const value = settings[setting];
    if (value === undefined) continue;
    if (resolved.sources[setting]?.source === 'flag' || out[field] === undefined) out[field] = value;
  }
  return out;
}
