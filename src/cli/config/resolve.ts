/**
 * The CLI's view of the settings table: flag > environment > config file > default for every
 * setting (`loadSettings`), plus what only a command line has — the store choice between `--out` and
 * a bucket, and paths relative to the config file or the working folder.
 */
import { absolutePath, type Env, type LoadedSettings, loadSettings } from '../../app/settings/load.js';
import type { SettingName, Settings } from '../../app/settings/types.js';
import { UsageError } from '../exitCodes.js';
import type { ConfigFile } from './file.js';

export type { SettingSource } from '../../app/settings/load.js';

/** The resolution: settings, where each came from, and the environment the AWS clients read. */
export interface ResolvedSettings {
  settings: Settings;
  /** Values by setting name (see `LoadedSettings.values`). */
  values: LoadedSettings['values'];
  sources: LoadedSettings['sources'];
  /** The process environment over the config file's `env` section (environment wins). */
  env: Env;
  /** The config file used, if any. */
  configPath?: string;
}

/**
 * Resolves every setting. `flags` are commander's option values (strings from the command line,
 * `true` for switches); only keys present count as given. Paths come back absolute.
 * @throws InvalidSettingError listing every invalid setting with where it came from.
 * @throws UsageError when `--bucket` and `--out` are both given.
 */
export function resolveSettings(
  flags: Readonly<Record<string, unknown>>,
  env: Env,
  file: ConfigFile | undefined,
  cwd: string,
): ResolvedSettings {
  const merged: Record<string, string | undefined> = { ...(file?.env ?? {}) };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) merged[key] = value;
  const loaded = loadSettings({
    env: merged,
    flags,
    ...(file !== undefined ? { file: { path: file.path, settings: file.settings } } : {}),
    surface: 'cli',
  });
  const { settings, values, sources } = loaded;
  // --out and --bucket choose the store. An explicit --out beats a bucket from the environment or
  // the config file (the user asked for a folder); both as flags is a contradiction.
  if (sources.out?.source === 'flag' && settings.store.bucket !== undefined) {
    if (sources.bucket?.source === 'flag')
      throw new UsageError('Invalid settings: --bucket and --out exclude each other', [
        '--bucket and --out exclude each other',
      ]);
    delete settings.store.bucket;
    delete values.bucket;
    delete sources.bucket;
  }
  settings.store.out = absolutePath(settings.store.out, sources.out?.source ?? 'default', file?.path, cwd);
  if (settings.run.accountsFile !== undefined)
    settings.run.accountsFile = absolutePath(
      settings.run.accountsFile,
      sources.accountsFile?.source ?? 'default',
      file?.path,
      cwd,
    );
  return { settings, values, sources, env: merged, ...(file !== undefined ? { configPath: file.path } : {}) };
}

/** True when the setting was given as a flag on this command line (flags override event fields). */
export function givenAsFlag(resolved: ResolvedSettings, name: SettingName): boolean {
  return resolved.sources[name]?.source === 'flag';
}

/** True when a source other than the built-in default set the setting. */
export function givenExplicitly(resolved: ResolvedSettings, name: SettingName): boolean {
  const source = resolved.sources[name]?.source;
  return source !== undefined && source !== 'default';
}
