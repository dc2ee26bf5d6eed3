/**
 * Typed readers for environment variables. Each returns the default when the variable is unset or
 * empty, and throws an error naming the variable when it is set to something unusable. Only entry
 * points call these; everything below receives resolved settings.
 */

/** Environment variables, as `process.env` holds them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Thrown when a setting is present but invalid. */
export class InvalidSettingError extends Error {
  override readonly name = 'InvalidSettingError';
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
  }
}

function raw(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** A string setting. */
export function getString(env: Env, name: string): string | undefined;
export function getString(env: Env, name: string, fallback: string): string;
export function getString(env: Env, name: string, fallback?: string): string | undefined {
  return raw(env, name) ?? fallback;
}

/** A required string setting. */
export function requireString(env: Env, name: string): string {
  const value = raw(env, name);
  if (value === undefined) throw new InvalidSettingError(name, 'is required');
  return value;
}

/** A number setting within [min, max]. */
export function getNumber(env: Env, name: string, fallback: number, min = -Infinity, max = Infinity): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed))
    throw new InvalidSettingError(name, `must be a number, got ${JSON.stringify(value)}`);
  if (parsed < min || parsed > max) throw new InvalidSettingError(name, `must be between ${min} and ${max}`);
  return parsed;
}

/** A boolean setting: true/false/1/0/yes/no. */
export function getBoolean(env: Env, name: string, fallback: boolean): boolean {
  const value = raw(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw new InvalidSettingError(name, `must be true or false, got ${JSON.stringify(value)}`);
}

/** A comma-separated list setting (empty items dropped). */
export function getList(env: Env, name: string, fallback: readonly string[] = []): string[] {
  const value = raw(env, name);
  if (value === undefined) return [...fallback];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
