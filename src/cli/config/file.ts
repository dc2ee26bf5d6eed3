/**
 * The optional JSON config file: `--config <file>`, else `CONFIGREPORT_CONFIG`, else
 * `./configreport.json` when it exists. Keys are the settings' snake_case names plus an `env`
 * section for any other documented environment variable (for example report thresholds).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Env } from '../../app/settings/load.js';
import { SETTINGS } from '../../app/settings/table.js';
import { UsageError } from '../exitCodes.js';

/** A loaded config file. */
export interface ConfigFile {
  path: string;
  /** Setting values by file key, not yet validated (resolveSettings validates them). */
  settings: Record<string, unknown>;
  /** Environment variables the file sets (the real environment wins over them). */
  env: Record<string, string>;
}

/** The default file name looked up in the working folder. */
export const DEFAULT_CONFIG_FILE = 'configreport.json';

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/**
 * Variables of settings the command line also takes as flags: in a file they belong at the top
 * level, under their file key. Other settings may also stand in `env` (read like the environment).
 */
const SETTING_BY_ENV = new Map<string, string>(
  Object.values(SETTINGS).flatMap((spec) =>
    'flag' in spec ? spec.env.map((name) => [name, spec.file] as const) : [],
  ),
);

const fileSchema = z
  .object({
    $schema: z.string().optional(),
    env: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .superRefine((env, ctx) => {
        for (const key of Object.keys(env)) {
          if (!ENV_NAME.test(key))
            ctx.addIssue({
              code: 'custom',
              path: [key],
              message: 'env keys must be environment variable names (A-Z, 0-9, _)',
            });
          const fileKey = SETTING_BY_ENV.get(key);
          if (fileKey !== undefined)
            ctx.addIssue({
              code: 'custom',
              path: [key],
              message: `${key} is a CLI setting: write it as the top-level key "${fileKey}"`,
            });
        }
      })
      .optional(),
    ...Object.fromEntries(Object.values(SETTINGS).map((spec) => [spec.file, z.unknown().optional()])),
  })
  .strict();

/**
 * Finds and reads the config file. Returns undefined when none is named and the default is absent.
 * @throws UsageError when a named file is missing, or any file is not valid JSON or has unknown keys.
 */
export async function loadConfigFile(
  explicit: string | undefined,
  env: Env,
  cwd: string,
): Promise<ConfigFile | undefined> {
  const named = explicit ?? (env.CONFIGREPORT_CONFIG?.trim() || undefined);
  const path = resolve(cwd, named ?? DEFAULT_CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && named === undefined) return undefined;
    throw new UsageError(`Config file ${path} cannot be read: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`Config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => {
      const where = issue.path.map(String).join('.') || '(file)';
      const message =
        issue.code === 'unrecognized_keys' ? `unknown keys ${issue.keys.join(', ')}` : issue.message;
      return `${where}: ${message}`;
    });
    throw new UsageError(`Config file ${path} is invalid: ${details.join('; ')}`, details);
  }
  const {
    env: fileEnv,
    $schema: _schema,
    ...settings
  } = parsed.data as Record<string, unknown> & {
    env?: Record<string, string | number | boolean>;
  };
  return {
    path,
    settings,
    env: Object.fromEntries(Object.entries(fileEnv ?? {}).map(([key, value]) => [key, String(value)])),
  };
}
