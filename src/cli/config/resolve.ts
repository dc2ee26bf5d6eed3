/**
 * One precedence for every setting: flag > environment > config file > default. Each value is
 * validated with zod; every bad value is reported at once, naming the flag, variable or file key.
 */
import { dirname, resolve } from 'node:path';
import type { Env } from '../../config/env.js';
import { UsageError } from '../exitCodes.js';
import type { ConfigFile } from './file.js';
import { type CliSettings, flagAttribute, SETTINGS, type SettingName, type SettingSpec } from './spec.js';

/** Settings that name files or folders, made absolute during resolution. */
const PATH_SETTINGS: readonly SettingName[] = ['out', 'accountsFile'];

/** Where a resolved value came from. */
export type SettingSource = 'flag' | 'env' | 'file' | 'default';

/** The resolution: values, where each came from, and the environment the modes' own readers see. */
export interface ResolvedSettings {
  settings: CliSettings;
  sources: Partial<Record<SettingName, { source: SettingSource; origin: string }>>;
  /** The process environment over the config file's `env` section (environment wins). */
  env: Env;
  /** The config file used, if any. */
  configPath?: string;
}

function fromText(spec: SettingSpec, text: string): unknown {
  switch (spec.kind) {
    case 'int':
      return /^[-+]?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
    case 'bool': {
      const lowered = text.trim().toLowerCase();
      if (['true', '1', 'yes'].includes(lowered)) return true;
      if (['false', '0', 'no'].includes(lowered)) return false;
      return text;
    }
    case 'list':
      return text
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
    default:
      return text.trim();
  }
}

function firstEnv(env: Env, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return { name, value };
  }
  return undefined;
}

function describeIssue(error: unknown): string {
  const issues = (error as { issues?: { message: string }[] }).issues;
  if (issues && issues.length > 0) return issues.map((issue) => issue.message).join(', ');
  return 'has the wrong type';
}

/**
 * Resolves every setting. `flags` are commander's option values (strings from the command line,
 * `true` for switches); only keys present count as given. Paths come back absolute.
 * @throws UsageError listing every invalid setting with where it came from.
 */
export function resolveSettings(
  flags: Readonly<Record<string, unknown>>,
  env: Env,
  file: ConfigFile | undefined,
  cwd: string,
): ResolvedSettings {
  const values: Record<string, unknown> = {};
  const sources: ResolvedSettings['sources'] = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(SETTINGS) as [SettingName, SettingSpec][]) {
    const flagValue = flags[flagAttribute(spec.flag)];
    const envValue = firstEnv(env, spec.env);
    let candidate: { value: unknown; source: SettingSource; origin: string } | undefined;
    if (flagValue !== undefined) {
      candidate = {
        value: typeof flagValue === 'string' ? fromText(spec, flagValue) : flagValue,
        source: 'flag',
        origin: spec.flag,
      };
    } else if (envValue !== undefined) {
      candidate = {
        value: fromText(spec, envValue.value),
        source: 'env',
        origin: `${envValue.name} (environment)`,
      };
    } else if (file !== undefined && file.settings[spec.file] !== undefined) {
      candidate = { value: file.settings[spec.file], source: 'file', origin: `${spec.file} (${file.path})` };
    } else if (spec.fallback !== undefined) {
      candidate = { value: spec.fallback, source: 'default', origin: 'default' };
    }
    if (candidate === undefined) continue;
    if (spec.kind === 'int' && typeof candidate.value === 'string') {
      problems.push(`${candidate.origin}: must be a whole number, got ${JSON.stringify(candidate.value)}`);
      continue;
    }
    const parsed = spec.schema.safeParse(candidate.value);
    if (!parsed.success) {
      problems.push(`${candidate.origin}: ${describeIssue(parsed.error)}`);
      continue;
    }
    values[name] = parsed.data;
    sources[name] = { source: candidate.source, origin: candidate.origin };
  }
  if (problems.length > 0) throw new UsageError(`Invalid settings: ${problems.join('; ')}`, problems);
  // --out and --bucket choose the store. An explicit --out beats a bucket from the environment or
  // the config file (the user asked for a folder); both as flags is a contradiction.
  if (sources.out?.source === 'flag' && values.bucket !== undefined) {
    if (sources.bucket?.source === 'flag')
      throw new UsageError('Invalid settings: --bucket and --out exclude each other', [
        '--bucket and --out exclude each other',
      ]);
    delete values.bucket;
    delete sources.bucket;
  }
  // Paths in a config file are relative to the file; paths from flags and environment to the cwd.
  for (const name of PATH_SETTINGS) {
    const value = values[name];
    if (typeof value !== 'string') continue;
    const base = sources[name]?.source === 'file' && file !== undefined ? dirname(file.path) : cwd;
    values[name] = resolve(base, value);
  }
  const merged: Record<string, string | undefined> = { ...(file?.env ?? {}) };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) merged[key] = value;
  return {
    settings: values as unknown as CliSettings,
    sources,
    env: merged,
    ...(file !== undefined ? { configPath: file.path } : {}),
  };
}

/** True when the setting was given as a flag on this command line (flags override event fields). */
export function givenAsFlag(resolved: ResolvedSettings, name: SettingName): boolean {
  return resolved.sources[name]?.source === 'flag';
}
