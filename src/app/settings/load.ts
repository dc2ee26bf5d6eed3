/**
 * Resolves every setting of the table with one precedence — CLI flag, then environment variable,
 * then config file, then default — validates each with its schema, and reports every problem at
 * once, each naming the flag, variable or file key it came from.
 */
import { resolve as resolvePath } from 'node:path';
import type { z } from 'zod';
import { InvalidSettingError } from './InvalidSettingError.js';
import { flagAttribute, fromText, type SettingRow } from './row.js';
import { CROSS_CHECKS, SETTINGS } from './table.js';
import type { SettingName, Settings } from './types.js';

/** Environment variables, as `process.env` holds them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Where a resolved value came from. */
export type SettingSource = 'flag' | 'env' | 'file' | 'default';

/** A config file's values (the CLI reads the file; the Lambda function has none). */
export interface SettingsFile {
  path: string;
  /** Values by file key, not yet validated. */
  settings: Readonly<Record<string, unknown>>;
}

/** What settings are resolved from. */
export interface SettingsInput {
  env: Env;
  /** CLI flags (commander's attribute names); only keys present count as given. */
  flags?: Readonly<Record<string, unknown>>;
  file?: SettingsFile;
  /** `lambda` makes the bucket and region required; `cli` has defaults for them. */
  surface: 'lambda' | 'cli';
}

/** The resolution: values grouped by section, and where each value came from. */
export interface LoadedSettings {
  settings: Settings;
  /** The same values by setting name (before grouping), for code that maps settings to event fields. */
  values: Partial<Record<SettingName, unknown>>;
  sources: Partial<Record<SettingName, { source: SettingSource; origin: string }>>;
}

type Candidate = { value: unknown; source: SettingSource; origin: string };

function firstEnv(env: Env, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return { name, value };
  }
  return undefined;
}

function candidateFor(
  spec: SettingRow,
  input: SettingsInput,
  resolved: Readonly<Record<string, unknown>>,
): Candidate | undefined {
  const flagValue = spec.flag !== undefined ? input.flags?.[flagAttribute(spec.flag)] : undefined;
  if (flagValue !== undefined) {
    const value = typeof flagValue === 'string' ? fromText(spec.kind, flagValue) : flagValue;
    return { value, source: 'flag', origin: spec.flag! };
  }
  const fromEnv = firstEnv(input.env, spec.env);
  if (fromEnv !== undefined)
    return {
      value: fromText(spec.kind, fromEnv.value),
      source: 'env',
      origin: `${fromEnv.name} (environment)`,
    };
  const fromFile = input.file?.settings[spec.file];
  if (fromFile !== undefined && input.file !== undefined)
    return { value: fromFile, source: 'file', origin: `${spec.file} (${input.file.path})` };
  if (spec.fallback === undefined) return undefined;
  const value = typeof spec.fallback === 'function' ? spec.fallback(resolved) : spec.fallback;
  return { value, source: 'default', origin: 'default' };
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => issue.message).join(', ');
}

/** Writes `value` at a dotted path of `target`. */
function place(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}

/**
 * Resolves, validates and groups every setting.
 * @throws InvalidSettingError listing every invalid or missing setting with where it came from.
 */
export function loadSettings(input: SettingsInput): LoadedSettings {
  const values: Record<string, unknown> = {};
  const sources: LoadedSettings['sources'] = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(SETTINGS) as [SettingName, SettingRow][]) {
    const candidate = candidateFor(spec, input, values);
    if (input.surface === 'lambda' && spec.requiredInLambda && candidate?.source !== 'env') {
      problems.push(`${spec.env[0]} (environment): is required`);
      continue;
    }
    if (candidate === undefined) continue;
    // A default computed from other settings is meaningless when one of those was refused.
    if (candidate.source === 'default' && typeof spec.fallback === 'function' && problems.length > 0)
      continue;
    const parsed = spec.schema.safeParse(candidate.value);
    if (!parsed.success) {
      problems.push(`${candidate.origin}: ${describeIssues(parsed.error)}`);
      continue;
    }
    values[name] = parsed.data;
    sources[name] = { source: candidate.source, origin: candidate.origin };
  }
  for (const rule of CROSS_CHECKS) {
    if (!rule.settings.every((name) => name in values)) continue;
    const problem = rule.check(values);
    if (problem !== undefined)
      problems.push(`${rule.settings.map((name) => sources[name]?.origin ?? name).join(' / ')}: ${problem}`);
  }
  if (problems.length > 0) throw new InvalidSettingError(problems);
  const grouped: Record<string, unknown> = {
    store: {},
    aws: {},
    pacing: {},
    run: {},
    plan: {},
    batch: {},
    final: {},
  };
  for (const [name, value] of Object.entries(values))
    for (const path of SETTINGS[name as SettingName].to) place(grouped, path, structuredClone(value));
  return { settings: grouped as Settings, values, sources };
}

/** The settings with every default (tests, benchmarks and tools that override a few values). */
export function defaultSettings(env: Env = {}): Settings {
  return loadSettings({ env, surface: 'cli' }).settings;
}

/** Makes a path setting absolute: relative to the config file when it came from there, else to `cwd`. */
export function absolutePath(
  value: string,
  origin: SettingSource,
  filePath: string | undefined,
  cwd: string,
): string {
  return resolvePath(origin === 'file' && filePath !== undefined ? resolvePath(filePath, '..') : cwd, value);
}
